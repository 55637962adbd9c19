import { Router } from 'express';
import { calendarCoverage, type CalendarCoverage } from '../../lib/calendar/official';
import { temporalReachable } from '../../lib/temporal/connection';
import type { AppContext } from '../context';

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The business calendar's part of /health: a warning, never "down" (the system runs on weekends-only days). */
async function calendarDetail(
  ctx: AppContext,
): Promise<{ status: CalendarCoverage['status']; knownThrough: number | null; gaps: CalendarCoverage['gaps'] } | { status: 'unknown' }> {
  try {
    const c = await withTimeout(calendarCoverage(ctx.db, ctx.config.tzBusiness, ctx.now?.() ?? new Date()), 2000);
    return { status: c.status, knownThrough: c.knownThrough, gaps: c.gaps };
  } catch {
    return { status: 'unknown' };
  }
}

/**
 * GET /health: 200 when the database and Temporal answer, else 503 naming what is down. Its
 * `calendar` detail warns of years the business calendar has no official holidays for
 * (lib/calendar/official.ts); a warning leaves the status as it is.
 */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [db, temporal] = await Promise.all([
      withTimeout(ctx.db.$queryRaw`SELECT 1`, 2000).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      temporalReachable(ctx.temporal, ctx.config.temporalNamespace).then((up) => (up ? ('ok' as const) : ('down' as const))),
    ]);
    const down = [db === 'down' && 'db', temporal === 'down' && 'temporal'].filter(Boolean);
    const calendar = db === 'ok' ? await calendarDetail(ctx) : { status: 'unknown' as const };
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'down' : 'ok',
      db,
      temporal,
      ...(down.length ? { down } : {}),
      calendar,
    });
  });
  return router;
}
