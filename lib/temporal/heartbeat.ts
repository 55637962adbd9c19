// Heartbeats for activities that may legitimately run long (a slow SMTP exchange): with a short
// heartbeatTimeout, Temporal notices a dead worker within seconds and retries elsewhere, instead
// of waiting out the whole startToCloseTimeout.
import { Context } from '@temporalio/activity';

/** Runs `work`, heartbeating every `everyMs` while it runs inside an activity (a no-op outside one, e.g. in tests). */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 3_000): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    ctx = undefined; // called directly, not as an activity
  }
  if (!ctx) return work();
  const context = ctx;
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
