// Order-fair bookings (订货会期货订单与预付款, docs/domain.md process 2): a specialist enters a
// franchisee's futures order (form or the fair's order sheet); this route checks it against
// master data, prices it at the wholesale price, computes the prepayment and deadline from the
// franchisee's terms and starts the orderBooking workflow. Finance records payments and the
// manager cancels through the workflow's Updates, which refuse what may not happen. The
// season summary (by region and franchisee) is computed in SQL over the booking rows.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import {
  ACTIVE_STATUSES,
  OPEN_STATUSES,
  bookingCode,
  bookingWorkflowId,
  orderTotals,
  paymentDeadline,
  prepaymentDueFen,
  quotaCheck,
  shareToBp,
  type OrderBookingInput,
} from '../../domain/bookings';
import type { Db } from '../../lib/db/client';
import { bookingSummaryCsv, bookingSummaryXlsx, type BookingSummary, type SummaryFigures } from '../../lib/bookings/export';
import { parseOrderSheet } from '../../lib/bookings/import';
import { readSettings } from '../../lib/settings';
import { cancelBookingUpdate, recordPaymentUpdate } from '../../workflows/messages';
import { orderBooking } from '../../workflows/orderBooking';
import { currentUser, isStaff, requireRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { actorOf, sendUpdate, startProcess } from '../temporal';
import { dateFromDb, filterIds, filterString, filterBoolean, invalid, isoDate, text } from '../validation';

const MAX_LINES = 20_000;
const MAX_QTY = 100_000;
const IMPORT_LIMIT = '10mb';
const SORTABLE = ['createdAt', 'code', 'amountFen', 'paymentDeadline', 'status', 'franchiseeId', 'season'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = {
  createdAt: 'createdAt', code: 'seq', amountFen: 'amountFen', paymentDeadline: 'paymentDeadline', status: 'status', franchiseeId: 'franchiseeId', season: 'seasonCode',
};

// ---- request bodies --------------------------------------------------------------------------

const Line = z.object({
  sku: text(40),
  size: text(20),
  qty: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_QTY, `must be at most ${MAX_QTY}`),
});
const CreateBody = z.object({
  franchiseeId: text(40),
  season: text(20),
  lines: z.array(Line, { error: 'must be a list of lines' }).min(1, 'at least one line').max(MAX_LINES, `at most ${MAX_LINES} lines`),
  note: z.string().trim().max(500, 'at most 500 characters').nullish(),
});
const PaymentBody = z.object({
  amountFen: z.number({ error: 'must be a whole number of fen' }).int('must be a whole number of fen').min(1, 'must be above 0').max(Number.MAX_SAFE_INTEGER),
  reference: text(100),
  paidOn: isoDate.nullish(),
  note: z.string().trim().max(500, 'at most 500 characters').nullish(),
});
const CancelBody = z.object({ reason: text(2000) });
const SeasonQuery = z.object({ season: text(20) });
const ExportQuery = z.object({ season: text(20), format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).default('csv') });

type LineIn = z.infer<typeof Line>;

/** Where an error about a line is reported: `lines.3.sku` for JSON, `rows.5.sku` for a file. */
interface LineKeys {
  field(index: number, field: 'sku' | 'size' | 'qty'): string;
  line(index: number): string;
  label(index: number): string;
}
const jsonKeys: LineKeys = { field: (i, f) => `lines.${i}.${f}`, line: (i) => `lines.${i}`, label: (i) => `line ${i}` };
const rowKeys = (rows: number[]): LineKeys => ({
  field: (i, f) => `rows.${rows[i]}.${f}`,
  line: (i) => `rows.${rows[i]}`,
  label: (i) => `row ${rows[i]}`,
});

interface PricedLine extends LineIn {
  unitPriceFen: number;
}

/** An order checked against master data and priced, ready to be written and started. */
interface PreparedBooking {
  franchisee: { id: string; name: string; regionId: string; prepaymentShareBp: number | null; paymentWindowDays: number | null };
  season: string;
  lines: PricedLine[];
  note: string | null;
}

