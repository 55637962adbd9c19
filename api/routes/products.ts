// Products (款), keyed by SKU, with prices in fen and their size run (尺码) in order.
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma, Product, ProductSize } from '../../generated/prisma/client';
import { requireRole, requireStaff } from '../auth';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { code, containsAny, fen, filterIds, filterString, guard, idAlias, INT4_MAX, orderBy, text } from '../validation';

const SORTABLE = ['id', 'sku', 'name', 'category', 'seasonCode', 'wholesalePriceFen', 'retailPriceFen', 'createdAt'] as const;

const Sizes = z
  .array(z.string({ error: 'must be a size such as M' }).trim().min(1, 'required').max(20, 'at most 20 characters'), {
    error: 'must be a list of sizes',
  })
  .min(1, 'at least one size')
  .max(50, 'at most 50 sizes')
  .superRefine((sizes, zctx) => {
    const seen = new Set<string>();
    sizes.forEach((s, i) => {
      if (seen.has(s)) zctx.addIssue({ code: 'custom', message: `size ${s} listed twice`, path: [i] });
      seen.add(s);
    });
  });
const Fields = {
  name: text(200),
  category: text(50),
  seasonCode: z.string({ error: 'required' }).min(1, 'required'),
  wholesalePriceFen: fen(INT4_MAX),
  retailPriceFen: fen(INT4_MAX),
  sizes: Sizes,
};
const CreateBody = z.preprocess(idAlias('sku'), z.object({ sku: code(40), ...Fields }));
const UpdateBody = z.object(Fields).partial();

type WithSizes = Product & { sizes: ProductSize[] };
const include = { sizes: { orderBy: { sortKey: 'asc' } } } as const;

function productView(p: WithSizes) {
  return {
    id: p.sku,
    sku: p.sku,
    name: p.name,
    category: p.category,
    seasonCode: p.seasonCode,
    wholesalePriceFen: p.wholesalePriceFen,
    retailPriceFen: p.retailPriceFen,
    sizes: p.sizes.map((s) => s.size),
    createdAt: p.createdAt.toISOString(),
  };
}

const sizeRows = (sizes: string[]) => sizes.map((size, sortKey) => ({ size, sortKey }));

export function productRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole('manager');

  async function load(sku: string) {
    const row = await ctx.db.product.findUnique({ where: { sku }, include });
    if (!row) throw notFound(`Product ${sku}`);
    return row;
  }

  router.get('/api/products', requireStaff, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const where: Prisma.ProductWhereInput = {};
    const or = containsAny(f.q, ['sku', 'name']);
    if (or) where.OR = or;
    const ids = filterIds(f.id);
    if (ids) where.sku = { in: ids };
    if (filterString(f.seasonCode)) where.seasonCode = filterString(f.seasonCode);
    if (filterString(f.category)) where.category = filterString(f.category);
    const [rows, total] = await Promise.all([
      ctx.db.product.findMany({ where, include, skip: q.skip, take: q.take, orderBy: orderBy(q, 'sku', { sku: 'asc' }) }),
      ctx.db.product.count({ where }),
    ]);
    sendList(res, 'products', q, rows.map(productView), total);
  });

  router.get('/api/products/:id', requireStaff, async (req, res) => {
    res.json(productView(await load(String(req.params.id))));
  });

  router.post('/api/products', writers, async (req, res) => {
    const { sizes, ...data } = parse(CreateBody, req.body);
    const row = await guard(
      `Product ${data.sku}`,
      () => ctx.db.product.create({ data: { ...data, sizes: { create: sizeRows(sizes) } }, include }),
      'sku',
    );
    res.status(201).json(productView(row));
  });

  router.put('/api/products/:id', writers, async (req, res) => {
    const sku = String(req.params.id);
    await load(sku);
    const { sizes, ...data } = parse(UpdateBody, req.body);
    const row = await guard(
      `Product ${sku}`,
      () =>
        ctx.db.$transaction(async (tx) => {
          await tx.product.update({ where: { sku }, data });
          if (sizes) {
            await tx.productSize.deleteMany({ where: { sku } });
            await tx.productSize.createMany({ data: sizeRows(sizes).map((s) => ({ sku, ...s })) });
          }
          return tx.product.findUniqueOrThrow({ where: { sku }, include });
        }),
      'sku',
    );
    res.json(productView(row));
  });

  router.delete('/api/products/:id', writers, async (req, res) => {
    const sku = String(req.params.id);
    const row = await load(sku);
    // Sizes go with the product; anything else that points at it refuses (409 in_use).
    await guard(`Product ${sku}`, () => ctx.db.product.delete({ where: { sku } }), 'sku');
    res.json(productView(row));
  });

  return router;
}
