// The one way tests wait for a state the system reaches by itself: poll, never sleep a fixed time.

export interface UntilOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** Between reads (default 100 ms). */
  intervalMs?: number;
  /** A read that throws counts as "not yet" (a server being restarted) instead of failing at once. */
  retryErrors?: boolean;
  /** Appended to the failure message, e.g. the tail of a child process's output. */
  log?: () => string;
}

const show = (v: unknown) =>
  v instanceof Error ? v.message : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))?.slice(0, 2000);

/** Polls `read` until `ok` holds (real time; the time-skipping clock is not involved); returns that value. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean = (v) => Boolean(v),
  opts: UntilOptions = {},
): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 100, retryErrors = false, log } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: unknown;
    try {
      const v = await read();
      if (ok(v)) return v;
      last = v;
    } catch (err) {
      if (!retryErrors) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      const tail = log ? `\n--- log tail ---\n${log().slice(-6000)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${show(last)}${tail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
