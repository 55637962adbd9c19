// The booking rows as the order-booking workflow moves (docs/domain.md process 2). Every write is
// idempotent: a retried activity records a payment once, confirms once, makes each order
// line once.
import { ApplicationFailure } from '@temporalio/common';
import type { MailParams } from '../domain/mail';
import { bookingCode, paymentDeadline, type BookingStatus } from '../domain/bookings';
import { endOfDay } from '../domain/calendar';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { readSettings } from '../lib/settings';

export function bookingActivities(db: Db, config: Config) {
  /** Paid = the sum of the recorded payments, whatever order the writes came in. */
  async function refreshPaid(bookingId: string): Promise<void> {
    await db.$executeRaw`
      UPDATE "Booking" SET "paidFen" = COALESCE((SELECT SUM("amountFen") FROM "BookingPayment" WHERE "bookingId" = ${bookingId}::uuid), 0),
        "updatedAt" = now()
      WHERE id = ${bookingId}::uuid`;
  }

  return {
    async bookingStatusChanged(input: {
      bookingId: string;
      status: BookingStatus;
      /** '' (or absent): no deadline yet, the order statement has not been sent; the row's is left as it is. */
      paymentDeadline?: string;
      reason: string | null;
      at: string;
    }): Promise<void> {
      const ended = input.status === 'cancelled' || input.status === 'rejected';
      await db.booking.update({
        where: { id: input.bookingId },
        data: {
          status: input.status,
          ...(input.paymentDeadline ? { paymentDeadline: new Date(input.paymentDeadline) } : {}),
          ...(ended ? { reason: input.reason, cancelledAt: new Date(input.at) } : {}),
        },
      });
    },

    async recordBookingPayment(input: {
      bookingId: string;
      reference: string;
      amountFen: number;
      paidOn: string | null;
      note: string | null;
      recordedById: string;
      at: string;
    }): Promise<void> {
      // One bank reference is one transfer: checked against the other bookings and recorded under
      // a lock on the reference, so two bookings paid with it at once cannot both record it.
      const elsewhere = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking-payment:${input.reference}`}))`;
        const other = await tx.bookingPayment.findFirst({
          where: { reference: input.reference, bookingId: { not: input.bookingId } },
          select: { bookingId: true },
        });
        if (other) return other;
        await tx.bookingPayment.createMany({
          data: [
            {
              bookingId: input.bookingId,
              reference: input.reference,
              amountFen: BigInt(input.amountFen),
              paidOn: input.paidOn ? new Date(`${input.paidOn}T00:00:00Z`) : null,
              note: input.note,
              recordedById: input.recordedById,
              recordedAt: new Date(input.at),
            },
          ],
          skipDuplicates: true,
        });
        return null;
      });
      if (elsewhere) {
        throw ApplicationFailure.nonRetryable(
          `Payment ${input.reference} is already recorded on another booking`,
          'duplicate_payment_reference',
          { reference: 'already recorded', bookingId: elsewhere.bookingId },
        );
      }
      await refreshPaid(input.bookingId);
    },

    /** Confirmed: the lines become open order lines for shipment, each once. */
    async confirmBooking(input: { bookingId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const booking = await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId }, include: { lines: true } });
        await tx.booking.update({
          where: { id: booking.id },
          data: { status: 'confirmed', confirmedAt: booking.confirmedAt ?? new Date(input.at) },
        });
        await tx.orderLine.createMany({
          data: booking.lines.map((l) => ({
            bookingLineId: l.id,
            bookingId: booking.id,
            franchiseeId: booking.franchiseeId,
            seasonCode: booking.seasonCode,
            sku: l.sku,
            size: l.size,
            qty: l.qty,
          })),
          skipDuplicates: true,
        });
      });
    },

    /** A payment deadline in the business zone: `window` from `from`, or the end of `date`. */
    bookingDeadline(input: { from: string; window: string } | { date: string }): Promise<string> {
      if ('date' in input) {
        const end = endOfDay(input.date, config.tzBusiness);
        if (!end) throw new Error(`not a date: ${input.date}`);
        return Promise.resolve(end);
      }
      return Promise.resolve(paymentDeadline(input.from, input.window, config.tzBusiness));
    },
  };
}

/** The figures and lines of a booking as its mails show them (read when a mail is first sent;
 * the template lists the first lines and counts the rest). */
export function bookingMailParams(db: Db) {
  return async (bookingId: string): Promise<MailParams> => {
    const b = await db.booking.findUnique({
      where: { id: bookingId },
      include: {
        franchisee: { select: { name: true } },
        lines: { orderBy: { position: 'asc' }, include: { product: { select: { name: true } } } },
      },
    });
    if (!b) return {};
    const settings = await readSettings(db);
    const outstanding = b.prepaymentDueFen > b.paidFen ? b.prepaymentDueFen - b.paidFen : 0n;
    return {
      bookingCode: bookingCode(b.seq),
      franchiseeName: b.franchisee.name,
      seasonCode: b.seasonCode,
      amountFen: Number(b.amountFen),
      prepaymentDueFen: Number(b.prepaymentDueFen),
      paidFen: Number(b.paidFen),
      outstandingFen: Number(outstanding),
      paymentDeadline: b.paymentDeadline.toISOString(),
      paymentInstructions: settings['booking.paymentInstructions'],
      processTitle: `${bookingCode(b.seq)} · ${b.franchisee.name} · ${b.seasonCode}`,
      lines: b.lines.map((l) => ({
        sku: l.sku,
        name: l.product.name,
        size: l.size,
        qty: l.qty,
        unitPriceFen: l.unitPriceFen,
        amountFen: Number(l.amountFen),
      })),
    };
  };
}