// ---- checks -------------------------------------------------------------------------------------

async function requireOpenSeason(db: Db, code: string, field = 'season'): Promise<void> {
  const season = await db.season.findUnique({ where: { code }, select: { orderOpen: true } });
  if (!season) throw invalid(field, `no such season ${code}`);
  if (!season.orderOpen) throw new ApiError(409, 'season_closed', `The order fair of season ${code} is closed: no futures orders can be booked`, { [field]: 'closed' });
}

/**
 * Every line names a SKU of the season and one of its sizes, and no SKU and size comes twice.
 * Adds the problems to `details`; returns the lines priced at the product's wholesale price.
 */
async function priceLines(db: Db, season: string, lines: LineIn[], keys: LineKeys, details: Record<string, string>): Promise<PricedLine[]> {
  const skus = [...new Set(lines.map((l) => l.sku))];
  const products = new Map(
    (await db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, seasonCode: true, wholesalePriceFen: true, sizes: { select: { size: true } } } })).map((p) => [p.sku, p]),
  );
  const seen = new Map<string, number>();
  const priced: PricedLine[] = [];
  lines.forEach((l, i) => {
    const p = products.get(l.sku);
    if (!p) details[keys.field(i, 'sku')] = `no such SKU ${l.sku}`;
    else if (p.seasonCode !== season) details[keys.field(i, 'sku')] = `${l.sku} is a product of season ${p.seasonCode}, not ${season}`;
    else if (!p.sizes.some((s) => s.size === l.size)) details[keys.field(i, 'size')] = `${l.sku} has no size ${l.size} (sizes: ${p.sizes.map((s) => s.size).join(', ')})`;
    const key = `${l.sku}\u0000${l.size}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else details[keys.line(i)] ??= `duplicate line: same SKU and size as ${keys.label(first)}`;
    if (p) priced.push({ ...l, unitPriceFen: p.wholesalePriceFen });
  });
  return priced;
}

function throwDetails(details: Record<string, string>, what = 'order'): void {
  const fields = Object.keys(details);
  if (fields.length) throw new ApiError(422, 'validation_failed', `Invalid ${what}: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', …' : ''}`, details);
}

// ---- views ----------------------------------------------------------------------------------------

const headerInclude = {
  franchisee: { select: { name: true, regionId: true, region: { select: { name: true } } } },
  createdBy: { select: { name: true } },
} as const;
const fullInclude = {
  ...headerInclude,
  lines: { orderBy: { position: 'asc' }, include: { product: { select: { name: true } } } },
  payments: { orderBy: { recordedAt: 'asc' }, include: { recordedBy: { select: { name: true } } } },
} as const;
type BookingHeader = Prisma.BookingGetPayload<{ include: typeof headerInclude }>;
type BookingFull = Prisma.BookingGetPayload<{ include: typeof fullInclude }>;

function headerView(b: BookingHeader) {
  const outstanding = b.prepaymentDueFen > b.paidFen ? b.prepaymentDueFen - b.paidFen : 0n;
  return {
    id: b.id,
    code: bookingCode(b.seq),
    franchiseeId: b.franchiseeId,
    franchiseeName: b.franchisee.name,
    regionId: b.franchisee.regionId,
    regionName: b.franchisee.region.name,
    season: b.seasonCode,
    status: b.status,
    amountFen: Number(b.amountFen),
    prepaymentShareBp: b.prepaymentShareBp,
    prepaymentDueFen: Number(b.prepaymentDueFen),
    paidFen: Number(b.paidFen),
    outstandingFen: OPEN_STATUSES.includes(b.status as never) ? Number(outstanding) : 0,
    paymentDeadline: b.paymentDeadline.toISOString(),
    quotaFen: b.quotaFen === null ? null : Number(b.quotaFen),
    quotaCheck: b.quotaCheck,
    totalQty: b.totalQty,
    note: b.note,
    workflowId: b.workflowId,
    createdById: b.createdById,
    createdByName: b.createdBy.name,
    createdAt: b.createdAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    reason: b.reason,
  };
}

function fullView(b: BookingFull) {
  return {
    ...headerView(b),
    lines: b.lines.map((l) => ({ position: l.position, sku: l.sku, productName: l.product.name, size: l.size, qty: l.qty, unitPriceFen: l.unitPriceFen, amountFen: Number(l.amountFen) })),
    payments: b.payments.map((p) => ({
      id: p.id,
      amountFen: Number(p.amountFen),
      reference: p.reference,
      paidOn: p.paidOn ? dateFromDb(p.paidOn) : null,
      note: p.note,
      recordedById: p.recordedById,
      recordedByName: p.recordedBy.name,
      recordedAt: p.recordedAt.toISOString(),
    })),
  };
}

// ---- the season summary (SQL) ------------------------------------------------------------------------

interface SummaryRow {
  franchiseeId: string;
  franchiseeName: string;
  regionId: string;
  regionName: string;
  quotaFen: bigint | null;
  orderedFen: bigint;
  prepaymentDueFen: bigint;
  receivedFen: bigint;
  outstandingFen: bigint;
  bookings: bigint;
  confirmed: bigint;
  overdue: bigint;
}

/**
 * Ordered vs quota and prepayment due vs received, per franchisee, over the season's active
 * bookings (a cancelled booking releases its quota; its money goes back through finance).
 */
export async function bookingSummary(db: Db, season: string): Promise<BookingSummary> {
  const active = [...ACTIVE_STATUSES];
  const open = [...OPEN_STATUSES];
  const rows = await db.$queryRaw<SummaryRow[]>`
    SELECT f.id AS "franchiseeId", f.name AS "franchiseeName", r.id AS "regionId", r.name AS "regionName",
      q."quotaFen",
      COALESCE(SUM(b."amountFen") FILTER (WHERE b.status = ANY(${active})), 0)::bigint AS "orderedFen",
      COALESCE(SUM(b."prepaymentDueFen") FILTER (WHERE b.status = ANY(${active})), 0)::bigint AS "prepaymentDueFen",
      COALESCE(SUM(b."paidFen") FILTER (WHERE b.status = ANY(${active})), 0)::bigint AS "receivedFen",
      COALESCE(SUM(GREATEST(b."prepaymentDueFen" - b."paidFen", 0)) FILTER (WHERE b.status = ANY(${open})), 0)::bigint AS "outstandingFen",
      COUNT(b.id) FILTER (WHERE b.status = ANY(${active})) AS "bookings",
      COUNT(b.id) FILTER (WHERE b.status = 'confirmed') AS "confirmed",
      COUNT(b.id) FILTER (WHERE b.status = 'overdue') AS "overdue"
    FROM "Franchisee" f
    JOIN "Region" r ON r.id = f."regionId"
    LEFT JOIN "FranchiseeQuota" q ON q."franchiseeId" = f.id AND q."seasonCode" = ${season}
    LEFT JOIN "Booking" b ON b."franchiseeId" = f.id AND b."seasonCode" = ${season}
    GROUP BY f.id, f.name, r.id, r.name, q."quotaFen"
    ORDER BY r.id, f.id`;

  const figures = (xs: Omit<SummaryFigures, 'quotaUsedBp'>[]): SummaryFigures => {
    const sum = (k: keyof Omit<SummaryFigures, 'quotaUsedBp' | 'quotaFen'>) => xs.reduce((s, x) => s + x[k], 0);
    const quotas = xs.filter((x) => x.quotaFen !== null);
    const quotaFen = quotas.length ? quotas.reduce((s, x) => s + x.quotaFen!, 0) : null;
    const orderedFen = sum('orderedFen');
    return {
      quotaFen,
      orderedFen,
      // Of the quota: only what franchisees with a quota ordered counts.
      quotaUsedBp: quotaFen ? Math.floor((quotas.reduce((s, x) => s + x.orderedFen, 0) * 10_000) / quotaFen) : null,
      prepaymentDueFen: sum('prepaymentDueFen'),
      receivedFen: sum('receivedFen'),
      outstandingFen: sum('outstandingFen'),
      bookings: sum('bookings'),
      confirmed: sum('confirmed'),
      overdue: sum('overdue'),
    };
  };
  const byRegion = new Map<string, { regionId: string; regionName: string; franchisees: (SummaryFigures & { franchiseeId: string; franchiseeName: string })[] }>();
  for (const r of rows) {
    const f = figures([{
      quotaFen: r.quotaFen === null ? null : Number(r.quotaFen),
      orderedFen: Number(r.orderedFen),
      prepaymentDueFen: Number(r.prepaymentDueFen),
      receivedFen: Number(r.receivedFen),
      outstandingFen: Number(r.outstandingFen),
      bookings: Number(r.bookings),
      confirmed: Number(r.confirmed),
      overdue: Number(r.overdue),
    }]);
    const region = byRegion.get(r.regionId) ?? { regionId: r.regionId, regionName: r.regionName, franchisees: [] };
    region.franchisees.push({ franchiseeId: r.franchiseeId, franchiseeName: r.franchiseeName, ...f });
    byRegion.set(r.regionId, region);
  }
  const regions = [...byRegion.values()].map((r) => ({ regionId: r.regionId, regionName: r.regionName, ...figures(r.franchisees), franchisees: r.franchisees }));
  return { season, totals: figures(regions.flatMap((r) => r.franchisees)), regions };
}

// ---- routes -------------------------------------------------------------------------------------------

const BOOKING_WRITERS = ['specialist', 'supervisor', 'manager'] as const;

export function bookingRoutes(ctx: AppContext): Router {
  const router = Router();
  const writers = requireRole(...BOOKING_WRITERS);
  /** Staff (incl. finance) see every booking; a franchisee's users see their own. */
  const readers: express.RequestHandler = (req, _res, next) => {
    const user = currentUser(req);
    if (!isStaff(user) && !(user.roles.includes('franchisee') && user.franchiseeId)) return next(forbidden('Bookings are for merchandise staff, finance and the franchisee concerned'));
    next();
  };
  const staffOnly: express.RequestHandler = (req, _res, next) => {
    if (!isStaff(currentUser(req))) return next(forbidden('The summary is for merchandise staff and finance'));
    next();
  };
  const ownOnly = (user: CurrentUser): Prisma.BookingWhereInput => (isStaff(user) ? {} : { franchiseeId: user.franchiseeId ?? '\u0000' });

  async function loadBooking(req: Request): Promise<BookingFull> {
    const id = String(req.params.id);
    const booking = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db.booking.findUnique({ where: { id }, include: fullInclude }) : null;
    const user = currentUser(req);
    if (!booking || (!isStaff(user) && booking.franchiseeId !== user.franchiseeId)) throw notFound(`Booking ${id}`);
    return booking;
  }
  const reload = async (id: string) => fullView(await ctx.db.booking.findUniqueOrThrow({ where: { id }, include: fullInclude }));

  /** Checks one franchisee's order against master data (all problems in one 422) and prices it. */
  async function prepare(input: { franchiseeId: string; season: string; lines: LineIn[]; note?: string | null }, keys: LineKeys, franchiseeField: string, details: Record<string, string>): Promise<PreparedBooking | null> {
    const franchisee = await ctx.db.franchisee.findUnique({ where: { id: input.franchiseeId }, select: { id: true, name: true, regionId: true, prepaymentShareBp: true, paymentWindowDays: true } });
    if (!franchisee) details[franchiseeField] = `no such franchisee ${input.franchiseeId}`;
    const lines = await priceLines(ctx.db, input.season, input.lines, keys, details);
    return franchisee ? { franchisee, season: input.season, lines, note: input.note ?? null } : null;
  }

  async function refuseExisting(franchiseeIds: string[], season: string): Promise<void> {
    const existing = await ctx.db.booking.findFirst({ where: { franchiseeId: { in: franchiseeIds }, seasonCode: season, status: { in: [...ACTIVE_STATUSES] } }, select: { id: true, seq: true, franchiseeId: true } });
    if (existing) {
      throw new ApiError(409, 'booking_exists', `Franchisee ${existing.franchiseeId} already has booking ${bookingCode(existing.seq)} for season ${season}; cancel it first or change it`, {
        bookingId: existing.id,
        franchiseeId: existing.franchiseeId,
      });
    }
  }

  /**
   * Writes the bookings (one transaction: all or none) and starts their workflows. A workflow
   * that cannot be started takes its booking back out, so no booking is left without a process.
   */
  async function book(prepared: PreparedBooking[], user: CurrentUser): Promise<string[]> {
    const settings = await readSettings(ctx.db);
    const now = new Date().toISOString();
    const toleranceBp = shareToBp(settings['booking.quotaTolerance']);
    const quotas = new Map(
      (await ctx.db.franchiseeQuota.findMany({ where: { seasonCode: prepared[0]!.season, franchiseeId: { in: prepared.map((p) => p.franchisee.id) } } })).map((q) => [q.franchiseeId, q.quotaFen]),
    );
    const planned = prepared.map((p) => {
      const { amountFen, totalQty } = orderTotals(p.lines);
      if (amountFen > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('lines', 'the order amount is too large');
      const shareBp = p.franchisee.prepaymentShareBp ?? shareToBp(settings['booking.prepaymentShare']);
      const window = p.franchisee.paymentWindowDays ? `P${p.franchisee.paymentWindowDays}D` : settings['booking.paymentWindow'];
      const quotaFen = quotas.get(p.franchisee.id) ?? null;
      return {
        p, amountFen, totalQty, shareBp, window, quotaFen,
        due: prepaymentDueFen(amountFen, shareBp),
        check: quotaCheck(amountFen, quotaFen, toleranceBp),
        deadline: paymentDeadline(now, window, ctx.config.tzBusiness),
      };
    });

    let created: { id: string; seq: number; plan: (typeof planned)[number] }[];
    try {
      created = await ctx.db.$transaction(async (tx) => {
        const out: { id: string; seq: number; plan: (typeof planned)[number] }[] = [];
        for (const x of planned) {
          const b = await tx.booking.create({
            data: {
              franchiseeId: x.p.franchisee.id, seasonCode: x.p.season, status: x.check === 'within' ? 'awaiting_payment' : 'awaiting_approval',
              amountFen: x.amountFen, prepaymentShareBp: x.shareBp, prepaymentDueFen: x.due, paymentDeadline: new Date(x.deadline),
              quotaFen: x.quotaFen, quotaCheck: x.check, totalQty: x.totalQty, note: x.p.note, createdById: user.id,
            },
          });
          await tx.booking.update({ where: { id: b.id }, data: { workflowId: bookingWorkflowId(b.id) } });
          await tx.bookingLine.createMany({
            data: x.p.lines.map((l, position) => ({ bookingId: b.id, position, sku: l.sku, size: l.size, qty: l.qty, unitPriceFen: l.unitPriceFen, amountFen: BigInt(l.qty) * BigInt(l.unitPriceFen) })),
          });
          out.push({ id: b.id, seq: b.seq, plan: x });
        }
        return out;
      }, { timeout: 60_000 });
    } catch (err) {
      // The partial unique index: another request booked the same franchisee and season first.
      if ((err as { code?: string }).code === 'P2002') await refuseExisting(prepared.map((p) => p.franchisee.id), prepared[0]!.season);
      throw err;
    }

    const started = await Promise.allSettled(
      created.map(({ id, seq, plan: x }) => {
        const input: OrderBookingInput = {
          bookingId: id,
          code: bookingCode(seq),
          title: `${bookingCode(seq)} ${x.p.franchisee.name} ${x.p.season} 期货订单`,
          submitterId: user.id,
          seasonCode: x.p.season,
          franchiseeId: x.p.franchisee.id,
          franchiseeName: x.p.franchisee.name,
          amountFen: Number(x.amountFen),
          prepaymentDueFen: Number(x.due),
          quotaCheck: x.check,
          quotaFen: x.quotaFen === null ? null : Number(x.quotaFen),
          terms: { paymentWindow: x.window, reminderLeadTimes: settings['booking.reminderLeadTimes'] },
        };
        // Answered once the run has written its first state (status, deadline, quota task).
        return startProcess(ctx.temporal, orderBooking, { taskQueue: ctx.config.taskQueue, workflowId: bookingWorkflowId(id), args: [input] });
      }),
    );
    const failed = created.filter((_c, i) => started[i]!.status === 'rejected');
    if (failed.length) {
      await ctx.db.booking.deleteMany({ where: { id: { in: failed.map((c) => c.id) } } });
      const reason = (started.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason as Error;
      throw new ApiError(503, 'temporal_unavailable', `The booking process could not be started (${reason.message}); ${failed.length} booking(s) were not saved`, {
        notSaved: failed.map((c) => c.plan.p.franchisee.id),
        saved: created.filter((c) => !failed.includes(c)).map((c) => bookingCode(c.seq)),
      });
    }
    return created.map((c) => c.id);
  }

  // -- reads

  router.get('/api/bookings', readers, async (req, res) => {
    const user = currentUser(req);
    const q = parseListQuery(req, SORTABLE);
    const f = q.filter;
    const and: Prisma.BookingWhereInput[] = [ownOnly(user)];
    const season = filterString(f.season) ?? filterString(f.seasonCode);
    if (season) and.push({ seasonCode: season });
    if (filterString(f.franchiseeId)) and.push({ franchiseeId: filterString(f.franchiseeId) });
    if (filterString(f.regionId)) and.push({ franchisee: { regionId: filterString(f.regionId) } });
    const statuses = Array.isArray(f.status) ? f.status.map(String) : filterString(f.status) ? [filterString(f.status)!] : null;
    if (statuses) and.push({ status: { in: statuses } });
    if (filterBoolean(f.payable)) and.push({ status: { in: [...OPEN_STATUSES] } });
    const term = filterString(f.q)?.trim();
    if (term) {
      const seq = /^BK0*(\d{1,9})$/i.exec(term);
      and.push({ OR: [{ franchisee: { name: { contains: term, mode: 'insensitive' } } }, { franchiseeId: { equals: term, mode: 'insensitive' } }, ...(seq ? [{ seq: Number(seq[1]) }] : [])] });
    }
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x)) } });
    const where: Prisma.BookingWhereInput = { AND: and };
    const sortField = q.sort ? SORT_FIELDS[q.sort.field as (typeof SORTABLE)[number]] : undefined;
    const [rows, total] = await Promise.all([
      ctx.db.booking.findMany({ where, include: headerInclude, skip: q.skip, take: q.take, orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }] }),
      ctx.db.booking.count({ where }),
    ]);
    sendList(res, 'bookings', q, rows.map(headerView), total);
  });

  // Before /api/bookings/:id.
  router.get('/api/bookings/summary', staffOnly, async (req, res) => {
    const { season } = parse(SeasonQuery, req.query);
    if (!(await ctx.db.season.count({ where: { code: season } }))) throw invalid('season', `no such season ${season}`);
    res.json(await bookingSummary(ctx.db, season));
  });

  router.get('/api/bookings/summary/export', staffOnly, async (req, res) => {
    const { season, format } = parse(ExportQuery, req.query);
    if (!(await ctx.db.season.count({ where: { code: season } }))) throw invalid('season', `no such season ${season}`);
    const summary = await bookingSummary(ctx.db, season);
    res.attachment(`${season.replace(/[^A-Za-z0-9_-]/g, '_')}-booking-summary.${format}`);
    res.type(format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
    res.send(format === 'xlsx' ? await bookingSummaryXlsx(summary) : bookingSummaryCsv(summary));
  });

  router.get('/api/bookings/:id', readers, async (req, res) => {
    res.json(fullView(await loadBooking(req)));
  });

  // -- writes

  router.post('/api/bookings', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    await requireOpenSeason(ctx.db, body.season);
    const details: Record<string, string> = {};
    const prepared = await prepare(body, jsonKeys, 'franchiseeId', details);
    throwDetails(details);
    await refuseExisting([prepared!.franchisee.id], body.season);
    const [id] = await book([prepared!], currentUser(req));
    res.status(201).json(await reload(id!));
  });

  router.post('/api/bookings/import', writers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    const { season } = parse(SeasonQuery, req.query);
    await requireOpenSeason(ctx.db, season);
    if (!Buffer.isBuffer(req.body) || !req.body.length) {
      throw new ApiError(422, 'validation_failed', 'Send the order sheet itself as the body, as text/csv or .xlsx', { file: 'send the file as text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    }
    const read = await parseOrderSheet(req.body, req.headers['content-type']);
    const lines = read.ok ? read.lines : (read.lines ?? []);
    const details: Record<string, string> = read.ok ? {} : { ...read.details };
    // One booking per franchisee, in the order they first appear in the sheet.
    const groups = new Map<string, typeof lines>();
    for (const l of lines) groups.set(l.franchiseeId, [...(groups.get(l.franchiseeId) ?? []), l]);
    const prepared: PreparedBooking[] = [];
    for (const [franchiseeId, rows] of groups) {
      const p = await prepare({ franchiseeId, season, lines: rows }, rowKeys(rows.map((r) => r.row)), `rows.${rows[0]!.row}.franchisee`, details);
      if (p) prepared.push(p);
    }
    if (!read.ok) throw new ApiError(422, 'validation_failed', read.message, details);
    throwDetails(details, 'order sheet');
    if (!prepared.length) throw new ApiError(422, 'validation_failed', 'The order sheet has no order lines', { file: 'no lines with a quantity' });
    await refuseExisting(prepared.map((p) => p.franchisee.id), season);
    const ids = await book(prepared, currentUser(req));
    res.status(201).json({ bookings: await Promise.all(ids.map(reload)) });
  });

  router.post('/api/bookings/:id/payments', requireRole('finance'), async (req, res) => {
    const body = parse(PaymentBody, req.body);
    const booking = await loadBooking(req);
    // A retry of a payment that landed (its answer lost) is told so, even when that payment closed the booking (was: booking_closed).
    if (await ctx.db.bookingPayment.count({ where: { bookingId: booking.id, reference: body.reference } })) {
      throw new ApiError(409, 'duplicate_payment_reference', `Payment ${body.reference} is already recorded on this booking`, { reference: 'already recorded' });
    }
    if (!OPEN_STATUSES.includes(booking.status as never)) {
      throw new ApiError(409, 'booking_closed', `This booking is ${booking.status}; no payment can be recorded on it`, { status: booking.status });
    }
    // A bank reference identifies one transfer: recorded on another booking, it is a mistake.
    const elsewhere = await ctx.db.bookingPayment.findFirst({ where: { reference: body.reference, bookingId: { not: booking.id } }, include: { booking: { select: { seq: true } } } });
    if (elsewhere) {
      throw new ApiError(409, 'duplicate_payment_reference', `Payment ${body.reference} is already recorded on booking ${bookingCode(elsewhere.booking.seq)}`, { reference: 'already recorded', bookingId: elsewhere.bookingId });
    }
    await sendUpdate(ctx.temporal, booking.workflowId!, recordPaymentUpdate, {
      actor: actorOf(currentUser(req)), amountFen: body.amountFen, reference: body.reference, paidOn: body.paidOn ?? null, note: body.note ?? null,
    });
    res.status(201).json(await reload(booking.id));
  });

  router.post('/api/bookings/:id/cancel', requireRole('manager'), async (req, res) => {
    const body = parse(CancelBody, req.body);
    const booking = await loadBooking(req);
    if (!OPEN_STATUSES.includes(booking.status as never)) throw new ApiError(409, 'booking_closed', `This booking is already ${booking.status}`, { status: booking.status });
    // Answered once the cancellation is written (status, quota released, refund task if money came in).
    await sendUpdate(ctx.temporal, booking.workflowId!, cancelBookingUpdate, { actor: actorOf(currentUser(req)), reason: body.reason });
    res.json(await reload(booking.id));
  });

  return router;
}

