// Stores: direct (直营) or franchise (加盟, run by a franchisee). Managed by the merchandise manager.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma, Store } from '../../generated/prisma/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { code, containsAny, filterIds, filterString, guard, inUse, invalid, orderBy, text } from '../validation';

const SORTABLE = ['id', 'name', 'regionId', 'kind', 'franchiseeId'] as const;
const KINDS = ['direct', 'franchise'] as const;
const kind = z.enum(KINDS, { error: 'must be direct or franchise' });
const CreateBody = z.object({
  id: code(20),
  name: text(100),
  regionId: z.string({ error: 'required' }).min(1, 'required'),
  kind: kind.default('direct'),
  franchiseeId: z.string().min(1, 'required').nullish(),
});
const UpdateBody = z.object({
  name: text(100).optional(),
  regionId: z.string().min(1, 'required').optional(),
  kind: kind.optional(),
  franchiseeId: z.string().min(1, 'required').nullish(),
});

const storeView = (s: Store) => ({ id: s.id, name: s.name, regionId: s.regionId, kind: s.kind, franchiseeId: s.franchiseeId });

/** A franchise store names its franchisee; a direct store has none. */
function checkKind(kind: string, franchiseeId: string | null): void {
  if (kind === 'franchise' && !franchiseeId) throw invalid('franchiseeId', 'a franchise store must name its franchisee');
  if (kind === 'direct' && franchiseeId) throw invalid('franchiseeId', 'a direct store has no franchisee');
}

export function storeRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('manager');

  async function load(id: string) {
    const row = await ctx.db.store.findUnique({ where: { id } });
    if (!row) throw notFound(`Store ${id}`);
    return row;
  }

  router.get('/api/stores', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const where: Prisma.StoreWhereInput = {};
    const or = containsAny(f.q, ['id', 'name']);
    if (or) where.OR = or;
    const ids = filterIds(f.id);
    if (ids) where.id = { in: ids };
    if (filterString(f.regionId)) where.regionId = filterString(f.regionId);
    if (filterString(f.kind)) where.kind = filterString(f.kind);
    if (filterString(f.franchiseeId)) where.franchiseeId = filterString(f.franchiseeId);
    const [rows, total] = await Promise.all([
      ctx.db.store.findMany({ where, skip: q.skip, take: q.take, orderBy: orderBy(q, 'id', { id: 'asc' }) }),
      ctx.db.store.count({ where }),
    ]);
    sendList(res, 'stores', q, rows.map(storeView), total);
  });

  router.get('/api/stores/:id', requireStaff, async (req, res) => {
    res.json(storeView(await load(String(req.params.id))));
  });

  router.post('/api/stores', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const franchiseeId = body.franchiseeId ?? null;
    checkKind(body.kind, franchiseeId);
    const row = await guard(`Store ${body.id}`, () => ctx.db.store.create({ data: { ...body, franchiseeId } }));
    res.status(201).json(storeView(row));
  });

  router.put('/api/stores/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const current = await load(id);
    const body = parse(UpdateBody, req.body);
    const kindNow = body.kind ?? current.kind;
    const franchiseeId = body.franchiseeId === undefined ? current.franchiseeId : body.franchiseeId;
    checkKind(kindNow, franchiseeId);
    const row = await guard(`Store ${id}`, () => ctx.db.store.update({ where: { id }, data: { ...body, franchiseeId } }));
    res.json(storeView(row));
  });

  router.delete('/api/stores/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const row = await ctx.db.store.findUnique({ where: { id }, include: { _count: { select: { staff: true } } } });
    if (!row) throw notFound(`Store ${id}`);
    const used = inUse(`Store ${id}`, { users: row._count.staff });
    if (used) throw used;
    await guard(`Store ${id}`, () => ctx.db.store.delete({ where: { id } }));
    res.json(storeView(row));
  });

  return router;
}
