// The shipment rows as the shipment-tracking workflow moves (docs/domain.md process 3). Every write
// is idempotent: an event is kept once per eventId, a receipt once per number, and received
// quantities on the order lines are recomputed from the reconciled shipments, never added to.
import type { Prisma } from '../generated/prisma/client';
import {
  allocateReceipt,
  type Discrepancy,
  type ReceiptLine,
  type Resolution,
  type ShipmentEventType,
  type ShipmentStatus,
} from '../domain/shipments';
import type { Db } from '../lib/db/client';

/** OrderLine.receivedQty = the good units of its lines in reconciled shipments. */
export async function refreshReceived(tx: Prisma.TransactionClient | Db, orderLineIds: string[]): Promise<void> {
  if (!orderLineIds.length) return;
  await tx.$executeRaw`
    UPDATE "OrderLine" o SET "receivedQty" = COALESCE((
      SELECT SUM(l."receivedQty" - l."damagedQty") FROM "ShipmentLine" l JOIN "Shipment" s ON s.id = l."shipmentId"
      WHERE l."orderLineId" = o.id AND s.status = 'reconciled'), 0)
    WHERE o.id = ANY(${orderLineIds}::uuid[])`;
}

export function shipmentActivities(db: Db) {
  return {
    async recordShipmentEvent(input: {
      shipmentId: string;
      eventId: string;
      type: ShipmentEventType;
      at: string;
      location: string | null;
      expectedArrival: string | null;
      applied: boolean;
      newStatus: ShipmentStatus | null;
      newExpectedArrival: string | null;
      newLocation: boolean;
    }): Promise<void> {
      const at = new Date(input.at);
      await db.$transaction(async (tx) => {
        await tx.shipmentEvent.createMany({
          data: [
            {
              shipmentId: input.shipmentId,
              eventId: input.eventId,
              type: input.type,
              at,
              location: input.location,
              expectedArrival: input.expectedArrival ? new Date(input.expectedArrival) : null,
              applied: input.applied,
            },
          ],
          skipDuplicates: true,
        });
        if (!input.applied) return;
        const data: Prisma.ShipmentUpdateInput = { lastEventAt: at };
        if (input.newStatus) data.status = input.newStatus;
        if (input.newStatus === 'dispatched') data.dispatchedAt = at;
        if (input.newStatus === 'arrived') data.arrivedAt = at;
        if (input.newExpectedArrival) data.expectedArrival = new Date(input.newExpectedArrival);
        if (input.newLocation && input.location) data.location = input.location;
        // lastEventAt only moves forward (an applied status event may be older than the newest).
        await tx.shipment.update({ where: { id: input.shipmentId }, data });
        await tx.$executeRaw`UPDATE "Shipment" SET "lastEventAt" = (SELECT MAX("at") FROM "ShipmentEvent" WHERE "shipmentId" = ${input.shipmentId}::uuid AND applied) WHERE id = ${input.shipmentId}::uuid`;
      });
    },

    async shipmentDelayChanged(input: {
      shipmentId: string;
      delayed: boolean;
      reason: string | null;
      since: string | null;
      level: number;
    }): Promise<void> {
      await db.shipment.update({
        where: { id: input.shipmentId },
        data: {
          delayed: input.delayed,
          delayReason: input.reason,
          delayedSince: input.since ? new Date(input.since) : null,
          escalationLevel: input.level,
        },
      });
    },

    async recordReceipt(input: {
      shipmentId: string;
      number: number;
      lines: ReceiptLine[];
      discrepancies: Discrepancy[];
      receivedById: string;
      at: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        await tx.shipmentReceipt.createMany({
          data: [
            {
              shipmentId: input.shipmentId,
              number: input.number,
              lines: input.lines as unknown as Prisma.InputJsonValue,
              discrepancies: input.discrepancies as unknown as Prisma.InputJsonValue,
              receivedById: input.receivedById,
              receivedAt: new Date(input.at),
            },
          ],
          skipDuplicates: true,
        });
        const s = await tx.shipment.findUniqueOrThrow({ where: { id: input.shipmentId }, select: { arrivedAt: true } });
        await tx.shipment.update({
          where: { id: input.shipmentId },
          data: { status: 'received', arrivedAt: s.arrivedAt ?? new Date(input.at) },
        });
      });
    },

    async shipmentRecount(input: { shipmentId: string }): Promise<void> {
      await db.shipment.update({ where: { id: input.shipmentId }, data: { status: 'arrived' } });
    },

    /** Ends a shipment: its receipt spread over its lines, the order lines' received quantities. */
    async reconcileShipment(input: {
      shipmentId: string;
      receiptNumber: number;
      resolution: Resolution;
      note: string | null;
      at: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const shipment = await tx.shipment.findUniqueOrThrow({
          where: { id: input.shipmentId },
          include: { lines: { orderBy: { position: 'asc' } } },
        });
        const receipt = await tx.shipmentReceipt.findUniqueOrThrow({
          where: { shipmentId_number: { shipmentId: input.shipmentId, number: input.receiptNumber } },
        });
        const allocation = allocateReceipt(shipment.lines, receipt.lines as unknown as ReceiptLine[]);
        for (const l of shipment.lines) {
          const a = allocation.get(l.id) ?? { received: 0, damaged: 0 };
          await tx.shipmentLine.update({ where: { id: l.id }, data: { receivedQty: a.received, damagedQty: a.damaged } });
        }
        await tx.shipment.update({
          where: { id: input.shipmentId },
          data: { status: 'reconciled', resolution: input.resolution, resolutionNote: input.note },
        });
        await refreshReceived(
          tx,
          shipment.lines.flatMap((l) => (l.orderLineId ? [l.orderLineId] : [])),
        );
      });
    },
  };
}
