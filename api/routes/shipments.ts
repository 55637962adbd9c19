// Shipments (发货 → 在途 → 到仓入库, docs/domain.md process 3) over HTTP: created by hand or from
// head office's shipping list, then carrier events and the warehouse scan-in; api/services/
// shipments.ts checks, allocates, writes and starts or acts on the shipmentTracking workflow.
// The order balance (期货订、发、欠) per franchisee and SKU is computed in SQL.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { EVENT_TYPES, shipmentCode, type Discrepancy, type ReceiptLine } from '../../domain/shipments';
import type { Db } from '../../lib/db/client';
import { orderBalanceCsv, orderBalanceXlsx, type OrderBalanceReport } from '../../lib/shipments/export';
import { currentUser, isStaff, requireRole } from '../auth';
import type { AppContext } from '../context';
import { forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { shipmentService } from '../services/shipments';
import { filterBoolean, filterIds, filterString, goodsLines, invalid, text } from '../validation';

const MAX_QTY = 1_000_000;
const IMPORT_LIMIT = '10mb';
const SORTABLE = ['createdAt', 'expectedArrival', 'code', 'status', 'escalationLevel'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = {
  createdAt: 'createdAt',
  expectedArrival: 'expectedArrival',
  code: 'seq',
  status: 'status',
  escalationLevel: 'escalationLevel',
};
const TRACKERS = ['follower', 'specialist', 'supervisor', 'manager'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- request bodies --------------------------------------------------------------------------

/** An instant, or a date meaning the end of that day in the business zone. */
const when = z
  .string({ error: 'an ISO-8601 instant or a date YYYY-MM-DD' })
  .trim()
  .min(1, 'required')
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 instant or a date YYYY-MM-DD');
const CreateBody = z.object({
  bookingId: z.string().regex(UUID, 'must be a booking id').nullish(),
  externalRef: z.string().trim().min(1).max(60, 'at most 60 characters').nullish(),
  season: z.string().trim().max(20).nullish(),
  lines: goodsLines(MAX_QTY),
  expectedArrival: when,
  carrier: z.string().trim().max(60).nullish(),
  trackingNo: z.string().trim().max(60).nullish(),
});
const EventBody = z.object({
  eventId: z.string().trim().min(1).max(200, 'at most 200 characters').nullish(),
  type: z.enum(EVENT_TYPES as [string, ...string[]], { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
  at: when,
  location: z.string().trim().max(200, 'at most 200 characters').nullish(),
  expectedArrival: when.nullish(),
});
const ReceiptBody = z.object({
  lines: z
    .array(
      z.object({
        sku: text(40),
        size: text(20),
        qty: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be ≥ 0').max(MAX_QTY),
        damaged: z.union([z.boolean(), z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(MAX_QTY)]).optional(),
      }),
      { error: 'must be a list of lines' },
    )
    .max(5_000, 'at most 5000 lines'),
});
const BalanceQuery = z.object({
  season: text(20),
  franchiseeId: z.string().trim().max(40).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

// ---- helpers --------------------------------------------------------------------------------------

const fullInclude = {
  createdBy: { select: { name: true } },
  lines: { orderBy: { position: 'asc' }, include: { orderLine: { select: { franchiseeId: true } } } },
  events: { orderBy: { at: 'asc' } },
  receipts: { orderBy: { number: 'desc' }, take: 1 },
} as const;
type ShipmentFull = Prisma.ShipmentGetPayload<{ include: typeof fullInclude }>;
type ShipmentHeader = Prisma.ShipmentGetPayload<{ include: { createdBy: { select: { name: true } }; lines: { select: { qty: true } } } }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function headerView(s: ShipmentHeader | ShipmentFull) {
  return {
    id: s.id,
    code: shipmentCode(s.seq),
    externalRef: s.externalRef,
    kind: s.kind,
    bookingId: s.bookingId,
    season: s.seasonCode,
    status: s.status,
    expectedArrival: s.expectedArrival.toISOString(),
    dispatchedAt: iso(s.dispatchedAt),
    arrivedAt: iso(s.arrivedAt),
    lastEventAt: iso(s.lastEventAt),
    location: s.location,
    carrier: s.carrier,
    trackingNo: s.trackingNo,
    delayed: s.delayed,
    delayReason: s.delayReason,
    delayedSince: iso(s.delayedSince),
    escalationLevel: s.escalationLevel,
    resolution: s.resolution,
    resolutionNote: s.resolutionNote,
    workflowId: s.workflowId,
    createdAt: s.createdAt.toISOString(),
    createdByName: s.createdBy.name,
    totalQty: s.lines.reduce((n, l) => n + l.qty, 0),
  };
}

async function fullView(db: Db, s: ShipmentFull) {
  const names = new Map(
    (await db.product.findMany({ where: { sku: { in: [...new Set(s.lines.map((l) => l.sku))] } }, select: { sku: true, name: true } })).map(
      (p) => [p.sku, p.name],
    ),
  );
  const receipt = s.receipts[0];
  const by = receipt ? await db.user.findUnique({ where: { id: receipt.receivedById }, select: { name: true } }) : null;
  return {
    ...headerView(s),
    lines: s.lines.map((l) => ({
      position: l.position,
      sku: l.sku,
      productName: names.get(l.sku) ?? null,
      size: l.size,
      qty: l.qty,
      franchiseeId: l.orderLine?.franchiseeId ?? null,
      receivedQty: l.receivedQty,
      damagedQty: l.damagedQty,
    })),
    events: s.events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      at: e.at.toISOString(),
      location: e.location,
      expectedArrival: iso(e.expectedArrival),
      recordedAt: e.recordedAt.toISOString(),
      applied: e.applied,
    })),
    receipt: receipt
      ? {
          number: receipt.number,
          receivedAt: receipt.receivedAt.toISOString(),
          byName: by?.name ?? null,
          lines: receipt.lines as unknown as ReceiptLine[],
          discrepancies: receipt.discrepancies as unknown as Discrepancy[],
        }
      : null,
  };
}

// ---- order balance (期货订、发、欠) ---------------------------------------------------------------------

export async function orderBalance(db: Db, season: string, franchiseeId?: string): Promise<OrderBalanceReport> {
  const rows = await db.$queryRaw<
    {
      franchiseeId: string;
      franchiseeName: string;
      sku: string;
      productName: string;
      orderedQty: bigint;
      shippedQty: bigint;
      receivedQty: bigint;
    }[]
  >`
    SELECT o."franchiseeId", f.name AS "franchiseeName", o.sku, p.name AS "productName",
      SUM(o.qty)::bigint AS "orderedQty", SUM(o."shippedQty")::bigint AS "shippedQty", SUM(o."receivedQty")::bigint AS "receivedQty"
    FROM "OrderLine" o JOIN "Franchisee" f ON f.id = o."franchiseeId" JOIN "Product" p ON p.sku = o.sku
    WHERE o."seasonCode" = ${season} AND (${franchiseeId ?? null}::text IS NULL OR o."franchiseeId" = ${franchiseeId ?? null}::text)
    GROUP BY o."franchiseeId", f.name, o.sku, p.name
    ORDER BY o."franchiseeId", o.sku`;
  const out = rows.map((r) => {
    const ordered = Number(r.orderedQty);
    const shipped = Number(r.shippedQty);
    return {
      franchiseeId: r.franchiseeId,
      franchiseeName: r.franchiseeName,
      sku: r.sku,
      productName: r.productName,
      orderedQty: ordered,
      shippedQty: shipped,
      owedQty: Math.max(ordered - shipped, 0),
      receivedQty: Number(r.receivedQty),
    };
  });
  const total = (k: 'orderedQty' | 'shippedQty' | 'owedQty' | 'receivedQty') => out.reduce((n, r) => n + r[k], 0);
  return {
    season,
    rows: out,
    totals: {
      orderedQty: total('orderedQty'),
      shippedQty: total('shippedQty'),
      owedQty: total('owedQty'),
      receivedQty: total('receivedQty'),
    },
  };
}

// ---- routes -------------------------------------------------------------------------------------------

export function shipmentRoutes(ctx: AppContext): Router {
  const router = Router();
  const shipments = shipmentService(ctx);
  const trackers = requireRole(...TRACKERS);
  const readers: express.RequestHandler = (req, _res, next) => {
    if (!isStaff(currentUser(req))) return next(forbidden('Shipments are for merchandise staff'));
    next();
  };

  async function loadShipment(req: Request): Promise<ShipmentFull> {
    const id = String(req.params.id);
    const s = UUID.test(id) ? await ctx.db.shipment.findUnique({ where: { id }, include: fullInclude }) : null;
    if (!s) throw notFound(`Shipment ${id}`);
    return s;
  }
  const reload = async (id: string) => fullView(ctx.db, await ctx.db.shipment.findUniqueOrThrow({ where: { id }, include: fullInclude }));

  // -- reads

  router.get('/api/shipments', readers, async (req, res) => {
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const and: Prisma.ShipmentWhereInput[] = [];
    const statuses = Array.isArray(f.status) ? f.status.map(String) : filterString(f.status) ? [filterString(f.status)!] : null;
    if (statuses) and.push({ status: { in: statuses } });
    const delayed = filterBoolean(f.delayed);
    if (delayed !== undefined) and.push({ delayed });
    if (filterBoolean(f.open)) and.push({ status: { not: 'reconciled' } });
    if (filterString(f.kind)) and.push({ kind: filterString(f.kind) });
    if (typeof f.escalationLevel === 'number') and.push({ escalationLevel: { gte: f.escalationLevel } });
    const season = filterString(f.season);
    if (season) and.push({ seasonCode: season });
    if (filterString(f.bookingId) && UUID.test(filterString(f.bookingId)!)) and.push({ bookingId: filterString(f.bookingId) });
    if (filterString(f.franchiseeId)) and.push({ lines: { some: { orderLine: { franchiseeId: filterString(f.franchiseeId) } } } });
    const term = filterString(f.q)?.trim();
    if (term) {
      const seq = /^SH0*(\d{1,9})$/i.exec(term);
      and.push({ OR: [{ externalRef: { contains: term, mode: 'insensitive' } }, ...(seq ? [{ seq: Number(seq[1]) }] : [])] });
    }
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => UUID.test(x)) } });
    const where: Prisma.ShipmentWhereInput = { AND: and };
    const sortField = q.sort ? SORT_FIELDS[q.sort.field as (typeof SORTABLE)[number]] : undefined;
    const [rows, total] = await Promise.all([
      ctx.db.shipment.findMany({
        where,
        include: { createdBy: { select: { name: true } }, lines: { select: { qty: true } } },
        skip: q.skip,
        take: q.take,
        orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
      ctx.db.shipment.count({ where }),
    ]);
    sendList(res, 'shipments', q, rows.map(headerView), total);
  });

  router.get('/api/shipments/:id', readers, async (req, res) => {
    res.json(await fullView(ctx.db, await loadShipment(req)));
  });

  router.get('/api/reports/order-balance', readers, async (req, res) => {
    const query = parse(BalanceQuery, req.query);
    if (!(await ctx.db.season.count({ where: { code: query.season } }))) throw invalid('season', `no such season ${query.season}`);
    const report = await orderBalance(ctx.db, query.season, query.franchiseeId || undefined);
    if (query.format === 'json') return void res.json(report);
    res.attachment(`${query.season.replace(/[^A-Za-z0-9_-]/g, '_')}-order-balance.${query.format}`);
    res.type(query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
    res.send(query.format === 'xlsx' ? await orderBalanceXlsx(report) : orderBalanceCsv(report));
  });

  // -- writes

  router.post('/api/shipments', trackers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const id = await shipments.create(body, currentUser(req));
    res.status(201).json(await reload(id));
  });

  router.post('/api/shipments/import', trackers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    const { ids, skipped } = await shipments.importList(
      Buffer.isBuffer(req.body) ? req.body : null,
      req.headers['content-type'],
      currentUser(req),
    );
    res.status(201).json({ shipments: await Promise.all(ids.map(reload)), skipped });
  });

  router.post('/api/shipments/:id/events', trackers, async (req, res) => {
    const body = parse(EventBody, req.body);
    if (body.type === 'eta_changed' && !body.expectedArrival) throw invalid('expectedArrival', 'a new ETA needs expectedArrival');
    const s = await loadShipment(req);
    const result = await shipments.recordEvent(s, { ...body, type: body.type as ShipmentTrackingEventType }, currentUser(req));
    res.json({ shipment: await reload(s.id), duplicate: result.duplicate, applied: result.applied });
  });

  router.post('/api/shipments/:id/receipt', trackers, async (req, res) => {
    const body = parse(ReceiptBody, req.body);
    const s = await loadShipment(req);
    await shipments.recordReceipt(s, body.lines, currentUser(req));
    res.status(201).json(await reload(s.id));
  });

  return router;
}

type ShipmentTrackingEventType = (typeof EVENT_TYPES)[number];
