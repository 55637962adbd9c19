// Order-fair bookings (订货会期货订单与预付款, docs/domain.md process 2) over HTTP: a specialist
// enters a franchisee's futures order (form or the fair's order sheet), finance records
// payments, the manager cancels; api/services/bookings.ts checks, writes and starts or acts on
// the orderBooking workflow. The season summary (by region and franchisee) is computed in SQL
// over the booking rows.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { ACTIVE_STATUSES, OPEN_STATUSES, bookingCode } from '../../domain/bookings';
import type { Db } from '../../lib/db/client';
import { bookingSummaryCsv, bookingSummaryXlsx, type BookingSummary, type SummaryFigures } from '../../lib/bookings/export';
import { statementsSent } from '../../lib/bookings/statements';
import { currentUser, isStaff, requireRole, type CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { forbidden, notFound, parse } from '../errors';
import { parseListQuery, sendList } from '../list';
import { bookingService } from '../services/bookings';
import { dateFromDb, filterIds, filterString, filterBoolean, goodsLines, invalid, isoDate, text } from '../validation';

const MAX_QTY = 100_000;
const IMPORT_LIMIT = '10mb';
const SORTABLE = ['createdAt', 'code', 'amountFen', 'paymentDeadline', 'status', 'franchiseeId', 'season'] as const;
const SORT_FIELDS: Record<(typeof SORTABLE)[number], string> = {
  createdAt: 'createdAt',
  code: 'seq',
  amountFen: 'amountFen',
  paymentDeadline: 'paymentDeadline',
  status: 'status',
  franchiseeId: 'franchiseeId',
  season: 'seasonCode',
};

// ---- request bodies --------------------------------------------------------------------------

const CreateBody = z.object({
  franchiseeId: text(40),
  season: text(20),
  lines: goodsLines(MAX_QTY),
  note: z.string().trim().max(500, 'at most 500 characters').nullish(),
});
const PaymentBody = z.object({
  amountFen: z
    .number({ error: 'must be a whole number of fen' })
    .int('must be a whole number of fen')
    .min(1, 'must be above 0')
    .max(Number.MAX_SAFE_INTEGER),
  reference: text(100),
  paidOn: isoDate.nullish(),
  note: z.string().trim().max(500, 'at most 500 characters').nullish(),
});
const CancelBody = z.object({ reason: text(2000) });
const SeasonQuery = z.object({ season: text(20) });
const ExportQuery = z.object({ season: text(20), format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).default('csv') });

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

