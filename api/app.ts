// The HTTP application: JSON API under /api, health at /health, the built admin UI at /.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { authenticate } from './auth';
import type { AppContext } from './context';
import { errorHandler, unknownApiRoute } from './errors';
import { refuseNulCharacters } from './nul';
import { openApiDocument } from './openapi';
import { cors, securityHeaders } from './security';
import { loginRoutes, meRoutes } from './routes/auth';
import { devMailRoutes } from './routes/devMails';
import { healthRoutes } from './routes/health';
import { infoRoutes } from './routes/info';
import { approvalRoutes } from './routes/approvals';
import { delegationRoutes } from './routes/delegations';
import { bookingRoutes } from './routes/bookings';
import { planRoutes } from './routes/plans';
import { priceRoutes } from './routes/prices';
import { quotaRoutes } from './routes/quotas';
import { returnRoutes } from './routes/returns';
import { reportRoutes } from './routes/reports';
import { shipmentRoutes } from './routes/shipments';
import { auditRoutes, processRoutes } from './routes/processes';
import { settingsRoutes } from './routes/settings';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import { calendarRoutes } from './routes/calendar';
import { calendarOverrideRoutes } from './routes/calendarOverrides';
import { franchiseeRoutes } from './routes/franchisees';
import { productRoutes } from './routes/products';
import { regionRoutes } from './routes/regions';
import { seasonRoutes } from './routes/seasons';
import { storeRoutes } from './routes/stores';

export const ADMIN_UI_DIST = path.resolve(__dirname, '../admin-ui/dist');

export function createApp(ctx: AppContext, options: { uiDist?: string } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  // Security headers everywhere; CORS only for configured origins (not '*'): api/security.ts.
  app.use(securityHeaders());
  app.use(cors(ctx.config));
  app.use(express.json({ limit: '2mb' }));
  app.use(refuseNulCharacters);

  app.use(healthRoutes(ctx));
  app.get('/api/openapi.json', (_req, res) => void res.json(openApiDocument));
  app.use(loginRoutes(ctx));

  app.use('/api', authenticate(ctx));
  app.use(meRoutes(ctx));
  app.use(infoRoutes(ctx));
  app.use(userRoutes(ctx));
  app.use(regionRoutes(ctx));
  app.use(storeRoutes(ctx));
  app.use(franchiseeRoutes(ctx));
  app.use(productRoutes(ctx));
  app.use(seasonRoutes(ctx));
  app.use(calendarOverrideRoutes(ctx));
  app.use(calendarRoutes(ctx));
  app.use(settingsRoutes(ctx));
  app.use(devMailRoutes(ctx));
  app.use(taskRoutes(ctx));
  app.use(processRoutes(ctx));
  app.use(auditRoutes(ctx));
  app.use(approvalRoutes(ctx));
  app.use(delegationRoutes(ctx));
  app.use(planRoutes(ctx));
  app.use(bookingRoutes(ctx));
  app.use(quotaRoutes(ctx));
  app.use(shipmentRoutes(ctx));
  app.use(priceRoutes(ctx));
  app.use(returnRoutes(ctx));
  app.use(reportRoutes(ctx)); // /api/reports/* and GET /metrics (no login: outside /api)
  app.use('/api', unknownApiRoute);

  const uiDist = options.uiDist ?? ADMIN_UI_DIST;
  if (existsSync(path.join(uiDist, 'index.html'))) {
    app.use(express.static(uiDist, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the single-page app.
    app.get(/^\/(?!api\/|health$).*/, (_req, res) => res.sendFile(path.join(uiDist, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The admin UI is not built. `npm start` builds it; or run `npm run build --prefix admin-ui`.\n');
    });
  }

  // Anything else (e.g. POST /health) is a JSON 404 too, not Express's HTML page naming itself.
  app.use(unknownApiRoute);
  app.use(errorHandler);
  return app;
}
