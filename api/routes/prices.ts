// Price adjustments (调价, docs/domain.md process 4) and prices over HTTP: the context a proposal
// is grounded in (the receiving stores' 库龄, 库存, 售罄率 and the markdown rule's suggestion), the
// proposals, and current prices with their history per SKU and store. A proposal is checked,
// written and started by api/services/prices.ts; the priceAdjustment workflow does the rest.
import { Router, type Request } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { pricesAt } from '../../lib/prices/current';
import { adjustmentCode, ageDays, markdownFor, priceInForce, sellThroughBp, suggestedPriceFen } from '../../domain/prices';
import { readSettings } from '../../lib/settings';
import { currentUser, isStaff, requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { priceService } from '../services/prices';
import { dateFromDb, fen, filterIds, filterString, INT4_MAX, isoDate, text } from '../validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORTABLE = ['createdAt', 'code', 'status', 'allocationDate', 'arrivalDate'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = {
  createdAt: 'createdAt',
  code: 'seq',
  status: 'status',
  allocationDate: 'allocationDate',
  arrivalDate: 'arrivalDate',
};

const price = fen(INT4_MAX).refine((n) => n > 0, 'must be above 0');
const Line = z.object({ sku: text(40), newPriceFen: price });
const Body = z
  .object({
    sku: text(40).optional(),
    newPriceFen: price.optional(),
    lines: z
      .array(Line, { error: 'must be a list of {sku, newPriceFen}' })
      .min(1, 'at least one line')
      .max(500, 'at most 500 lines')
      .optional(),
    allocationDate: isoDate,
    arrivalDate: isoDate,
    effectiveDate: isoDate.nullish(),
    storeIds: z.array(text(40), { error: 'must be a list of store ids' }).min(1, 'at least one store').max(500, 'at most 500 stores'),
    reason: text(2000),
    urgent: z.boolean().default(false),
    supersedes: z.string().regex(UUID, 'must be an adjustment id').nullish(),
  })
  .superRefine((b, zctx) => {
    if (!b.lines && !b.sku) zctx.addIssue({ code: 'custom', path: ['sku'], message: 'give sku and newPriceFen, or lines' });
    if (b.sku && b.newPriceFen === undefined) zctx.addIssue({ code: 'custom', path: ['newPriceFen'], message: 'required with sku' });
    if (b.sku && b.lines) zctx.addIssue({ code: 'custom', path: ['lines'], message: 'give either sku or lines, not both' });
    if (b.arrivalDate < b.allocationDate)
      zctx.addIssue({ code: 'custom', path: ['arrivalDate'], message: 'must be on or after allocationDate' });
  });
const ContextQuery = z.object({ sku: text(40), storeIds: z.string().max(2000).optional() });
const PricesQuery = z.object({
  sku: z.string().trim().max(40).optional(),
  storeId: z.string().trim().max(40).optional(),
  /** The instant to read the prices at (ISO-8601); now when left out. */
  at: z.string().datetime({ offset: true, message: 'must be an ISO-8601 instant with zone' }).optional(),
});

const include = {
  createdBy: { select: { name: true } },
  lines: { include: { product: { select: { name: true } } }, orderBy: { sku: 'asc' } },
} as const;
type AdjustmentFull = Prisma.PriceAdjustmentGetPayload<{ include: typeof include }>;

