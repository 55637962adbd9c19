import { Router } from 'express';
import type { AppContext } from '../context';

/** GET /api/info: what the UI needs to know about this deployment. */
export function infoRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/info', (_req, res) => {
    res.json({
      temporalUiUrl: ctx.config.temporalUiUrl ?? null,
      temporalNamespace: ctx.config.temporalNamespace,
      tzBusiness: ctx.config.tzBusiness,
      mailCaptured: !ctx.config.smtpUrl,
    });
  });
  return router;
}
