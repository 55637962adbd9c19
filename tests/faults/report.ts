// What each fault or bad-input test tried and what it found, written by the test run itself:
// one JSON file per row under test-output/reliability/, turned into the table of
// docs/reliability.md by scripts/reliability-table.mjs (npm run test:faults writes it there;
// npm test writes test-output/reliability.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RELIABILITY_DIR = path.resolve(__dirname, '../../test-output/reliability');

/** `npm run test:faults` sets FAULTS=full; `npm test` runs the same tests in a short configuration. */
export const FULL = process.env.FAULTS === 'full';

/** The number of runs (rounds, requests, processes) for this configuration. */
export const runs = (short: number, full: number): number => (FULL ? full : short);

export interface ReliabilityRow {
  /** Stable id, also the file name: e.g. 'worker-sigkill'. */
  id: string;
  /** Group in the table: 'fault', 'bad input', 'authorization', 'race'. */
  kind: 'fault' | 'bad input' | 'authorization' | 'race';
  /** What was done to the system, in a sentence. */
  tried: string;
  /** How many times (rounds, requests, processes): the figure, not the configured target. */
  runs: number;
  /** What was checked afterwards, in a sentence. */
  checked: string;
  /** What was found: e.g. '40/40 processes completed, 120 mails each once, 0 duplicates'. */
  outcome: string;
  /** Accepted things lost or doubled (decisions, payments, tasks, scans, mails): must be 0. */
  lost: number;
  /**
   * Mails delivered a second time, identical and with the same Message-ID, because the
   * connection or the worker died after the SMTP server took the message and before its reply
   * was recorded: the window SMTP cannot close (activities/mail.ts). Reported, not hidden.
   */
  resent?: number;
}

/** Records one row (overwrites an earlier run's row of the same id). Call it after the assertions passed. */
export function recordReliability(row: ReliabilityRow): void {
  mkdirSync(RELIABILITY_DIR, { recursive: true });
  writeFileSync(
    path.join(RELIABILITY_DIR, `${row.id}.json`),
    JSON.stringify({ ...row, configuration: FULL ? 'full' : 'short', at: new Date().toISOString() }, null, 2),
  );
}
