// The business calendar's official years (issue 26): import a year's official schedule (ICS or
// CSV) in one step, and move the due dates of the open tasks it moves.
//
// An import is checked whole (domain/officialCalendar.ts: 422 naming the lines or rows, nothing
// written), then stored in one transaction replacing an earlier import of the year
// (lib/calendar/official.ts). The dates whose working-day status changed decide which processes
// are told: every process with an open task whose counting could cross one of them (opened
// before the last changed date, due at most ESCALATION_REACH_DAYS before the first one, since
// its escalation is counted from its due time) gets rescheduleDeadlinesUpdate, and recomputes
// its own business-day deadlines (workflows/engine/reschedule.ts). A re-import that changes no
// date sends nothing.
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { parseScheduleCsv, parseScheduleIcs, scheduleFormat, type ParsedSchedule } from '../../domain/officialCalendar';
import { saveOfficialSchedule } from '../../lib/calendar/official';
import type { Db } from '../../lib/db/client';
import { decodeText, mediaType, parseCsv } from '../../lib/files/read';
import { logger } from '../../lib/logger';
import { rescheduleDeadlinesUpdate, type RescheduledTask } from '../../workflows/messages';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { toApiError } from '../temporal';

const log = logger('calendar');

/** A task's escalation is counted from its due time: how far after it a changed date may still matter. */
export const ESCALATION_REACH_DAYS = 31;
/** Processes told at once. */
const CONCURRENCY = 8;

export interface RescheduleReport {
  /** Processes told. */
  processes: number;
  /** Tasks whose due time moved. */
  moved: (RescheduledTask & { workflowId: string })[];
  /** Processes that could not be told (not running on this code, unreachable): workflowId and why. */
  failed: { workflowId: string; error: string }[];
}

export interface ImportResult {
  year: number;
  format: 'ics' | 'csv';
  holidays: number;
  workdays: number;
  replaced: boolean;
  /** ICS events wholly outside the year, left out. */
  ignoredEvents: number;
  changedDates: string[];
  rescheduled: RescheduleReport;
}

function parseSchedule(
  year: number,
  body: Buffer | null,
  contentType: string | undefined,
): { format: 'ics' | 'csv'; parsed: ParsedSchedule } {
  if (!body?.length) {
    throw new ApiError(422, 'validation_failed', 'Send the schedule file itself as the body (text/calendar or text/csv)', {
      file: 'send an .ics or .csv file as the body',
    });
  }
  const text = decodeText(body);
  if (text === null) {
    throw new ApiError(422, 'validation_failed', 'The file is not text (expected .ics or .csv)', { file: 'not a text file' });
  }
  const format = scheduleFormat(text, mediaType(contentType));
  if (format === 'ics') return { format, parsed: parseScheduleIcs(text, year) };
  const csv = parseCsv(text);
  if ('error' in csv) return { format, parsed: { ok: false, message: csv.error, details: { file: csv.error } } };
  return { format, parsed: parseScheduleCsv(csv.rows, year) };
}

/** Sends the Update to each process with an open task the changed dates may move. */
export async function rescheduleOpenTasks(
  db: Db,
  temporal: Client,
  zone: string,
  input: { year: number; changedDates: string[]; actorId: string | null },
): Promise<RescheduleReport> {
  const report: RescheduleReport = { processes: 0, moved: [], failed: [] };
  if (!input.changedDates.length) return report;
  const first = DateTime.fromISO(input.changedDates[0]!, { zone }).startOf('day');
  const last = DateTime.fromISO(input.changedDates[input.changedDates.length - 1]!, { zone })
    .plus({ days: 1 })
    .startOf('day');
  const rows = await db.task.findMany({
    where: {
      status: 'open',
      createdAt: { lt: last.toJSDate() },
      dueAt: { gte: first.minus({ days: ESCALATION_REACH_DAYS }).toJSDate() },
      process: { endedAt: null },
    },
    distinct: ['workflowId'],
    select: { workflowId: true },
    orderBy: { workflowId: 'asc' },
  });
  const queue = rows.map((r) => r.workflowId);
  report.processes = queue.length;
  const worker = async () => {
    for (let workflowId = queue.shift(); workflowId; workflowId = queue.shift()) {
      try {
        const result = await temporal.workflow
          .getHandle(workflowId)
          .executeUpdate(rescheduleDeadlinesUpdate, { args: [{ reason: 'calendar_import', year: input.year, actorId: input.actorId }] });
        report.moved.push(...result.moved.map((m) => ({ ...m, workflowId })));
      } catch (err) {
        const e = toApiError(err);
        if (e instanceof ApiError && e.code === 'process_finished') continue; // ended meanwhile: nothing to move
        const error = err instanceof Error ? err.message : String(err);
        log.warn(`rescheduling ${workflowId} failed`, error);
        report.failed.push({ workflowId, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  report.moved.sort((a, b) => a.workflowId.localeCompare(b.workflowId) || a.taskId.localeCompare(b.taskId));
  return report;
}

export function calendarService(ctx: AppContext) {
  return {
    async importOfficialYear(
      year: number,
      file: { body: Buffer | null; contentType: string | undefined; fileName: string | null },
      user: CurrentUser,
    ): Promise<ImportResult> {
      const { format, parsed } = parseSchedule(year, file.body, file.contentType);
      if (!parsed.ok) throw new ApiError(422, 'invalid_schedule', parsed.message, parsed.details);
      const saved = await saveOfficialSchedule(ctx.db, {
        year,
        days: parsed.days,
        source: format,
        fileName: file.fileName,
        byUserId: user.id,
      });
      const rescheduled = await rescheduleOpenTasks(ctx.db, ctx.temporal, ctx.config.tzBusiness, {
        year,
        changedDates: saved.changedDates,
        actorId: user.id,
      });
      return { ...saved, format, ignoredEvents: parsed.ignoredEvents, rescheduled };
    },

    /**
     * Tells every process with an open task that may count a day of the year to recompute its
     * deadlines (after an import whose answer listed processes as failed); a task already on the
     * calendar's deadlines does not move again.
     */
    async rescheduleYear(year: number, user: CurrentUser): Promise<RescheduleReport> {
      return rescheduleOpenTasks(ctx.db, ctx.temporal, ctx.config.tzBusiness, {
        year,
        changedDates: [`${year}-01-01`, `${year}-12-31`],
        actorId: user.id,
      });
    },
  };
}
