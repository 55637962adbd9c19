// The order-fair booking's writes (docs/domain.md process 2): an order, from the form or the
// fair's order sheet, is checked against master data, priced at the wholesale price, given its
// prepayment and deadline from the franchisee's terms, written and its orderBooking workflow
// started (or the booking taken back out). Payments and cancellations go to the running
// workflow, which refuses what may not happen.
import type { z } from 'zod';
import {
  ACTIVE_STATUSES,
  OPEN_STATUSES,
  bookingCode,
  bookingWorkflowId,
  orderTotals,
  paidOnInFuture,
  paymentDeadline,
  prepaymentDueFen,
  quotaCheck,
  shareToBp,
  type OrderBookingInput,
} from '../../domain/bookings';
import type { Db } from '../../lib/db/client';
import { parseOrderSheet } from '../../lib/bookings/import';
import { readSettings } from '../../lib/settings';
import { cancelBookingUpdate, recordPaymentUpdate } from '../../workflows/messages';
import { orderBooking } from '../../workflows/orderBooking';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { actorOf, sendUpdate, startProcess } from '../temporal';
import { invalid, type goodsLines } from '../validation';
import { startAfterWrite } from './startAfterWrite';

type LineIn = z.infer<ReturnType<typeof goodsLines>>[number];

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
  if (!season.orderOpen)
    throw new ApiError(409, 'season_closed', `The order fair of season ${code} is closed: no futures orders can be booked`, {
      [field]: 'closed',
    });
}

/**
 * Every line names a SKU of the season and one of its sizes, and no SKU and size comes twice.
 * Adds the problems to `details`; returns the lines priced at the product's wholesale price.
 */
