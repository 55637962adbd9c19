// What every figure gets: the running system, an API client logged in as the demo users, the
// sizes in force, the time budget, and a way to wait until the system has gone quiet.
import type { Worker } from '@temporalio/worker';
import type { BenchEnv } from './env';
import { sleep } from './env';
import type { Api } from './util';

export interface Sizes {
  /** Figure 1: processes started through the API, and bare starts. */
  starts: number;
  /** Requests in flight while measuring start throughput. */
  startConcurrency: number;
  /** Figure 2: decision round trips, and bare Update round trips. */
  decisions: number;
  /** Figure 3: history loaded before the inbox is measured. */
  tasks: number;
  auditEvents: number;
  /** Figure 3: timed requests per query. */
  inboxSamples: number;
  /** Figure 4: open processes wanted (BENCH_SCALE); fewer when the time budget cannot hold them. */
  scale: number;
  /** Figure 5: lines of the order sheet and franchisees it books for. */
  importLines: number;
  importFranchisees: number;
  /** Figure 6: fresh browser contexts timed to the login form and on to the inbox. */
  uiSamples: number;
}

/** One line of the table: our figure beside its baseline. */
export interface Row {
  figure: string;
  metric: string;
  unit: string;
  ours: number;
  baseline: number | null;
  /** What the baseline is. */
  baselineIs?: string;
  note?: string;
}

export interface BenchContext {
  env: BenchEnv;
  api: Api;
  /** Bearer tokens of the demo users. */
  token(username: string): string;
  userId(username: string): string;
  sizes: Sizes;
  /** The worker of the bare baselines (bench/workflows) and its task queue. */
  bare: { worker: Worker; taskQueue: string };
  /** Epoch ms by which the whole run should be done. */
  deadline: number;
  log(msg: string): void;
  /** Workflow ids started here, to be terminated at the end on a real Temporal server. */
  started: string[];
  /** Extra output of a figure for the JSON (plans, sizes, samples). */
  details: Record<string, unknown>;
}

/**
 * Waits until the audit trail, the mail outbox and the task inbox have not changed for
 * `stableMs`: the work a figure set off is done before the next figure starts (bounded).
 */
export async function quiesce(ctx: BenchContext, maxMs = 120_000, stableMs = 3000): Promise<{ quiet: boolean; waitedS: number }> {
  const t0 = Date.now();
  let last = '';
  let since = Date.now();
  while (Date.now() - t0 < maxMs) {
    const [row] = await ctx.env.db.$queryRaw<{ a: bigint | null; m: bigint; t: bigint }[]>`
      SELECT (SELECT max(id) FROM "AuditEvent") AS a, (SELECT count(*) FROM "MailMessage") AS m,
             (SELECT count(*) FROM "Task" WHERE status = 'open') AS t`;
    const sig = `${row?.a}/${row?.m}/${row?.t}`;
    if (sig !== last) {
      last = sig;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) {
      return { quiet: true, waitedS: (Date.now() - t0) / 1000 };
    }
    await sleep(500);
  }
  return { quiet: false, waitedS: (Date.now() - t0) / 1000 };
}

/** Polls `read` until `until` holds (bounded); returns the last value and whether it held. */
export async function waitFor<T>(
  read: () => Promise<T>,
  until: (v: T) => boolean,
  maxMs: number,
  intervalMs = 250,
): Promise<{ value: T; ok: boolean }> {
  const t0 = Date.now();
  for (;;) {
    const value = await read();
    if (until(value)) return { value, ok: true };
    if (Date.now() - t0 > maxMs) return { value, ok: false };
    await sleep(intervalMs);
  }
}
