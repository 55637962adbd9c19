// The OpenAPI 3 document served at GET /api/openapi.json: everything the API offers.
// The public contract (docs/api.md) is the stable subset of it. Each area of the API is described
// in its own file; this one assembles them, in the order the document has always listed them.
import { bookingPaths, bookingSchemas } from './bookings';
import { calendarPaths, calendarSchemas } from './calendar';
import { masterDataPaths, masterDataSchemas } from './masterData';
import { planPaths, planSchemas } from './plans';
import { pricePaths, priceSchemas } from './prices';
import { reportPaths } from './reports';
import { returnPaths, returnSchemas } from './returns';
import { settingPaths, settingSchemas } from './settings';
import { errorSchemas } from './shared';
import { shipmentPaths, shipmentSchemas } from './shipments';
import { devMailPaths, devMailSchemas, healthPaths, infoPaths } from './system';
import { inboxPaths, taskPaths, taskSchemas } from './tasks';
import { userPaths, userSchemas } from './users';

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Merchandise Flow API',
    version: '1.0.0',
    description:
      'Workflow engine with approval flows for the merchandise department. Money is integer fen; instants are ISO-8601 with zone. Lists follow react-admin simple REST (Content-Range header). ' +
      'Every answer carries security headers (Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Strict-Transport-Security). ' +
      'CORS: only the origins in CORS_ORIGINS (outside production also the admin UI dev server, http://127.0.0.1:5173 and http://localhost:5173) get Access-Control-Allow-Origin; a preflight from any other origin is 403 cors_origin_refused. ' +
      'Read your writes: a 2xx to an act (decision, delegation, claim, 加签, withdraw, urge, resubmit, payment, shipment event, receipt, cancel, a process start) comes once its effect is written, so any request after it, by anyone, sees it: the task closed, the next tasks open, the process in its next state, the timeline entry. A start whose process has not reached its first tasks within 10 s (e.g. no worker running) still answers: POST /api/approvals and plan submit with 202 (status starting), the other starts with their record as written so far; mail follows later. ' +
      'Availability: any request may answer 503 with Retry-After — service_unavailable (the API is starting or shutting down), database_unavailable, temporal_unavailable; repeating it is safe (a decision or payment that did land answers 409 task_already_decided / duplicate_payment_reference on the repeat).',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      ...returnSchemas,
      ...priceSchemas,
      ...shipmentSchemas,
      ...bookingSchemas,
      ...errorSchemas,
      ...userSchemas,
      ...masterDataSchemas,
      ...settingSchemas,
      ...taskSchemas,
      ...planSchemas,
      ...devMailSchemas,
      ...calendarSchemas,
    },
  },
  security: [{ bearer: [] }],
  paths: {
    ...healthPaths,
    ...userPaths,
    ...masterDataPaths,
    ...calendarPaths,
    ...settingPaths,
    ...inboxPaths,
    ...infoPaths,
    ...taskPaths,
    ...planPaths,
    ...bookingPaths,
    ...shipmentPaths,
    ...pricePaths,
    ...returnPaths,
    ...devMailPaths,
    ...reportPaths,
  },
} as const;
