// Reports (报表): the department's figures as JSON, CSV and .xlsx — all of them at once for the
// dashboard, or one at a time — computed by SQL over the business tables (lib/reports), with day
// and week boundaries in TZ_BUSINESS; and GET /metrics for operations (Prometheus text, no
// login: it holds counts only). The order balance (期货订发欠) per franchisee and SKU stays at
// GET /api/reports/order-balance (routes/shipments.ts).
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { collectMetrics, METRICS_CONTENT_TYPE, renderMetrics } from '../../lib/metrics';
import {
  cycleTimeFigures,
  dashboard,
  delayedShipmentFigures,
  escalationFigures,
  escalationsThisWeek,
  lateApprovalFigures,
  orderTotals,
  prepaymentFigures,
  resolveSeason,
  returnFigures,
  taskFigures,
} from '../../lib/reports/figures';
import {
  cycleTimeSheets,
  dashboardSheets,
  delayedShipmentSheets,
  escalationSheets,
  lateApprovalSheets,
  orderTotalSheets,
  prepaymentSheets,
  returnSheets,
  sheetsCsv,
  sheetsXlsx,
  taskSheets,
  type ReportLocale,
  type Sheet,
} from '../../lib/reports/export';
import { reportWindow, WindowError, type ReportWindow } from '../../lib/reports/window';
import { currentUser, isStaff } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, parse } from '../errors';
import { invalid } from '../validation';

const Query = z.object({
  season: z.string().trim().max(20).optional(),
  /** "Now" of the report (ISO-8601 instant); default the request's time. */
  at: z
    .string()
    .trim()
    .max(40)
    // Within years 1900–9998: Date.parse takes up to +275760, and a week or day after 9999 is
    // beyond what luxon and PostgreSQL write (both were 500s).
    .refine(
      (s) => Date.parse(s) >= Date.UTC(1900, 0, 1) && Date.parse(s) < Date.UTC(9999, 0, 1),
      'must be an ISO-8601 instant between the years 1900 and 9998',
    )
    .optional(),
  // Years 1900–9998: PostgreSQL has no year 0 (a period before 0001-01-30 reached it) and does not
  // read the instant after 9999-12-31 (both were 500s).
  from: z
    .string()
    .trim()
    .max(10)
    .refine((s) => s === '' || (s >= '1900' && s < '9999'), 'must be a date YYYY-MM-DD from 1900 to 9998')
    .optional(),
  to: z
    .string()
    .trim()
    .max(10)
    .refine((s) => s === '' || (s >= '1900' && s < '9999'), 'must be a date YYYY-MM-DD from 1900 to 9998')
    .optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
type ReportQuery = z.infer<typeof Query>;

interface Figure<T> {
  /** Needs the season (default: the one running today). */
  seasonal?: boolean;
  compute(ctx: AppContext, w: ReportWindow, season: string | null, q: ReportQuery): Promise<T>;
  sheets(data: T, locale: ReportLocale): Sheet[];
}

const figure = <T>(f: Figure<T>) => f as Figure<unknown>;

/** Path (under /api/reports/) → figure. */
const FIGURES: Record<string, Figure<unknown>> = {
  dashboard: figure({ seasonal: true, compute: (ctx, w, season) => dashboard(ctx.db, w, season), sheets: dashboardSheets }),
  tasks: figure({ compute: (ctx, w) => taskFigures(ctx.db, w), sheets: taskSheets }),
  escalations: figure({
    // This week, unless a period is asked for.
    compute: (ctx, w, _s, q) =>
      q.from || q.to ? escalationFigures(ctx.db, w.tz, w.from, w.to, w.fromAt, w.toAt) : escalationsThisWeek(ctx.db, w),
    sheets: escalationSheets,
  }),
  'cycle-times': figure({ compute: (ctx, w) => cycleTimeFigures(ctx.db, w), sheets: cycleTimeSheets }),
  prepayments: figure({ seasonal: true, compute: (ctx, w, season) => prepaymentFigures(ctx.db, season, w), sheets: prepaymentSheets }),
  'delayed-shipments': figure({ compute: (ctx, w) => delayedShipmentFigures(ctx.db, w), sheets: delayedShipmentSheets }),
  'order-totals': figure({ seasonal: true, compute: (ctx, _w, season) => orderTotals(ctx.db, season), sheets: orderTotalSheets }),
  'late-price-approvals': figure({ compute: (ctx, w) => lateApprovalFigures(ctx.db, w), sheets: lateApprovalSheets }),
  returns: figure({ compute: (ctx) => returnFigures(ctx.db), sheets: returnSheets }),
};

export const REPORT_PATHS = Object.keys(FIGURES).map((name) => `/api/reports/${name}`);

export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const readers: RequestHandler = (req, _res, next) => {
    if (!isStaff(currentUser(req))) return next(forbidden('Reports are for merchandise staff'));
    next();
  };

  for (const [name, f] of Object.entries(FIGURES)) {
    router.get(`/api/reports/${name}`, readers, async (req: Request, res: Response) => {
      const q = parse(Query, req.query);
      let w: ReportWindow;
      try {
        w = reportWindow({
          tz: ctx.config.tzBusiness,
          at: q.at ? new Date(q.at) : undefined,
          from: q.from || undefined,
          to: q.to || undefined,
        });
      } catch (err) {
        if (err instanceof WindowError) throw invalid(err.field, err.message);
        throw err;
      }
      let season: string | null = null;
      if (f.seasonal) {
        if (q.season && !(await ctx.db.season.count({ where: { code: q.season } }))) throw invalid('season', `no such season ${q.season}`);
        season = await resolveSeason(ctx.db, q.season || undefined, w.today);
      }
      const data = await f.compute(ctx, w, season, q);
      if (q.format === 'json') return void res.json(data);
      const locale: ReportLocale = q.locale ?? (currentUser(req).locale.startsWith('en') ? 'en' : 'zh-CN');
      const sheets = f.sheets(data, locale);
      const stem = `report-${name}-${season ? `${season.replace(/[^A-Za-z0-9_-]/g, '_')}-` : ''}${w.today}`;
      res.attachment(`${stem}.${q.format}`);
      res.type(q.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      res.send(q.format === 'xlsx' ? await sheetsXlsx(sheets) : sheetsCsv(sheets));
    });
  }

  // Outside /api: no login. Counts only, no names.
  router.get('/metrics', async (_req, res) => {
    try {
      const body = renderMetrics(await collectMetrics(ctx.db));
      res.type(METRICS_CONTENT_TYPE).send(body);
    } catch (err) {
      throw new ApiError(503, 'metrics_unavailable', `The database did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  return router;
}
