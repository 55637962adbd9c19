// The price in effect per SKU and store, read by the price routes and by the activities that
// write price history (the previous price is kept with each change). One rule for all of them:
// domain/prices.ts priceInForce (a clearance holds for its period, regular changes until the next).
import type { Prisma } from '../../generated/prisma/client';
import { priceInForce, type PriceInForce } from '../../domain/prices';
import type { Db } from '../db/client';

/**
 * The price of each SKU in each store at an instant (see priceInForce): a clearance in its
 * period, else the latest regular change in effect by then, else the product's retail price.
 * Keyed `${sku}|${storeId}`. `exceptNote` leaves out the clearance rows of that note (a
 * clearance's own rows when it asks what the price would be without it).
 */
export async function pricesAt(
  db: Db | Prisma.TransactionClient,
  skus: string[],
  storeIds: string[],
  at: Date,
  opts: { exceptNote?: string } = {},
): Promise<Map<string, PriceInForce>> {
  const out = new Map<string, PriceInForce>();
  if (!skus.length || !storeIds.length) return out;
  const products = await db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, retailPriceFen: true } });
  const rows = await db.priceChange.findMany({
    where: {
      sku: { in: skus },
      storeId: { in: storeIds },
      effectiveAt: { lte: at },
      // Regular changes, and the clearances whose period has not ended by then.
      OR: [{ kind: { not: 'clearance' } }, { endsAt: { gt: at } }],
      ...(opts.exceptNote ? { NOT: { kind: 'clearance', note: opts.exceptNote } } : {}),
    },
    select: { sku: true, storeId: true, priceFen: true, kind: true, effectiveAt: true, endsAt: true, createdAt: true, note: true },
  });
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.sku}|${r.storeId}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const p of products)
    for (const s of storeIds) out.set(`${p.sku}|${s}`, priceInForce(byKey.get(`${p.sku}|${s}`) ?? [], p.retailPriceFen, at));
  return out;
}