export function priceRoutes(ctx: AppContext): Router {
  const router = Router();
  const adjustments = priceService(ctx);
  const proposers = requireRole('specialist', 'store_lead', 'supervisor', 'manager');
  /** Staff, and store managers (they acknowledge notices and read their store's prices). */
  const readers = (req: Request, _res: unknown, next: (e?: unknown) => void) => {
    const u = currentUser(req);
    if (!isStaff(u) && !u.roles.includes('store_manager')) return next(forbidden('Prices are for staff and store managers'));
    next();
  };
  const today = () => DateTime.now().setZone(ctx.config.tzBusiness).startOf('day');

  async function storeNames(ids: string[]): Promise<Map<string, string>> {
    return new Map(
      (await ctx.db.store.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
    );
  }

  async function view(a: AdjustmentFull) {
    const names = await storeNames(a.storeIds);
    const tasks = a.workflowId
      ? await ctx.db.task.findMany({
          where: { workflowId: a.workflowId, stepKey: { startsWith: 'notify_' } },
          include: { assignee: { select: { name: true } } },
          orderBy: { createdAt: 'asc' },
        })
      : [];
    const deciders = new Map(
      (
        await ctx.db.user.findMany({
          where: { id: { in: tasks.flatMap((t) => (t.decidedById ? [t.decidedById] : [])) } },
          select: { id: true, name: true },
        })
      ).map((u) => [u.id, u.name]),
    );
    const related = await ctx.db.priceAdjustment.findMany({
      where: { id: { in: [a.supersedesId, a.supersededById].filter((x): x is string => !!x) } },
      select: { id: true, seq: true },
    });
    const rank = (stepKey: string) => (stepKey === 'notify_finance' ? -1 : a.storeIds.indexOf(stepKey.slice('notify_store:'.length)));
    const codeOf = (id: string | null) =>
      id ? (related.find((r) => r.id === id) ? adjustmentCode(related.find((r) => r.id === id)!.seq) : null) : null;
    return {
      ...header(a),
      storeNames: a.storeIds.map((id) => names.get(id) ?? id),
      supersedesCode: codeOf(a.supersedesId),
      supersededByCode: codeOf(a.supersededById),
      lines: a.lines.map((l) => ({
        sku: l.sku,
        productName: l.product.name,
        oldPriceFen: l.oldPriceFen,
        newPriceFen: l.newPriceFen,
        suggestedPriceFen: l.suggestedPriceFen,
      })),
      // Finance first, then the stores in the adjustment's order.
      notifications: [...tasks]
        .sort((x, y) => rank(x.stepKey) - rank(y.stepKey))
        .map((t) => {
          const storeId = t.stepKey.startsWith('notify_store:') ? t.stepKey.slice('notify_store:'.length) : null;
          return {
            kind: storeId ? 'store' : 'finance',
            storeId,
            storeName: storeId ? (names.get(storeId) ?? storeId) : null,
            taskId: t.id,
            status: t.status,
            assigneeName: t.assignee?.name ?? null,
            candidateRole: t.candidateRole,
            sentAt: t.createdAt.toISOString(),
            dueAt: t.dueAt.toISOString(),
            acknowledgedAt: t.decision === 'acknowledge' ? (t.decidedAt?.toISOString() ?? null) : null,
            acknowledgedByName: t.decidedById ? (deciders.get(t.decidedById) ?? null) : null,
          };
        }),
    };
  }

  function header(a: Prisma.PriceAdjustmentGetPayload<{ include: { createdBy: { select: { name: true } }; lines: true } }>) {
    return {
      id: a.id,
      code: adjustmentCode(a.seq),
      status: a.status,
      urgent: a.urgent,
      reason: a.reason,
      allocationDate: dateFromDb(a.allocationDate),
      arrivalDate: dateFromDb(a.arrivalDate),
      effectiveDate: dateFromDb(a.effectiveDate),
      approvalDueAt: a.approvalDueAt.toISOString(),
      notifyBy: a.notifyBy.toISOString(),
      storeIds: a.storeIds,
      skus: a.lines.map((l) => l.sku),
      workflowId: a.workflowId,
      createdById: a.createdById,
      createdByName: a.createdBy.name,
      createdAt: a.createdAt.toISOString(),
      supersedes: a.supersedesId,
      supersededBy: a.supersededById,
      decisionNote: a.decisionNote,
      effectiveAt: a.effectiveAt?.toISOString() ?? null,
    };
  }

  async function load(req: Request): Promise<AdjustmentFull> {
    const id = String(req.params.id);
    const a = UUID.test(id) ? await ctx.db.priceAdjustment.findUnique({ where: { id }, include }) : null;
    if (!a) throw notFound(`Price adjustment ${id}`);
    return a;
  }

  // -- reads

  router.get('/api/price-adjustments', readers, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const u = currentUser(req);
    // A store manager sees the adjustments of their own store only, not other stores' prices.
    const and: Prisma.PriceAdjustmentWhereInput[] = isStaff(u) ? [] : [{ storeIds: { has: u.storeId ?? '\u0000' } }];
    const statuses = Array.isArray(f.status) ? f.status.map(String) : filterString(f.status) ? [filterString(f.status)!] : null;
    if (statuses) and.push({ status: { in: statuses } });
    if (filterString(f.sku)) and.push({ lines: { some: { sku: filterString(f.sku) } } });
    if (filterString(f.storeId)) and.push({ storeIds: { has: filterString(f.storeId) } });
    const seq = /^PA0*(\d{1,9})$/i.exec(filterString(f.q)?.trim() ?? '');
    if (filterString(f.q)) and.push(seq ? { seq: Number(seq[1]) } : { reason: { contains: filterString(f.q)!, mode: 'insensitive' } });
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => UUID.test(x)) } });
    const where: Prisma.PriceAdjustmentWhereInput = { AND: and };
    const sortField = q.sort ? SORT_FIELDS[q.sort.field as (typeof SORTABLE)[number]] : undefined;
    const [rows, total] = await Promise.all([
      ctx.db.priceAdjustment.findMany({
        where,
        include: { createdBy: { select: { name: true } }, lines: true },
        skip: q.skip,
        take: q.take,
        orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
      ctx.db.priceAdjustment.count({ where }),
    ]);
    sendList(res, 'price-adjustments', q, rows.map(header), total);
  });

  // Before /:id.
  router.get('/api/price-adjustments/context', readers, async (req, res) => {
    const query = parse(ContextQuery, req.query);
    const product = await ctx.db.product.findUnique({ where: { sku: query.sku }, select: { sku: true, name: true, retailPriceFen: true } });
    if (!product) throw new ApiError(422, 'validation_failed', `No such SKU ${query.sku}`, { sku: `no such SKU ${query.sku}` });
    const settings = await readSettings(ctx.db);
    const rule = settings['price.markdownRule'];
    const requested = query.storeIds
      ? query.storeIds
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null;
    const u = currentUser(req);
    if (!isStaff(u)) requested?.splice(0, requested.length, ...requested.filter((id) => id === u.storeId)); // a store manager: their store's stock only
    const stores = await ctx.db.store.findMany({
      where: requested ? { id: { in: requested } } : isStaff(u) ? {} : { id: u.storeId ?? '\u0000' },
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    });
    const stock = new Map(
      (await ctx.db.storeStock.findMany({ where: { sku: product.sku, storeId: { in: stores.map((s) => s.id) } } })).map((s) => [
        s.storeId,
        s,
      ]),
    );
    const prices = await pricesAt(
      ctx.db,
      [product.sku],
      stores.map((s) => s.id),
      new Date(),
    );
    const day = today();
    const rows = stores.map((s) => {
      const st = stock.get(s.id);
      const age = st ? ageDays(dateFromDb(st.receivedOn), day) : null;
      return {
        storeId: s.id,
        storeName: s.name,
        currentPriceFen: prices.get(`${product.sku}|${s.id}`)?.priceFen ?? product.retailPriceFen,
        onHand: st?.onHand ?? 0,
        stockAgeDays: age,
        soldQty: st?.soldQty ?? 0,
        sellThroughBp: st ? sellThroughBp(st.soldQty, st.onHand) : null,
        suggestedPriceFen: age === null ? null : suggestedPriceFen(product.retailPriceFen, markdownFor(age, rule)),
      };
    });
    // The suggestion for the proposal: by the oldest stock among the stores that hold it.
    const oldest = Math.max(-1, ...rows.map((r) => r.stockAgeDays ?? -1));
    res.json({
      sku: product.sku,
      productName: product.name,
      retailPriceFen: product.retailPriceFen,
      rule,
      stockAgeDays: oldest >= 0 ? oldest : null,
      suggestedPriceFen: oldest >= 0 ? suggestedPriceFen(product.retailPriceFen, markdownFor(oldest, rule)) : null,
      stores: rows,
    });
  });

  router.get('/api/price-adjustments/:id', readers, async (req, res) => {
    const a = await load(req);
    const u = currentUser(req);
    if (!isStaff(u) && !a.storeIds.includes(u.storeId ?? '\u0000')) throw notFound(`Price adjustment ${a.id}`); // another store's
    res.json(await view(a));
  });

  router.get('/api/prices', readers, async (req, res) => {
    const query = parse(PricesQuery, req.query);
    const u = currentUser(req);
    // A store manager reads their own store's prices.
    const storeId = !isStaff(u) ? (u.storeId ?? '\u0000') : query.storeId || undefined;
    const products = await ctx.db.product.findMany({
      where: query.sku ? { sku: query.sku } : {},
      select: { sku: true, name: true, retailPriceFen: true },
      orderBy: { sku: 'asc' },
      take: 500,
    });
    const stores = await ctx.db.store.findMany({
      where: storeId ? { id: storeId } : {},
      select: { id: true, name: true },
      orderBy: { id: 'asc' },
    });
    const history = await ctx.db.priceChange.findMany({
      where: { sku: { in: products.map((p) => p.sku) }, storeId: { in: stores.map((s) => s.id) } },
      include: { adjustment: { select: { seq: true } } },
      orderBy: [{ effectiveAt: 'desc' }, { createdAt: 'desc' }],
    });
    const now = query.at ? new Date(query.at) : new Date();
    const retail = new Map(products.map((p) => [p.sku, p.retailPriceFen]));
    res.json(
      products.flatMap((p) =>
        stores.map((s) => {
          const rows = history.filter((h) => h.sku === p.sku && h.storeId === s.id);
          // The same rule as pricesAt (lib/prices/current.ts), on the rows already read.
          const c = priceInForce(rows, retail.get(p.sku)!, now);
          // Each clearance is two moves: its price at the start, and the return at its end to
          // the price in force then without it (a regular change inside the period included).
          const moves = rows.flatMap((h) => {
            const entry = {
              kind: h.kind,
              priceFen: h.priceFen,
              previousFen: h.previousFen,
              effectiveAt: h.effectiveAt.toISOString(),
              endsAt: h.endsAt?.toISOString() ?? null,
              adjustmentCode: h.adjustment ? adjustmentCode(h.adjustment.seq) : null,
              note: h.note,
              pending: h.effectiveAt > now,
            };
            if (h.kind !== 'clearance' || !h.endsAt) return [entry];
            const back = priceInForce(
              rows.filter((x) => x !== h),
              retail.get(p.sku)!,
              h.endsAt,
            );
            return [
              {
                kind: 'clearance_end',
                priceFen: back.priceFen,
                previousFen: h.priceFen,
                effectiveAt: h.endsAt.toISOString(),
                endsAt: null,
                adjustmentCode: null,
                note: h.note,
                pending: h.endsAt > now,
              },
              entry,
            ];
          });
          return {
            sku: p.sku,
            productName: p.name,
            storeId: s.id,
            storeName: s.name,
            currentPriceFen: c.priceFen,
            since: c.since?.toISOString() ?? null,
            regularPriceFen: c.regularFen,
            clearance: c.clearance
              ? {
                  priceFen: c.clearance.priceFen,
                  since: c.clearance.since.toISOString(),
                  endsAt: c.clearance.endsAt.toISOString(),
                  note: c.clearance.note,
                }
              : null,
            history: moves.sort((x, y) => Date.parse(y.effectiveAt) - Date.parse(x.effectiveAt)),
          };
        }),
      ),
    );
  });

  // -- writes

  router.post('/api/price-adjustments', proposers, async (req, res) => {
    const body = parse(Body, req.body);
    const id = await adjustments.propose(body, currentUser(req));
    res.status(201).json(await view(await ctx.db.priceAdjustment.findUniqueOrThrow({ where: { id }, include })));
  });

  return router;
}
