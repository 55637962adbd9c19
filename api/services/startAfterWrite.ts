// Starting the processes of rows just written, the one way every service does it: each row's
// workflow is started (startProcess), and the rows whose workflow could not be started are taken
// back out, so that no row is left without the process that owns it (a booking nobody tracks, a
// request nobody decides) and a retry does not find half of its request saved.
import { ApiError } from '../errors';

export interface StartAfterWrite<R> {
  /** Starts the row's process: true once settled, false when the answer comes first (see startProcess). */
  start(row: R): Promise<boolean>;
  /** Takes back out the rows whose process did not start. */
  rollBack(failed: R[]): Promise<void>;
  /**
   * The 503 temporal_unavailable's message, given why the first start failed, and its details.
   * Left out, the start's own error is thrown as it is, for errorHandler to map.
   */
  notStarted?(reason: string, failed: R[], saved: R[]): { message: string; details?: unknown };
}

/**
 * Starts one process per written row, all at once, and returns whether each settled, in the
 * rows' order. When any start fails, its rows are rolled back and the request fails; the rows
 * whose process did start stay (they are `saved` in notStarted).
 */
export async function startAfterWrite<R>(rows: readonly R[], how: StartAfterWrite<R>): Promise<boolean[]> {
  const started = await Promise.allSettled(rows.map(async (row) => how.start(row)));
  const failed = rows.filter((_row, i) => started[i]!.status === 'rejected');
  if (!failed.length) return started.map((s) => (s as PromiseFulfilledResult<boolean>).value);
  await how.rollBack(failed);
  const reason = (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason as Error;
  if (!how.notStarted) throw reason;
  const { message, details } = how.notStarted(
    reason.message,
    failed,
    rows.filter((row) => !failed.includes(row)),
  );
  throw new ApiError(503, 'temporal_unavailable', message, details);
}
