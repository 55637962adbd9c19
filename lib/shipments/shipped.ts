// The shipped quantity of order lines, recomputed from the shipment lines that carry them: the
// API writes and takes back shipments with it, in the same transaction.
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../db/client';

/** OrderLine.shippedQty = what shipments carry of it (head office has sent it: 已发). */
export async function refreshShipped(tx: Prisma.TransactionClient | Db, orderLineIds: string[]): Promise<void> {
  if (!orderLineIds.length) return;
  await tx.$executeRaw`
    UPDATE "OrderLine" o SET "shippedQty" = COALESCE((SELECT SUM(l.qty) FROM "ShipmentLine" l WHERE l."orderLineId" = o.id), 0)
    WHERE o.id = ANY(${orderLineIds}::uuid[])`;
}
