// The Temporal Schedules of the digests, made to match the settings whenever a worker starts:
// created when missing, updated when they exist (ScheduleAlreadyRunning), so any number of
// workers starting at once leave exactly one of each. The daily digest runs every day at
// digest.dailyAt, the weekly summary on digest.weeklyOn at the same time, both in TZ_BUSINESS
// (the schedule's own time zone: Temporal keeps the local time across DST changes).
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ConnectionLike, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { readSettings, type SettingValues } from '../settings';

const log = logger('digest');

export const DAILY_DIGEST_SCHEDULE = 'digest-daily';
const START_DEADLINE_MS = 30_000;
export const WEEKLY_SUMMARY_SCHEDULE = 'digest-weekly';

type Weekday = SettingValues['digest.weeklyOn'];

/** The two schedules' options for these settings. */
export function digestScheduleOptions(
  settings: Pick<SettingValues, 'digest.dailyAt' | 'digest.weeklyOn'>,
  config: Pick<Config, 'tzBusiness' | 'taskQueue'>,
): ScheduleOptions[] {
  const [hour, minute] = settings['digest.dailyAt'].split(':').map(Number) as [number, number];
  const weekday = settings['digest.weeklyOn'].toUpperCase() as Uppercase<Weekday>;
  const policies: ScheduleOptions['policies'] = {
    // Each run mails at most once per person and day; a slow run (an SMTP outage) never holds up the next.
    overlap: ScheduleOverlapPolicy.ALLOW_ALL,
    // After an outage, a digest still goes out the same morning, not a day late.
    catchupWindow: '6 hours',
  };
  return [
    {
      scheduleId: DAILY_DIGEST_SCHEDULE,
      spec: { calendars: [{ hour, minute, comment: 'digest.dailyAt' }], timezone: config.tzBusiness },
      action: {
        type: 'startWorkflow',
        workflowType: 'dailyDigest',
        args: [{}],
        taskQueue: config.taskQueue,
        workflowId: DAILY_DIGEST_SCHEDULE,
      },
      policies,
      state: { note: '每日待办摘要 / daily digest (settings digest.dailyAt)' },
    },
    {
      scheduleId: WEEKLY_SUMMARY_SCHEDULE,
      spec: {
        calendars: [{ hour, minute, dayOfWeek: weekday, comment: 'digest.weeklyOn at digest.dailyAt' }],
        timezone: config.tzBusiness,
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'weeklySummary',
        args: [{}],
        taskQueue: config.taskQueue,
        workflowId: WEEKLY_SUMMARY_SCHEDULE,
      },
      policies,
      state: { note: '每周汇总 / weekly summary (settings digest.weeklyOn, digest.dailyAt)' },
    },
  ];
}

/** Creates the digest schedules, or brings existing ones in line with the settings (keeping paused ones paused). */
export async function ensureDigestSchedules(client: Client, config: Pick<Config, 'tzBusiness' | 'taskQueue'>, db: Db): Promise<void> {
  const settings = await readSettings(db);
  for (const options of digestScheduleOptions(settings, config)) {
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        spec: options.spec,
        action: options.action,
        policies: options.policies,
        state: { paused: previous.state.paused, note: previous.state.note ?? options.state?.note },
      }));
    }
  }
}

/**
 * At a worker's start (runtime/services.ts): ensureDigestSchedules over the worker's own
 * connection. Never throws: a worker without its schedules still works, so a failure is logged.
 */
export async function ensureDigestSchedulesAtStart(
  connection: ConnectionLike,
  config: Pick<Config, 'tzBusiness' | 'taskQueue' | 'temporalNamespace'>,
  db: Db,
): Promise<void> {
  try {
    // A deadline: a frontend that does not answer must not hold up the worker's start.
    await connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      ensureDigestSchedules(new Client({ connection, namespace: config.temporalNamespace }), config, db),
    );
    log.info(`digest schedules ${DAILY_DIGEST_SCHEDULE} and ${WEEKLY_SUMMARY_SCHEDULE} are up to date`);
  } catch (err) {
    log.warn('could not create or update the digest schedules; digests will not go out until a worker manages to', err);
  }
}
