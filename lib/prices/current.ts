// The price in effect per SKU and store, read by the price routes and by the activities that
// write price history (the previous price is kept with each change).
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../db/client';

/**
 * The price of each SKU in each store at an instant: the latest change in effect by then, else
 * the product's retail price. Keyed `${sku}|${storeId}`.
 */
export async function pricesAt(
  db: Db | Prisma.TransactionClient,
  skus: string[],
  storeIds: string[],
  at: Date,
): Promise<Map<string, { priceFen: number; since: Date | null }>> {
  const out = new Map<string, { priceFen: number; since: Date | null }>();
  if (!skus.length || !storeIds.length) return out;
  const products = await db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, retailPriceFen: true } });
  for (const p of products) for (const s of storeIds) out.set(`${p.sku}|${s}`, { priceFen: p.retailPriceFen, since: null });
  const latest = await db.$queryRaw<{ sku: string; storeId: string; priceFen: number; effectiveAt: Date }[]>`
    SELECT DISTINCT ON (sku, "storeId") sku, "storeId", "priceFen", "effectiveAt" FROM "PriceChange"
    WHERE sku = ANY(${skus}) AND "storeId" = ANY(${storeIds}) AND "effectiveAt" <= ${at}
    ORDER BY sku, "storeId", "effectiveAt" DESC, "createdAt" DESC`;
  for (const r of latest) out.set(`${r.sku}|${r.storeId}`, { priceFen: r.priceFen, since: r.effectiveAt });
  return out;
}
