// Master data of the benchmark, beside the demo data: franchisees to book for, and a season's
// range of products with their size runs. Written once per run into the scratch database.
import type { Db } from '../lib/db/client';

export const SEASON = '2027SS';
export const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const REGIONS = ['EAST', 'SOUTH', 'NORTH'];

export const productSku = (i: number) => `BX-${String(i).padStart(4, '0')}`;
export const productPrice = (i: number) => 5_000 + (i % 40) * 500; // fen
export const franchiseeId = (group: string, i: number) => `B${group}${String(i).padStart(4, '0')}`;

export async function createProducts(db: Db, count: number): Promise<void> {
  await db.product.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      sku: productSku(i),
      name: `基准款 ${i}`,
      category: ['T恤', '衬衫', '连衣裙', '裤装'][i % 4]!,
      seasonCode: SEASON,
      wholesalePriceFen: productPrice(i),
      retailPriceFen: productPrice(i) * 2,
    })),
    skipDuplicates: true,
  });
  await db.productSize.createMany({
    data: Array.from({ length: count }, (_, i) => SIZES.map((size, sortKey) => ({ sku: productSku(i), size, sortKey }))).flat(),
    skipDuplicates: true,
  });
}

/** Franchisees `B<group>0000…`, each with a quota (fen) when `quotaFen` gives one. */
export async function createFranchisees(db: Db, group: string, count: number, quotaFen?: (i: number) => bigint): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => franchiseeId(group, i));
  await db.franchisee.createMany({
    data: ids.map((id, i) => ({
      id,
      name: `基准加盟商 ${group}${i}`,
      regionId: REGIONS[i % REGIONS.length]!,
      email: `${id.toLowerCase()}@example.com`,
    })),
    skipDuplicates: true,
  });
  if (quotaFen) {
    await db.franchiseeQuota.createMany({
      data: ids.map((id, i) => ({ franchiseeId: id, seasonCode: SEASON, quotaFen: quotaFen(i) })),
      skipDuplicates: true,
    });
  }
  return ids;
}
