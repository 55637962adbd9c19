// The shipment-tracking process's writes (docs/domain.md process 3): a shipment, by hand or from
// head office's shipping list, is checked against master data and bookings, written with its
// lines allocated to franchisees' open order lines of the same SKU and size (oldest booking
// first, or the given booking's), and its shipmentTracking workflow started (or the shipment
// taken back out). Carrier events and the warehouse scan-in go to the running workflow.
import type { Prisma } from '../../generated/prisma/client';
import { bookingCode } from '../../domain/bookings';
import { endOfDay } from '../../domain/calendar';
import {
  shipmentCode,
  shipmentWorkflowId,
  type QtyLine,
  type ReceiptLine,
  type ShipmentEventType,
  type ShipmentTrackingInput,
} from '../../domain/shipments';
import { parseShippingList } from '../../lib/shipments/import';
import { refreshShipped } from '../../lib/shipments/shipped';
import { receiptUpdate, shipmentEventUpdate } from '../../workflows/messages';
import { shipmentTracking } from '../../workflows/shipmentTracking';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { actorOf, sendUpdate, startProcess } from '../temporal';
import { invalid } from '../validation';
import { startAfterWrite } from './startAfterWrite';

/** An instant as given, or a date as the end of that day in the business zone. */
function toInstant(value: string, zone: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? endOfDay(value, zone)! : new Date(value).toISOString();
}

interface NewShipment {
  externalRef: string | null;
  bookingId: string | null;
  season: string | null;
  expectedArrival: string;
  carrier: string | null;
  trackingNo: string | null;
  lines: QtyLine[];
}

/** What an act on a shipment needs of it. */
interface ShipmentRef {
  workflowId: string | null;
}

/** A shipment as the form sends it: `expectedArrival` an instant or a date (the end of that day). */
export interface ShipmentIn {
  bookingId?: string | null;
  externalRef?: string | null;
  season?: string | null;
  lines: QtyLine[];
  expectedArrival: string;
  carrier?: string | null;
  trackingNo?: string | null;
}

/** A carrier event as sent: `at` and `expectedArrival` instants or dates. */
export interface ShipmentEventIn {
  eventId?: string | null;
  type: ShipmentEventType;
  at: string;
  location?: string | null;
  expectedArrival?: string | null;
}

/** A scanned-in line: `damaged` all (true), none (false, left out) or how many. */
export interface ReceivedLineIn extends QtyLine {
  damaged?: boolean | number;
}

// ---- the service --------------------------------------------------------------------------------

