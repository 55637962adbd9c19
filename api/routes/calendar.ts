// The business calendar's years: which years it knows (the chinese-days package, imported
// official schedules) and where the system's dates reach beyond them (GET /api/calendar/coverage,
// read by the dashboard), and the admin's import of a year's official schedule.
import express, { Router } from 'express';
import { calendarCoverage, importedYears, PACKAGE_YEARS } from '../../lib/calendar/official';
import { currentUser, requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { calendarService } from '../services/calendar';

const IMPORT_LIMIT = '2mb';

function yearParam(v: unknown): number {
  const n = typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 2000 || n > 2100) {
    throw new ApiError(422, 'validation_failed', 'The year must be a year from 2000 to 2100', { year: 'a year from 2000 to 2100' });
  }
  return n;
}

export function calendarRoutes(ctx: AppContext): Router {
  const router = Router();
  const service = calendarService(ctx);
  const now = () => ctx.now?.() ?? new Date();

  router.get('/api/calendar/coverage', requireStaff, async (_req, res) => {
    res.json(await calendarCoverage(ctx.db, ctx.config.tzBusiness, now()));
  });

  router.get('/api/calendar/official-years', requireStaff, async (_req, res) => {
    res.json({ packageYears: PACKAGE_YEARS, imported: await importedYears(ctx.db) });
  });

  router.post(
    '/api/calendar/official-years/:year',
    requireRole('admin'),
    express.raw({ type: () => true, limit: IMPORT_LIMIT }),
    async (req, res) => {
      const year = yearParam(req.params.year);
      const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 200) : null;
      const result = await service.importOfficialYear(
        year,
        { body: Buffer.isBuffer(req.body) ? req.body : null, contentType: req.headers['content-type'], fileName },
        currentUser(req),
      );
      res.json(result);
    },
  );

  // Tells the processes again (e.g. those an import listed as failed): each recomputes, nothing moves twice.
  router.post('/api/calendar/official-years/:year/reschedule', requireRole('admin'), async (req, res) => {
    const year = yearParam(req.params.year);
    res.json(await service.rescheduleYear(year, currentUser(req)));
  });

  return router;
}
