// The company's own exceptions to the public-holiday calendar (domain/calendar.ts): a day
// off on a working day, or a working day on a holiday. Managed by an admin.
import { Router } from 'express';
import { z } from 'zod';
import type { CalendarOverride, Prisma } from '../../generated/prisma/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { filterBoolean, filterIds, guard, idAlias, isoDate, orderBy } from '../validation';

const SORTABLE = ['id', 'date', 'isWorkday'] as const;
const Fields = {
  isWorkday: z.boolean({ error: 'must be true or false' }),
  note: z.string().trim().max(200, 'at most 200 characters').nullish(),
};
const CreateBody = z.preprocess(idAlias('date'), z.object({ date: isoDate, ...Fields }));
const UpdateBody = z.object(Fields).partial();

const overrideView = (c: CalendarOverride) => ({ id: c.date, date: c.date, isWorkday: c.isWorkday, note: c.note });

function yearFilter(v: unknown): number | undefined {
  const n = typeof v === 'string' && v !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : undefined;
}

export function calendarOverrideRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('admin');

  async function load(date: string) {
    const row = await ctx.db.calendarOverride.findUnique({ where: { date } });
    if (!row) throw notFound(`Calendar override ${date}`);
    return row;
  }

  router.get('/api/calendar-overrides', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const where: Prisma.CalendarOverrideWhereInput = {};
    const ids = filterIds(f.id);
    if (ids) where.date = { in: ids };
    const year = yearFilter(f.year);
    if (year !== undefined) where.date = { ...(where.date as object), startsWith: `${year}-` };
    const isWorkday = filterBoolean(f.isWorkday);
    if (isWorkday !== undefined) where.isWorkday = isWorkday;
    const [rows, total] = await Promise.all([
      ctx.db.calendarOverride.findMany({ where, skip: q.skip, take: q.take, orderBy: orderBy(q, 'date', { date: 'asc' }) }),
      ctx.db.calendarOverride.count({ where }),
    ]);
    sendList(res, 'calendar-overrides', q, rows.map(overrideView), total);
  });

  router.get('/api/calendar-overrides/:id', requireStaff, async (req, res) => {
    res.json(overrideView(await load(String(req.params.id))));
  });

  router.post('/api/calendar-overrides', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const row = await guard(
      `Calendar override ${body.date}`,
      () => ctx.db.calendarOverride.create({ data: { ...body, note: body.note ?? null } }),
      'date',
    );
    res.status(201).json(overrideView(row));
  });

  router.put('/api/calendar-overrides/:id', writers, async (req, res) => {
    const date = String(req.params.id);
    await load(date);
    const body = parse(UpdateBody, req.body);
    const row = await guard(`Calendar override ${date}`, () => ctx.db.calendarOverride.update({ where: { date }, data: body }), 'date');
    res.json(overrideView(row));
  });

  router.delete('/api/calendar-overrides/:id', writers, async (req, res) => {
    const date = String(req.params.id);
    const row = await load(date);
    await guard(`Calendar override ${date}`, () => ctx.db.calendarOverride.delete({ where: { date } }), 'date');
    res.json(overrideView(row));
  });

  return router;
}
