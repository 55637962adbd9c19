// Seasons (季节, e.g. 2027SS) with their dates and whether the order fair takes bookings.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma, Season } from '../../generated/prisma/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import {
  code,
  containsAny,
  dateFromDb,
  dateToDb,
  filterBoolean,
  filterIds,
  guard,
  idAlias,
  inUse,
  invalid,
  isoDate,
  orderBy,
  text,
} from '../validation';

const SORTABLE = ['id', 'code', 'name', 'startsOn', 'endsOn', 'orderOpen'] as const;
const Fields = {
  name: text(100),
  startsOn: isoDate,
  endsOn: isoDate,
  orderOpen: z.boolean({ error: 'must be true or false' }),
};
const CreateBody = z.preprocess(idAlias('code'), z.object({ code: code(20), ...Fields, orderOpen: Fields.orderOpen.default(true) }));
const UpdateBody = z.object(Fields).partial();

const seasonView = (s: Season) => ({
  id: s.code,
  code: s.code,
  name: s.name,
  startsOn: dateFromDb(s.startsOn),
  endsOn: dateFromDb(s.endsOn),
  orderOpen: s.orderOpen,
});

function checkDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw invalid('endsOn', 'must be on or after startsOn');
}

export function seasonRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('manager');

  async function load(code: string) {
    const row = await ctx.db.season.findUnique({ where: { code } });
    if (!row) throw notFound(`Season ${code}`);
    return row;
  }

  router.get('/api/seasons', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const where: Prisma.SeasonWhereInput = {};
    const or = containsAny(f.q, ['code', 'name']);
    if (or) where.OR = or;
    const ids = filterIds(f.id);
    if (ids) where.code = { in: ids };
    const orderOpen = filterBoolean(f.orderOpen);
    if (orderOpen !== undefined) where.orderOpen = orderOpen;
    const [rows, total] = await Promise.all([
      ctx.db.season.findMany({ where, skip: q.skip, take: q.take, orderBy: orderBy(q, 'code', { startsOn: 'desc' }) }),
      ctx.db.season.count({ where }),
    ]);
    sendList(res, 'seasons', q, rows.map(seasonView), total);
  });

  router.get('/api/seasons/:id', requireStaff, async (req, res) => {
    res.json(seasonView(await load(String(req.params.id))));
  });

  router.post('/api/seasons', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    checkDates(body.startsOn, body.endsOn);
    const row = await guard(
      `Season ${body.code}`,
      () => ctx.db.season.create({ data: { ...body, startsOn: dateToDb(body.startsOn), endsOn: dateToDb(body.endsOn) } }),
      'code',
    );
    res.status(201).json(seasonView(row));
  });

  router.put('/api/seasons/:id', writers, async (req, res) => {
    const code = String(req.params.id);
    const current = seasonView(await load(code));
    const body = parse(UpdateBody, req.body);
    const startsOn = body.startsOn ?? current.startsOn;
    const endsOn = body.endsOn ?? current.endsOn;
    checkDates(startsOn, endsOn);
    const row = await guard(
      `Season ${code}`,
      () => ctx.db.season.update({ where: { code }, data: { ...body, startsOn: dateToDb(startsOn), endsOn: dateToDb(endsOn) } }),
      'code',
    );
    res.json(seasonView(row));
  });

  router.delete('/api/seasons/:id', writers, async (req, res) => {
    const code = String(req.params.id);
    const row = await ctx.db.season.findUnique({
      where: { code },
      include: { _count: { select: { products: true, quotas: true, processes: true } } },
    });
    if (!row) throw notFound(`Season ${code}`);
    const used = inUse(`Season ${code}`, row._count);
    if (used) throw used;
    await guard(`Season ${code}`, () => ctx.db.season.delete({ where: { code } }), 'code');
    res.json(seasonView(row));
  });

  return router;
}
