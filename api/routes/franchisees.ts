// Franchisees (加盟商) with their booking terms and order quotas (订货指标) per season.
import { Router } from 'express';
import { z } from 'zod';
import type { Franchisee, FranchiseeQuota, Prisma } from '../../generated/prisma/client';
import type { Db } from '../../lib/db/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { code, containsAny, fen, filterIds, filterString, guard, inUse, orderBy, text, unknownReference } from '../validation';

const SORTABLE = ['id', 'name', 'regionId', 'email', 'prepaymentShareBp', 'paymentWindowDays'] as const;

const Quota = z.object({ seasonCode: z.string({ error: 'required' }).min(1, 'required'), quotaFen: fen() });
const Quotas = z.array(Quota, { error: 'must be a list of {seasonCode, quotaFen}' }).superRefine((quotas, zctx) => {
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    if (seen.has(q.seasonCode)) zctx.addIssue({ code: 'custom', message: 'season listed twice', path: [i, 'seasonCode'] });
    seen.add(q.seasonCode);
  });
});
const Fields = {
  name: text(100),
  regionId: z.string({ error: 'required' }).min(1, 'required'),
  email: z.string({ error: 'required' }).trim().email('must be an e-mail address'),
  prepaymentShareBp: z
    .number({ error: 'must be basis points 0..10000' })
    .int('must be whole basis points')
    .min(0, 'must be ≥ 0')
    .max(10_000, 'must be ≤ 10000 (100%)')
    .nullish(),
  paymentWindowDays: z
    .number({ error: 'must be a number of days' })
    .int('must be whole days')
    .min(1, 'must be ≥ 1')
    .max(365, 'must be ≤ 365')
    .nullish(),
  quotas: Quotas.optional(),
};
const CreateBody = z.object({ id: code(20), ...Fields });
const UpdateBody = z.object(Fields).partial();

type WithQuotas = Franchisee & { quotas: FranchiseeQuota[] };
const include = { quotas: { orderBy: { seasonCode: 'asc' } } } as const;

function franchiseeView(f: WithQuotas) {
  return {
    id: f.id,
    name: f.name,
    regionId: f.regionId,
    email: f.email,
    prepaymentShareBp: f.prepaymentShareBp,
    paymentWindowDays: f.paymentWindowDays,
    quotas: f.quotas.map((q) => ({ seasonCode: q.seasonCode, quotaFen: Number(q.quotaFen), source: q.source })),
  };
}

/** 422 on quotas.<i>.seasonCode for a season that does not exist. */
async function checkSeasons(db: Db, quotas: { seasonCode: string }[]): Promise<void> {
  if (!quotas.length) return;
  const known = new Set(
    (await db.season.findMany({ where: { code: { in: quotas.map((q) => q.seasonCode) } }, select: { code: true } })).map((s) => s.code),
  );
  const i = quotas.findIndex((q) => !known.has(q.seasonCode));
  if (i >= 0) throw unknownReference(`quotas.${i}.seasonCode`, 'season');
}

export function franchiseeRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('manager');

  async function load(id: string) {
    const row = await ctx.db.franchisee.findUnique({ where: { id }, include });
    if (!row) throw notFound(`Franchisee ${id}`);
    return row;
  }

  router.get('/api/franchisees', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const where: Prisma.FranchiseeWhereInput = {};
    const or = containsAny(f.q, ['id', 'name']);
    if (or) where.OR = or;
    const ids = filterIds(f.id);
    if (ids) where.id = { in: ids };
    if (filterString(f.regionId)) where.regionId = filterString(f.regionId);
    const [rows, total] = await Promise.all([
      ctx.db.franchisee.findMany({ where, include, skip: q.skip, take: q.take, orderBy: orderBy(q, 'id', { id: 'asc' }) }),
      ctx.db.franchisee.count({ where }),
    ]);
    sendList(res, 'franchisees', q, rows.map(franchiseeView), total);
  });

  router.get('/api/franchisees/:id', requireStaff, async (req, res) => {
    res.json(franchiseeView(await load(String(req.params.id))));
  });

  router.post('/api/franchisees', writers, async (req, res) => {
    const { quotas = [], ...data } = parse(CreateBody, req.body);
    await checkSeasons(ctx.db, quotas);
    const row = await guard(`Franchisee ${data.id}`, () =>
      ctx.db.franchisee.create({
        data: { ...data, quotas: { create: quotas.map((q) => ({ seasonCode: q.seasonCode, quotaFen: BigInt(q.quotaFen) })) } },
        include,
      }),
    );
    res.status(201).json(franchiseeView(row));
  });

  router.put('/api/franchisees/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    await load(id);
    const { quotas, ...data } = parse(UpdateBody, req.body);
    if (quotas) await checkSeasons(ctx.db, quotas);
    const row = await guard(`Franchisee ${id}`, () =>
      ctx.db.$transaction(async (tx) => {
        await tx.franchisee.update({ where: { id }, data });
        if (quotas) {
          await tx.franchiseeQuota.deleteMany({ where: { franchiseeId: id } });
          await tx.franchiseeQuota.createMany({
            data: quotas.map((q) => ({ franchiseeId: id, seasonCode: q.seasonCode, quotaFen: BigInt(q.quotaFen) })),
          });
        }
        return tx.franchisee.findUniqueOrThrow({ where: { id }, include });
      }),
    );
    res.json(franchiseeView(row));
  });

  router.delete('/api/franchisees/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const row = await ctx.db.franchisee.findUnique({
      where: { id },
      include: { ...include, _count: { select: { stores: true, users: true, quotas: true } } },
    });
    if (!row) throw notFound(`Franchisee ${id}`);
    const used = inUse(`Franchisee ${id}`, row._count);
    if (used) throw used;
    await guard(`Franchisee ${id}`, () => ctx.db.franchisee.delete({ where: { id } }));
    res.json(franchiseeView(row));
  });

  return router;
}
