// Shipments (发货 → 在途 → 到仓入库, docs/domain.md process 3): created by hand or from head office's
// shipping list, each line allocated to franchisees' open order lines of the same SKU and size
// (oldest booking first, or the given booking's); tracked by the shipmentTracking workflow,
// which takes carrier events, the warehouse scan-in and the discrepancy decision as Updates.
// The order balance (期货订、发、欠) per franchisee and SKU is computed in SQL.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { bookingCode } from '../../domain/bookings';
import { endOfDay } from '../../domain/calendar';
import { EVENT_TYPES, shipmentCode, shipmentWorkflowId, type Discrepancy, type QtyLine, type ReceiptLine, type ShipmentTrackingInput } from '../../domain/shipments';
import { refreshShipped } from '../../activities/shipments';
import type { Db } from '../../lib/db/client';
import { orderBalanceCsv, orderBalanceXlsx, type OrderBalanceReport } from '../../lib/shipments/export';
import { parseShippingList } from '../../lib/shipments/import';
import { readSettings } from '../../lib/settings';
import { receiptUpdate, shipmentEventUpdate } from '../../workflows/messages';
import { shipmentTracking } from '../../workflows/shipmentTracking';
import { currentUser, isStaff, requireRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { actorOf, sendUpdate, startProcess } from '../temporal';
import { filterBoolean, filterIds, filterString, invalid, text } from '../validation';

const MAX_LINES = 20_000;
const MAX_QTY = 1_000_000;
const IMPORT_LIMIT = '10mb';
const SORTABLE = ['createdAt', 'expectedArrival', 'code', 'status', 'escalationLevel'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = { createdAt: 'createdAt', expectedArrival: 'expectedArrival', code: 'seq', status: 'status', escalationLevel: 'escalationLevel' };
const TRACKERS = ['follower', 'specialist', 'supervisor', 'manager'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- request bodies --------------------------------------------------------------------------

/** An instant, or a date meaning the end of that day in the business zone. */
const when = z.string({ error: 'an ISO-8601 instant or a date YYYY-MM-DD' }).trim().min(1, 'required').max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO-8601 instant or a date YYYY-MM-DD');
const Line = z.object({
  sku: text(40),
  size: text(20),
  qty: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_QTY, `must be at most ${MAX_QTY}`),
});
const CreateBody = z.object({
  bookingId: z.string().regex(UUID, 'must be a booking id').nullish(),
  externalRef: z.string().trim().min(1).max(60, 'at most 60 characters').nullish(),
  season: z.string().trim().max(20).nullish(),
  lines: z.array(Line, { error: 'must be a list of lines' }).min(1, 'at least one line').max(MAX_LINES, `at most ${MAX_LINES} lines`),
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
const BalanceQuery = z.object({ season: text(20), franchiseeId: z.string().trim().max(40).optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') });

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
  const names = new Map((await db.product.findMany({ where: { sku: { in: [...new Set(s.lines.map((l) => l.sku))] } }, select: { sku: true, name: true } })).map((p) => [p.sku, p.name]));
  const receipt = s.receipts[0];
  const by = receipt ? await db.user.findUnique({ where: { id: receipt.receivedById }, select: { name: true } }) : null;
  return {
    ...headerView(s),
    lines: s.lines.map((l) => ({ position: l.position, sku: l.sku, productName: names.get(l.sku) ?? null, size: l.size, qty: l.qty, franchiseeId: l.orderLine?.franchiseeId ?? null, receivedQty: l.receivedQty, damagedQty: l.damagedQty })),
    events: s.events.map((e) => ({ eventId: e.eventId, type: e.type, at: e.at.toISOString(), location: e.location, expectedArrival: iso(e.expectedArrival), recordedAt: e.recordedAt.toISOString(), applied: e.applied })),
    receipt: receipt
      ? { number: receipt.number, receivedAt: receipt.receivedAt.toISOString(), byName: by?.name ?? null, lines: receipt.lines as unknown as ReceiptLine[], discrepancies: receipt.discrepancies as unknown as Discrepancy[] }
      : null,
  };
}

/** An instant as given, or a date as the end of that day in the business zone. */
function toInstant(value: string, zone: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? endOfDay(value, zone)! : new Date(value).toISOString();
}

// ---- order balance (期货订、发、欠) ---------------------------------------------------------------------

export async function orderBalance(db: Db, season: string, franchiseeId?: string): Promise<OrderBalanceReport> {
  const rows = await db.$queryRaw<{ franchiseeId: string; franchiseeName: string; sku: string; productName: string; orderedQty: bigint; shippedQty: bigint; receivedQty: bigint }[]>`
    SELECT o."franchiseeId", f.name AS "franchiseeName", o.sku, p.name AS "productName",
      SUM(o.qty)::bigint AS "orderedQty", SUM(o."shippedQty")::bigint AS "shippedQty", SUM(o."receivedQty")::bigint AS "receivedQty"
    FROM "OrderLine" o JOIN "Franchisee" f ON f.id = o."franchiseeId" JOIN "Product" p ON p.sku = o.sku
    WHERE o."seasonCode" = ${season} AND (${franchiseeId ?? null}::text IS NULL OR o."franchiseeId" = ${franchiseeId ?? null}::text)
    GROUP BY o."franchiseeId", f.name, o.sku, p.name
    ORDER BY o."franchiseeId", o.sku`;
  const out = rows.map((r) => {
    const ordered = Number(r.orderedQty);
    const shipped = Number(r.shippedQty);
    return { franchiseeId: r.franchiseeId, franchiseeName: r.franchiseeName, sku: r.sku, productName: r.productName, orderedQty: ordered, shippedQty: shipped, owedQty: Math.max(ordered - shipped, 0), receivedQty: Number(r.receivedQty) };
  });
  const total = (k: 'orderedQty' | 'shippedQty' | 'owedQty' | 'receivedQty') => out.reduce((n, r) => n + r[k], 0);
  return { season, rows: out, totals: { orderedQty: total('orderedQty'), shippedQty: total('shippedQty'), owedQty: total('owedQty'), receivedQty: total('receivedQty') } };
}

// ---- routes -------------------------------------------------------------------------------------------

interface NewShipment {
  externalRef: string | null;
  bookingId: string | null;
  season: string | null;
  expectedArrival: string;
  carrier: string | null;
  trackingNo: string | null;
  lines: QtyLine[];
}

export function shipmentRoutes(ctx: AppContext): Router {
  const router = Router();
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

  /** SKUs and sizes exist; the booking exists and is confirmed. Problems go into details. */
  async function check(n: NewShipment, keys: { line: (i: number, f: string) => string; booking: string }, details: Record<string, string>): Promise<void> {
    const products = new Map(
      (await ctx.db.product.findMany({ where: { sku: { in: [...new Set(n.lines.map((l) => l.sku))] } }, select: { sku: true, seasonCode: true, sizes: { select: { size: true } } } })).map((p) => [p.sku, p]),
    );
    n.lines.forEach((l, i) => {
      const p = products.get(l.sku);
      if (!p) details[keys.line(i, 'sku')] = `no such SKU ${l.sku}`;
      else if (!p.sizes.some((s) => s.size === l.size)) details[keys.line(i, 'size')] = `${l.sku} has no size ${l.size}`;
    });
    if (n.bookingId) {
      const b = await ctx.db.booking.findUnique({ where: { id: n.bookingId }, select: { status: true, seasonCode: true } });
      if (!b) details[keys.booking] = `no such booking ${n.bookingId}`;
      else if (b.status !== 'confirmed') details[keys.booking] = `the booking is ${b.status}, not confirmed: it has no order lines to ship yet`;
      else n.season ??= b.seasonCode;
    }
    n.season ??= products.get(n.lines[0]?.sku ?? '')?.seasonCode ?? null;
  }

  /**
   * Writes shipments (all or none) with their lines allocated to open order lines, oldest
   * first (locked, so two shipments never take the same quantity), and starts their workflows.
   */
  async function create(shipments: NewShipment[], user: CurrentUser): Promise<string[]> {
    const settings = await readSettings(ctx.db);
    let created: { id: string; seq: number; n: NewShipment }[];
    try {
      created = await ctx.db.$transaction(async (tx) => {
        const out: { id: string; seq: number; n: NewShipment }[] = [];
        for (const n of shipments) {
          const s = await tx.shipment.create({
            data: { externalRef: n.externalRef, bookingId: n.bookingId, seasonCode: n.season, expectedArrival: new Date(n.expectedArrival), carrier: n.carrier, trackingNo: n.trackingNo, createdById: user.id },
          });
          await tx.shipment.update({ where: { id: s.id }, data: { workflowId: shipmentWorkflowId(s.id) } });
          const lines: Prisma.ShipmentLineCreateManyInput[] = [];
          const touched: string[] = [];
          for (const l of n.lines) {
            const open = await tx.$queryRaw<{ id: string; remaining: number }[]>`
              SELECT o.id, (o.qty - o."shippedQty")::int AS remaining FROM "OrderLine" o
              WHERE o.sku = ${l.sku} AND o.size = ${l.size} AND o.status = 'open' AND o.qty > o."shippedQty"
                AND (${n.bookingId}::uuid IS NULL OR o."bookingId" = ${n.bookingId}::uuid)
                AND (${n.season}::text IS NULL OR o."seasonCode" = ${n.season}::text)
              ORDER BY o."createdAt", o.id FOR UPDATE`;
            let left = l.qty;
            for (const o of open) {
              if (left === 0) break;
              const take = Math.min(left, o.remaining);
              lines.push({ shipmentId: s.id, position: lines.length, sku: l.sku, size: l.size, qty: take, orderLineId: o.id });
              touched.push(o.id);
              left -= take;
              // Later lines of this shipment see what this one took.
              await tx.orderLine.update({ where: { id: o.id }, data: { shippedQty: { increment: take } } });
            }
            if (left > 0) lines.push({ shipmentId: s.id, position: lines.length, sku: l.sku, size: l.size, qty: left, orderLineId: null });
          }
          await tx.shipmentLine.createMany({ data: lines });
          await refreshShipped(tx, [...new Set(touched)]);
          out.push({ id: s.id, seq: s.seq, n });
        }
        return out;
      }, { timeout: 60_000 });
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw new ApiError(409, 'shipment_exists', 'A shipment with this head-office number (发货单号) exists already', { externalRef: 'already imported' });
      throw err;
    }
    const started = await Promise.allSettled(
      created.map(({ id, seq, n }) => {
        const input: ShipmentTrackingInput = {
          shipmentId: id,
          code: shipmentCode(seq),
          title: `${shipmentCode(seq)}${n.externalRef ? ` (${n.externalRef})` : ''} 发货跟踪`,
          submitterId: user.id,
          seasonCode: n.season,
          expectedArrival: n.expectedArrival,
          lines: n.lines,
          terms: { silenceTimeout: settings['shipment.silenceTimeout'], escalationLadder: settings['shipment.escalationLadder'] },
        };
        return startProcess(ctx.temporal, shipmentTracking, { taskQueue: ctx.config.taskQueue, workflowId: shipmentWorkflowId(id), args: [input] });
      }),
    );
    const failed = created.filter((_c, i) => started[i]!.status === 'rejected');
    if (failed.length) {
      await ctx.db.$transaction(async (tx) => {
        const lines = await tx.shipmentLine.findMany({ where: { shipmentId: { in: failed.map((c) => c.id) } }, select: { orderLineId: true } });
        await tx.shipment.deleteMany({ where: { id: { in: failed.map((c) => c.id) } } });
        await refreshShipped(tx, lines.flatMap((l) => (l.orderLineId ? [l.orderLineId] : [])));
      });
      const reason = (started.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as Error;
      throw new ApiError(503, 'temporal_unavailable', `Tracking could not be started (${reason.message}); ${failed.length} shipment(s) were not saved`, {
        saved: created.filter((c) => !failed.includes(c)).map((c) => shipmentCode(c.seq)),
      });
    }
    return created.map((c) => c.id);
  }

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
    const n: NewShipment = {
      externalRef: body.externalRef ?? null, bookingId: body.bookingId ?? null, season: body.season || null,
      expectedArrival: toInstant(body.expectedArrival, ctx.config.tzBusiness), carrier: body.carrier ?? null, trackingNo: body.trackingNo ?? null,
      lines: body.lines,
    };
    const details: Record<string, string> = {};
    await check(n, { line: (i, f) => `lines.${i}.${f}`, booking: 'bookingId' }, details);
    if (Object.keys(details).length) throw new ApiError(422, 'validation_failed', `Invalid shipment: ${Object.keys(details).slice(0, 10).join(', ')}`, details);
    const [id] = await create([n], currentUser(req));
    res.status(201).json(await reload(id!));
  });

  router.post('/api/shipments/import', trackers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || !req.body.length) {
      throw new ApiError(422, 'validation_failed', 'Send the shipping list itself as the body, as text/csv or .xlsx', { file: 'send the file as text/csv or .xlsx' });
    }
    const read = await parseShippingList(req.body, req.headers['content-type']);
    const listed = read.ok ? read.shipments : (read.shipments ?? []);
    const details: Record<string, string> = read.ok ? {} : { ...read.details };
    const existing = new Set((await ctx.db.shipment.findMany({ where: { externalRef: { in: listed.map((s) => s.externalRef) } }, select: { externalRef: true } })).map((s) => s.externalRef!));
    const codes = [...new Set(listed.flatMap((s) => (s.bookingCode ? [s.bookingCode] : [])))];
    const bookings = new Map(
      (await ctx.db.booking.findMany({ where: { seq: { in: codes.flatMap((c) => (/^BK\d+$/i.test(c) ? [Number(c.slice(2))] : [])) } }, select: { id: true, seq: true } })).map((b) => [bookingCode(b.seq), b.id]),
    );
    const fresh: NewShipment[] = [];
    for (const s of listed.filter((x) => !existing.has(x.externalRef))) {
      const bookingId = s.bookingCode ? (bookings.get(s.bookingCode.toUpperCase()) ?? null) : null;
      if (s.bookingCode && !bookingId) details[`rows.${s.firstRow}.bookingCode`] = `no such booking ${s.bookingCode}`;
      const n: NewShipment = { externalRef: s.externalRef, bookingId, season: null, expectedArrival: toInstant(s.expectedArrival, ctx.config.tzBusiness), carrier: s.carrier, trackingNo: s.trackingNo, lines: s.lines };
      await check(n, { line: (i, f) => `rows.${s.lines[i]!.row}.${f}`, booking: `rows.${s.firstRow}.bookingCode` }, details);
      fresh.push(n);
    }
    if (!read.ok) throw new ApiError(422, 'validation_failed', read.message, details);
    if (Object.keys(details).length) throw new ApiError(422, 'validation_failed', `Invalid shipping list: ${Object.keys(details).slice(0, 10).join(', ')}`, details);
    const ids = fresh.length ? await create(fresh, currentUser(req)) : [];
    res.status(201).json({ shipments: await Promise.all(ids.map(reload)), skipped: [...existing] });
  });

  router.post('/api/shipments/:id/events', trackers, async (req, res) => {
    const body = parse(EventBody, req.body);
    if (body.type === 'eta_changed' && !body.expectedArrival) throw invalid('expectedArrival', 'a new ETA needs expectedArrival');
    const s = await loadShipment(req);
    const at = toInstant(body.at, ctx.config.tzBusiness);
    // Without an id, an event is identified by what it says (a resend of it is a duplicate).
    const eventId = body.eventId ?? `${body.type}@${at}${body.location ? `@${body.location}` : ''}`;
    const result = await sendUpdate(ctx.temporal, s.workflowId!, shipmentEventUpdate, {
      actor: actorOf(currentUser(req)), eventId, type: body.type as ShipmentTrackingEventType, at, location: body.location ?? null,
      expectedArrival: body.expectedArrival ? toInstant(body.expectedArrival, ctx.config.tzBusiness) : null,
    });
    res.json({ shipment: await reload(s.id), duplicate: result.duplicate, applied: result.applied });
  });

  router.post('/api/shipments/:id/receipt', trackers, async (req, res) => {
    const body = parse(ReceiptBody, req.body);
    const s = await loadShipment(req);
    const lines: ReceiptLine[] = body.lines.map((l) => ({ sku: l.sku, size: l.size, qty: l.qty, damaged: l.damaged === true ? l.qty : l.damaged === false || l.damaged === undefined ? 0 : l.damaged }));
    const bad = lines.findIndex((l) => l.damaged > l.qty);
    if (bad >= 0) throw invalid(`lines.${bad}.damaged`, 'at most qty');
    await sendUpdate(ctx.temporal, s.workflowId!, receiptUpdate, { actor: actorOf(currentUser(req)), lines }).catch((err: unknown) => {
      // A receipt racing the one that reconciled the shipment finds its run ended: same answer as during it.
      if (err instanceof ApiError && err.code === 'process_finished') throw new ApiError(409, 'receipt_exists', 'This shipment is already received and reconciled');
      throw err;
    });
    res.status(201).json(await reload(s.id));
  });

  return router;
}

type ShipmentTrackingEventType = (typeof EVENT_TYPES)[number];
