// Regions (片区): master data, managed by an admin.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma, Region } from '../../generated/prisma/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { code, containsAny, filterIds, guard, inUse, orderBy, text } from '../validation';

const SORTABLE = ['id', 'name'] as const;
const CreateBody = z.object({ id: code(20), name: text(100) });
const UpdateBody = CreateBody.omit({ id: true }).partial();

const regionView = (r: Region) => ({ id: r.id, name: r.name });

export function regionRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('admin');

  async function load(id: string) {
    const row = await ctx.db.region.findUnique({ where: { id } });
    if (!row) throw notFound(`Region ${id}`);
    return row;
  }

  router.get('/api/regions', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const where: Prisma.RegionWhereInput = {};
    const or = containsAny(q.filter.q, ['id', 'name']);
    if (or) where.OR = or;
    const ids = filterIds(q.filter.id);
    if (ids) where.id = { in: ids };
    const [rows, total] = await Promise.all([
      ctx.db.region.findMany({ where, skip: q.skip, take: q.take, orderBy: orderBy(q, 'id', { id: 'asc' }) }),
      ctx.db.region.count({ where }),
    ]);
    sendList(res, 'regions', q, rows.map(regionView), total);
  });

  router.get('/api/regions/:id', requireStaff, async (req, res) => {
    res.json(regionView(await load(String(req.params.id))));
  });

  router.post('/api/regions', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const row = await guard(`Region ${body.id}`, () => ctx.db.region.create({ data: body }));
    res.status(201).json(regionView(row));
  });

  router.put('/api/regions/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    await load(id);
    const body = parse(UpdateBody, req.body);
    const row = await guard(`Region ${id}`, () => ctx.db.region.update({ where: { id }, data: body }));
    res.json(regionView(row));
  });

  router.delete('/api/regions/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const row = await ctx.db.region.findUnique({
      where: { id },
      include: { _count: { select: { stores: true, franchisees: true, users: true } } },
    });
    if (!row) throw notFound(`Region ${id}`);
    const used = inUse(`Region ${id}`, row._count);
    if (used) throw used;
    await guard(`Region ${id}`, () => ctx.db.region.delete({ where: { id } }));
    res.json(regionView(row));
  });

  return router;
}
