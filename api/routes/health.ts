import { Router } from 'express';
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

/** GET /health: 200 when the database and Temporal answer, else 503 naming what is down. */
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
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'down' : 'ok',
      db,
      temporal,
      ...(down.length ? { down } : {}),
    });
  });
  return router;
}