function headerView(b: BookingHeader, statementSentAt: Date | undefined) {
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
    /** null until the order statement is sent: the payment window starts then. */
    paymentDeadline: statementSentAt ? b.paymentDeadline.toISOString() : null,
    statementSentAt: statementSentAt?.toISOString() ?? null,
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

function fullView(b: BookingFull, statementSentAt: Date | undefined) {
  return {
    ...headerView(b, statementSentAt),
    lines: b.lines.map((l) => ({
      position: l.position,
      sku: l.sku,
      productName: l.product.name,
      size: l.size,
      qty: l.qty,
      unitPriceFen: l.unitPriceFen,
      amountFen: Number(l.amountFen),
    })),
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
  const byRegion = new Map<
    string,
    { regionId: string; regionName: string; franchisees: (SummaryFigures & { franchiseeId: string; franchiseeName: string })[] }
  >();
  for (const r of rows) {
    const f = figures([
      {
        quotaFen: r.quotaFen === null ? null : Number(r.quotaFen),
        orderedFen: Number(r.orderedFen),
        prepaymentDueFen: Number(r.prepaymentDueFen),
        receivedFen: Number(r.receivedFen),
        outstandingFen: Number(r.outstandingFen),
        bookings: Number(r.bookings),
        confirmed: Number(r.confirmed),
        overdue: Number(r.overdue),
      },
    ]);
    const region = byRegion.get(r.regionId) ?? { regionId: r.regionId, regionName: r.regionName, franchisees: [] };
    region.franchisees.push({ franchiseeId: r.franchiseeId, franchiseeName: r.franchiseeName, ...f });
    byRegion.set(r.regionId, region);
  }
  const regions = [...byRegion.values()].map((r) => ({
    regionId: r.regionId,
    regionName: r.regionName,
    ...figures(r.franchisees),
    franchisees: r.franchisees,
  }));
  return { season, totals: figures(regions.flatMap((r) => r.franchisees)), regions };
}

// ---- routes -------------------------------------------------------------------------------------------

const BOOKING_WRITERS = ['specialist', 'supervisor', 'manager'] as const;

export function bookingRoutes(ctx: AppContext): Router {
  const router = Router();
  const bookings = bookingService(ctx);
  const writers = requireRole(...BOOKING_WRITERS);
  /** Staff (incl. finance) see every booking; a franchisee's users see their own. */
  const readers: express.RequestHandler = (req, _res, next) => {
    const user = currentUser(req);
    if (!isStaff(user) && !(user.roles.includes('franchisee') && user.franchiseeId))
      return next(forbidden('Bookings are for merchandise staff, finance and the franchisee concerned'));
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
  const full = async (b: BookingFull) => fullView(b, (await statementsSent(ctx.db, [b.workflowId])).get(b.workflowId ?? ''));
  const reload = async (id: string) => full(await ctx.db.booking.findUniqueOrThrow({ where: { id }, include: fullInclude }));

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
      and.push({
        OR: [
          { franchisee: { name: { contains: term, mode: 'insensitive' } } },
          { franchiseeId: { equals: term, mode: 'insensitive' } },
          ...(seq ? [{ seq: Number(seq[1]) }] : []),
        ],
      });
    }
    const ids = filterIds(f.id);
    if (ids) and.push({ id: { in: ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x)) } });
    const where: Prisma.BookingWhereInput = { AND: and };
    const sortField = q.sort ? SORT_FIELDS[q.sort.field as (typeof SORTABLE)[number]] : undefined;
    const [rows, total] = await Promise.all([
      ctx.db.booking.findMany({
        where,
        include: headerInclude,
        skip: q.skip,
        take: q.take,
        orderBy: sortField ? [{ [sortField]: q.sort!.order }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
      ctx.db.booking.count({ where }),
    ]);
    const sent = await statementsSent(
      ctx.db,
      rows.map((b) => b.workflowId),
    );
    sendList(
      res,
      'bookings',
      q,
      rows.map((b) => headerView(b, sent.get(b.workflowId ?? ''))),
      total,
    );
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
    res.json(await full(await loadBooking(req)));
  });

  // -- writes

  router.post('/api/bookings', writers, async (req, res) => {
    const body = parse(CreateBody, req.body);
    const id = await bookings.create(body, currentUser(req));
    res.status(201).json(await reload(id));
  });

  router.post('/api/bookings/import', writers, express.raw({ type: () => true, limit: IMPORT_LIMIT }), async (req, res) => {
    const { season } = parse(SeasonQuery, req.query);
    const ids = await bookings.importSheet(
      season,
      Buffer.isBuffer(req.body) ? req.body : null,
      req.headers['content-type'],
      currentUser(req),
    );
    res.status(201).json({ bookings: await Promise.all(ids.map(reload)) });
  });

  router.post('/api/bookings/:id/payments', requireRole('finance'), async (req, res) => {
    const body = parse(PaymentBody, req.body);
    const booking = await loadBooking(req);
    await bookings.recordPayment(booking, body, currentUser(req));
    res.status(201).json(await reload(booking.id));
  });

  router.post('/api/bookings/:id/cancel', requireRole('manager'), async (req, res) => {
    const body = parse(CancelBody, req.body);
    const booking = await loadBooking(req);
    await bookings.cancel(booking, body.reason, currentUser(req));
    res.json(await reload(booking.id));
  });

  return router;
}
