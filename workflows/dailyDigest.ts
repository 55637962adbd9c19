// The daily digest (每日待办摘要) and the weekly summary (每周汇总), each started by a Temporal
// Schedule (lib/reports/schedules.ts) at digest.dailyAt in TZ_BUSINESS. A run asks what to say
// at its own "now", then mails each recipient once per business date: the mail's idempotency
// key is per recipient and date, so a second run on the same day (a retry, a catch-up, a
// manual trigger) sends nothing twice, and nobody without content is mailed at all.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Digest } from '../lib/reports/digest';
import type { MailSendStatus, MailTemplateName } from '../domain/mail';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Like every mail: retried until the SMTP server takes it.
const mailActs = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // sendMail heartbeats while it works: a worker killed mid-send is retried after 20 s, not 2 minutes.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface DigestRunInput {
  /** ISO-8601 instant to report at; default the run's own clock. */
  at?: string;
}

export interface DigestRunResult {
  /** The business date the run was for. */
  date: string;
  /** The recipients, with what became of their mail. */
  recipients: { userId: string; status: MailSendStatus }[];
}

async function send(template: MailTemplateName, digests: Digest[]): Promise<DigestRunResult['recipients']> {
  const { workflowId } = workflowInfo();
  return Promise.all(
    digests.map(async (d) => {
      const r = await mailActs.sendMail({ idempotencyKey: d.key, toUserId: d.userId, template, params: d.params, workflowId });
      return { userId: d.userId, status: r.status };
    }),
  );
}

/** Each manager and supervisor with overdue tasks of their own or their team's gets one mail a day. */
export async function dailyDigest(input: DigestRunInput = {}): Promise<DigestRunResult> {
  const at = input.at ?? new Date().toISOString();
  const { date, digests } = await acts.buildDailyDigests({ at });
  return { date, recipients: await send('daily_digest', digests) };
}

/** The department managers get the summary of the 7 days before today. */
export async function weeklySummary(input: DigestRunInput = {}): Promise<DigestRunResult> {
  const at = input.at ?? new Date().toISOString();
  const { date, summaries } = await acts.buildWeeklySummaries({ at });
  return { date, recipients: await send('weekly_summary', summaries) };
}