export function shipmentService(ctx: AppContext) {
  const zone = ctx.config.tzBusiness;

  /** SKUs and sizes exist; the booking exists and is confirmed. Problems go into details. */
  async function check(
    n: NewShipment,
    keys: { line: (i: number, f: string) => string; booking: string },
    details: Record<string, string>,
  ): Promise<void> {
    const products = new Map(
      (
        await ctx.db.product.findMany({
          where: { sku: { in: [...new Set(n.lines.map((l) => l.sku))] } },
          select: { sku: true, seasonCode: true, sizes: { select: { size: true } } },
        })
      ).map((p) => [p.sku, p]),
    );
    n.lines.forEach((l, i) => {
      const p = products.get(l.sku);
      if (!p) details[keys.line(i, 'sku')] = `no such SKU ${l.sku}`;
      else if (!p.sizes.some((s) => s.size === l.size)) details[keys.line(i, 'size')] = `${l.sku} has no size ${l.size}`;
    });
    if (n.bookingId) {
      const b = await ctx.db.booking.findUnique({ where: { id: n.bookingId }, select: { status: true, seasonCode: true } });
      if (!b) details[keys.booking] = `no such booking ${n.bookingId}`;
      else if (b.status !== 'confirmed')
        details[keys.booking] = `the booking is ${b.status}, not confirmed: it has no order lines to ship yet`;
      else n.season ??= b.seasonCode;
    }
    n.season ??= products.get(n.lines[0]?.sku ?? '')?.seasonCode ?? null;
  }

  /**
   * Writes shipments (all or none) with their lines allocated to open order lines, oldest
   * first (locked, so two shipments never take the same quantity), and starts their workflows.
   */
  async function create(shipments: NewShipment[], user: CurrentUser): Promise<string[]> {
    let created: { id: string; seq: number; n: NewShipment }[];
    try {
      created = await ctx.db.$transaction(
        async (tx) => {
          const out: { id: string; seq: number; n: NewShipment }[] = [];
          for (const n of shipments) {
            const s = await tx.shipment.create({
              data: {
                externalRef: n.externalRef,
                bookingId: n.bookingId,
                seasonCode: n.season,
                expectedArrival: new Date(n.expectedArrival),
                carrier: n.carrier,
                trackingNo: n.trackingNo,
                createdById: user.id,
              },
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
              if (left > 0)
                lines.push({ shipmentId: s.id, position: lines.length, sku: l.sku, size: l.size, qty: left, orderLineId: null });
            }
            await tx.shipmentLine.createMany({ data: lines });
            await refreshShipped(tx, [...new Set(touched)]);
            out.push({ id: s.id, seq: s.seq, n });
          }
          return out;
        },
        { timeout: 60_000 },
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002')
        throw new ApiError(409, 'shipment_exists', 'A shipment with this head-office number (发货单号) exists already', {
          externalRef: 'already imported',
        });
      throw err;
    }
    await startAfterWrite(created, {
      start: ({ id, seq, n }) => {
        const input: ShipmentTrackingInput = {
          shipmentId: id,
          code: shipmentCode(seq),
          title: `${shipmentCode(seq)}${n.externalRef ? ` (${n.externalRef})` : ''} 发货跟踪`,
          submitterId: user.id,
          seasonCode: n.season,
          expectedArrival: n.expectedArrival,
          lines: n.lines,
        };
        return startProcess(ctx.temporal, shipmentTracking, {
          taskQueue: ctx.config.taskQueue,
          workflowId: shipmentWorkflowId(id),
          args: [input],
        });
      },
      // The shipment goes, and what it had taken of the order lines is given back.
      rollBack: async (failed) => {
        await ctx.db.$transaction(async (tx) => {
          const lines = await tx.shipmentLine.findMany({
            where: { shipmentId: { in: failed.map((c) => c.id) } },
            select: { orderLineId: true },
          });
          await tx.shipment.deleteMany({ where: { id: { in: failed.map((c) => c.id) } } });
          await refreshShipped(
            tx,
            lines.flatMap((l) => (l.orderLineId ? [l.orderLineId] : [])),
          );
        });
      },
      notStarted: (reason, failed, saved) => ({
        message: `Tracking could not be started (${reason}); ${failed.length} shipment(s) were not saved`,
        details: { saved: saved.map((c) => shipmentCode(c.seq)) },
      }),
    });
    return created.map((c) => c.id);
  }

  return {
    /** One shipment from the form: checked, written, allocated and started. Its id. */
    async create(body: ShipmentIn, user: CurrentUser): Promise<string> {
      const n: NewShipment = {
        externalRef: body.externalRef ?? null,
        bookingId: body.bookingId ?? null,
        season: body.season || null,
        expectedArrival: toInstant(body.expectedArrival, zone),
        carrier: body.carrier ?? null,
        trackingNo: body.trackingNo ?? null,
        lines: body.lines,
      };
      const details: Record<string, string> = {};
      await check(n, { line: (i, f) => `lines.${i}.${f}`, booking: 'bookingId' }, details);
      if (Object.keys(details).length)
        throw new ApiError(422, 'validation_failed', `Invalid shipment: ${Object.keys(details).slice(0, 10).join(', ')}`, details);
      const [id] = await create([n], user);
      return id!;
    },

    /**
     * Head office's shipping list (`file`: the request body, null when it is not one): the ids of
     * the shipments created and the head-office numbers skipped as imported before.
     */
    async importList(
      file: Buffer | null,
      contentType: string | undefined,
      user: CurrentUser,
    ): Promise<{ ids: string[]; skipped: string[] }> {
      if (!file?.length) {
        throw new ApiError(422, 'validation_failed', 'Send the shipping list itself as the body, as text/csv or .xlsx', {
          file: 'send the file as text/csv or .xlsx',
        });
      }
      const read = await parseShippingList(file, contentType);
      const listed = read.ok ? read.shipments : (read.shipments ?? []);
      const details: Record<string, string> = read.ok ? {} : { ...read.details };
      const existing = new Set(
        (
          await ctx.db.shipment.findMany({
            where: { externalRef: { in: listed.map((s) => s.externalRef) } },
            select: { externalRef: true },
          })
        ).map((s) => s.externalRef!),
      );
      const codes = [...new Set(listed.flatMap((s) => (s.bookingCode ? [s.bookingCode] : [])))];
      const bookings = new Map(
        (
          await ctx.db.booking.findMany({
            where: { seq: { in: codes.flatMap((c) => (/^BK\d+$/i.test(c) ? [Number(c.slice(2))] : [])) } },
            select: { id: true, seq: true },
          })
        ).map((b) => [bookingCode(b.seq), b.id]),
      );
      const fresh: NewShipment[] = [];
      for (const s of listed.filter((x) => !existing.has(x.externalRef))) {
        const bookingId = s.bookingCode ? (bookings.get(s.bookingCode.toUpperCase()) ?? null) : null;
        if (s.bookingCode && !bookingId) details[`rows.${s.firstRow}.bookingCode`] = `no such booking ${s.bookingCode}`;
        const n: NewShipment = {
          externalRef: s.externalRef,
          bookingId,
          season: null,
          expectedArrival: toInstant(s.expectedArrival, zone),
          carrier: s.carrier,
          trackingNo: s.trackingNo,
          lines: s.lines,
        };
        await check(n, { line: (i, f) => `rows.${s.lines[i]!.row}.${f}`, booking: `rows.${s.firstRow}.bookingCode` }, details);
        fresh.push(n);
      }
      if (!read.ok) throw new ApiError(422, 'validation_failed', read.message, details);
      if (Object.keys(details).length)
        throw new ApiError(422, 'validation_failed', `Invalid shipping list: ${Object.keys(details).slice(0, 10).join(', ')}`, details);
      const ids = fresh.length ? await create(fresh, user) : [];
      return { ids, skipped: [...existing] };
    },

    /** A carrier event, to the running workflow: whether it was a duplicate, and applied. */
    async recordEvent(shipment: ShipmentRef, event: ShipmentEventIn, user: CurrentUser): Promise<{ duplicate: boolean; applied: boolean }> {
      const at = toInstant(event.at, zone);
      // Without an id, an event is identified by what it says (a resend of it is a duplicate).
      const eventId = event.eventId ?? `${event.type}@${at}${event.location ? `@${event.location}` : ''}`;
      return sendUpdate(ctx.temporal, shipment.workflowId!, shipmentEventUpdate, {
        actor: actorOf(user),
        eventId,
        type: event.type,
        at,
        location: event.location ?? null,
        expectedArrival: event.expectedArrival ? toInstant(event.expectedArrival, zone) : null,
      });
    },

    /** The warehouse scan-in, to the running workflow, which reconciles it against the lines. */
    async recordReceipt(shipment: ShipmentRef, received: ReceivedLineIn[], user: CurrentUser): Promise<void> {
      const lines: ReceiptLine[] = received.map((l) => ({
        sku: l.sku,
        size: l.size,
        qty: l.qty,
        damaged: l.damaged === true ? l.qty : l.damaged === false || l.damaged === undefined ? 0 : l.damaged,
      }));
      const bad = lines.findIndex((l) => l.damaged > l.qty);
      if (bad >= 0) throw invalid(`lines.${bad}.damaged`, 'at most qty');
      await sendUpdate(ctx.temporal, shipment.workflowId!, receiptUpdate, { actor: actorOf(user), lines }).catch((err: unknown) => {
        // A receipt racing the one that reconciled the shipment finds its run ended: same answer as during it.
        if (err instanceof ApiError && err.code === 'process_finished')
          throw new ApiError(409, 'receipt_exists', 'This shipment is already received and reconciled');
        throw err;
      });
    },
  };
}