async function priceLines(db: Db, season: string, lines: LineIn[], keys: LineKeys, details: Record<string, string>): Promise<PricedLine[]> {
  const skus = [...new Set(lines.map((l) => l.sku))];
  const products = new Map(
    (
      await db.product.findMany({
        where: { sku: { in: skus } },
        select: { sku: true, seasonCode: true, wholesalePriceFen: true, sizes: { select: { size: true } } },
      })
    ).map((p) => [p.sku, p]),
  );
  const seen = new Map<string, number>();
  const priced: PricedLine[] = [];
  lines.forEach((l, i) => {
    const p = products.get(l.sku);
    if (!p) details[keys.field(i, 'sku')] = `no such SKU ${l.sku}`;
    else if (p.seasonCode !== season) details[keys.field(i, 'sku')] = `${l.sku} is a product of season ${p.seasonCode}, not ${season}`;
    else if (!p.sizes.some((s) => s.size === l.size))
      details[keys.field(i, 'size')] = `${l.sku} has no size ${l.size} (sizes: ${p.sizes.map((s) => s.size).join(', ')})`;
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
  if (fields.length)
    throw new ApiError(
      422,
      'validation_failed',
      `Invalid ${what}: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? ', …' : ''}`,
      details,
    );
}

export interface NewBooking {
  franchiseeId: string;
  season: string;
  lines: LineIn[];
  note?: string | null;
}

export interface NewPayment {
  amountFen: number;
  reference: string;
  paidOn?: string | null;
  note?: string | null;
}

/** What an act on a booking needs of it. */
interface BookingRef {
  id: string;
  status: string;
  workflowId: string | null;
}

// ---- the service --------------------------------------------------------------------------------

export function bookingService(ctx: AppContext) {
  /** Checks one franchisee's order against master data (all problems in one 422) and prices it. */
  async function prepare(
    input: { franchiseeId: string; season: string; lines: LineIn[]; note?: string | null },
    keys: LineKeys,
    franchiseeField: string,
    details: Record<string, string>,
  ): Promise<PreparedBooking | null> {
    const franchisee = await ctx.db.franchisee.findUnique({
      where: { id: input.franchiseeId },
      select: { id: true, name: true, regionId: true, prepaymentShareBp: true, paymentWindowDays: true },
    });
    if (!franchisee) details[franchiseeField] = `no such franchisee ${input.franchiseeId}`;
    const lines = await priceLines(ctx.db, input.season, input.lines, keys, details);
    return franchisee ? { franchisee, season: input.season, lines, note: input.note ?? null } : null;
  }

  async function refuseExisting(franchiseeIds: string[], season: string): Promise<void> {
    const existing = await ctx.db.booking.findFirst({
      where: { franchiseeId: { in: franchiseeIds }, seasonCode: season, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true, seq: true, franchiseeId: true },
    });
    if (existing) {
      throw new ApiError(
        409,
        'booking_exists',
        `Franchisee ${existing.franchiseeId} already has booking ${bookingCode(existing.seq)} for season ${season}; cancel it first or change it`,
        {
          bookingId: existing.id,
          franchiseeId: existing.franchiseeId,
        },
      );
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
      (
        await ctx.db.franchiseeQuota.findMany({
          where: { seasonCode: prepared[0]!.season, franchiseeId: { in: prepared.map((p) => p.franchisee.id) } },
        })
      ).map((q) => [q.franchiseeId, q.quotaFen]),
    );
    const planned = prepared.map((p) => {
      const { amountFen, totalQty } = orderTotals(p.lines);
      if (amountFen > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('lines', 'the order amount is too large');
      const shareBp = p.franchisee.prepaymentShareBp ?? shareToBp(settings['booking.prepaymentShare']);
      const window = p.franchisee.paymentWindowDays ? `P${p.franchisee.paymentWindowDays}D` : settings['booking.paymentWindow'];
      const quotaFen = quotas.get(p.franchisee.id) ?? null;
      return {
        p,
        amountFen,
        totalQty,
        shareBp,
        window,
        quotaFen,
        due: prepaymentDueFen(amountFen, shareBp),
        check: quotaCheck(amountFen, quotaFen, toleranceBp),
        // Provisional (the column needs a value, and the GET shows none): the workflow sets the
        // deadline when it sends the order statement, the window from then.
        deadline: paymentDeadline(now, window, ctx.config.tzBusiness),
      };
    });

    let created: { id: string; seq: number; plan: (typeof planned)[number] }[];
    try {
      created = await ctx.db.$transaction(
        async (tx) => {
          const out: { id: string; seq: number; plan: (typeof planned)[number] }[] = [];
          for (const x of planned) {
            const b = await tx.booking.create({
              data: {
                franchiseeId: x.p.franchisee.id,
                seasonCode: x.p.season,
                status: x.check === 'within' ? 'awaiting_payment' : 'awaiting_approval',
                amountFen: x.amountFen,
                prepaymentShareBp: x.shareBp,
                prepaymentDueFen: x.due,
                paymentDeadline: new Date(x.deadline),
                quotaFen: x.quotaFen,
                quotaCheck: x.check,
                totalQty: x.totalQty,
                note: x.p.note,
                createdById: user.id,
              },
            });
            await tx.booking.update({ where: { id: b.id }, data: { workflowId: bookingWorkflowId(b.id) } });
            await tx.bookingLine.createMany({
              data: x.p.lines.map((l, position) => ({
                bookingId: b.id,
                position,
                sku: l.sku,
                size: l.size,
                qty: l.qty,
                unitPriceFen: l.unitPriceFen,
                amountFen: BigInt(l.qty) * BigInt(l.unitPriceFen),
              })),
            });
            out.push({ id: b.id, seq: b.seq, plan: x });
          }
          return out;
        },
        { timeout: 60_000 },
      );
    } catch (err) {
      // The partial unique index: another request booked the same franchisee and season first.
      if ((err as { code?: string }).code === 'P2002')
        await refuseExisting(
          prepared.map((p) => p.franchisee.id),
          prepared[0]!.season,
        );
      throw err;
    }

    await startAfterWrite(created, {
      start: ({ id, seq, plan: x }) => {
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
          terms: { paymentWindow: x.window },
        };
        // Answered once the run has written its first state (status, deadline, quota task).
        return startProcess(ctx.temporal, orderBooking, {
          taskQueue: ctx.config.taskQueue,
          workflowId: bookingWorkflowId(id),
          args: [input],
        });
      },
      rollBack: async (failed) => {
        await ctx.db.booking.deleteMany({ where: { id: { in: failed.map((c) => c.id) } } });
      },
      notStarted: (reason, failed, saved) => ({
        message: `The booking process could not be started (${reason}); ${failed.length} booking(s) were not saved`,
        details: { notSaved: failed.map((c) => c.plan.p.franchisee.id), saved: saved.map((c) => bookingCode(c.seq)) },
      }),
    });
    return created.map((c) => c.id);
  }

  return {
    /** One franchisee's order from the form: checked, priced, written and started. Its id. */
    async create(order: NewBooking, user: CurrentUser): Promise<string> {
      await requireOpenSeason(ctx.db, order.season);
      const details: Record<string, string> = {};
      const prepared = await prepare(order, jsonKeys, 'franchiseeId', details);
      throwDetails(details);
      await refuseExisting([prepared!.franchisee.id], order.season);
      const [id] = await book([prepared!], user);
      return id!;
    },

    /** The fair's order sheet (`file`: the request body, null when it is not one): one booking per franchisee. Their ids. */
    async importSheet(season: string, file: Buffer | null, contentType: string | undefined, user: CurrentUser): Promise<string[]> {
      await requireOpenSeason(ctx.db, season);
      if (!file?.length) {
        throw new ApiError(422, 'validation_failed', 'Send the order sheet itself as the body, as text/csv or .xlsx', {
          file: 'send the file as text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      }
      const read = await parseOrderSheet(file, contentType);
      const lines = read.ok ? read.lines : (read.lines ?? []);
      const details: Record<string, string> = read.ok ? {} : { ...read.details };
      // One booking per franchisee, in the order they first appear in the sheet.
      const groups = new Map<string, typeof lines>();
      for (const l of lines) groups.set(l.franchiseeId, [...(groups.get(l.franchiseeId) ?? []), l]);
      const prepared: PreparedBooking[] = [];
      for (const [franchiseeId, rows] of groups) {
        const p = await prepare(
          { franchiseeId, season, lines: rows },
          rowKeys(rows.map((r) => r.row)),
          `rows.${rows[0]!.row}.franchisee`,
          details,
        );
        if (p) prepared.push(p);
      }
      if (!read.ok) throw new ApiError(422, 'validation_failed', read.message, details);
      throwDetails(details, 'order sheet');
      if (!prepared.length)
        throw new ApiError(422, 'validation_failed', 'The order sheet has no order lines', { file: 'no lines with a quantity' });
      await refuseExisting(
        prepared.map((p) => p.franchisee.id),
        season,
      );
      return book(prepared, user);
    },

    /** Finance records a payment; the workflow confirms the booking once the prepayment is in. */
    async recordPayment(booking: BookingRef, payment: NewPayment, user: CurrentUser): Promise<void> {
      // A payment cannot have been made after today in the business zone (the workflow refuses it too).
      if (payment.paidOn && paidOnInFuture(payment.paidOn, Date.now(), ctx.config.tzBusiness)) {
        throw new ApiError(
          422,
          'payment_date_in_future',
          `A payment cannot be dated after today (${ctx.config.tzBusiness}): ${payment.paidOn}`,
          {
            paidOn: 'must be today or earlier',
          },
        );
      }
      // A retry of a payment that landed (its answer lost) is told so, even when that payment closed the booking (was: booking_closed).
      if (await ctx.db.bookingPayment.count({ where: { bookingId: booking.id, reference: payment.reference } })) {
        throw new ApiError(409, 'duplicate_payment_reference', `Payment ${payment.reference} is already recorded on this booking`, {
          reference: 'already recorded',
        });
      }
      if (!OPEN_STATUSES.includes(booking.status as never)) {
        throw new ApiError(409, 'booking_closed', `This booking is ${booking.status}; no payment can be recorded on it`, {
          status: booking.status,
        });
      }
      // A bank reference identifies one transfer: recorded on another booking, it is a mistake.
      const elsewhere = await ctx.db.bookingPayment.findFirst({
        where: { reference: payment.reference, bookingId: { not: booking.id } },
        include: { booking: { select: { seq: true } } },
      });
      if (elsewhere) {
        throw new ApiError(
          409,
          'duplicate_payment_reference',
          `Payment ${payment.reference} is already recorded on booking ${bookingCode(elsewhere.booking.seq)}`,
          { reference: 'already recorded', bookingId: elsewhere.bookingId },
        );
      }
      await sendUpdate(ctx.temporal, booking.workflowId!, recordPaymentUpdate, {
        actor: actorOf(user),
        amountFen: payment.amountFen,
        reference: payment.reference,
        paidOn: payment.paidOn ?? null,
        note: payment.note ?? null,
      });
    },

    /** The manager cancels an open booking; answered once the cancellation is written (status, quota released, refund task if money came in). */
    async cancel(booking: BookingRef, reason: string, user: CurrentUser): Promise<void> {
      if (!OPEN_STATUSES.includes(booking.status as never))
        throw new ApiError(409, 'booking_closed', `This booking is already ${booking.status}`, { status: booking.status });
      await sendUpdate(ctx.temporal, booking.workflowId!, cancelBookingUpdate, { actor: actorOf(user), reason });
    },
  };
}
