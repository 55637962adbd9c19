// The price-adjustment rows as its workflow moves (docs/domain.md process 4): status, who is told,
// and the price history. Applying prices is idempotent: one PriceChange per adjustment, SKU
// and store.
import type { PriceAdjustmentStatus } from '../domain/prices';
import type { Db } from '../lib/db/client';
import { pricesAt } from '../lib/prices/current';

export function priceActivities(db: Db) {
  return {
    async priceStatusChanged(input: {
      adjustmentId: string;
      status: PriceAdjustmentStatus;
      note: string | null;
      supersededById: string | null;
    }): Promise<void> {
      await db.priceAdjustment.update({
        where: { id: input.adjustmentId },
        data: {
          status: input.status,
          ...(input.note !== null ? { decisionNote: input.note } : {}),
          ...(input.supersededById ? { supersededById: input.supersededById } : {}),
        },
      });
    },

    /** Who must be told: finance (its role holders, admins only when nobody else) and each store's managers. */
    async priceAudience(input: {
      storeIds: string[];
    }): Promise<{ financeUserIds: string[]; stores: { storeId: string; storeName: string; managerIds: string[] }[] }> {
      const finance = await db.user.findMany({
        where: { active: true, roles: { has: 'finance' } },
        select: { id: true, roles: true },
        orderBy: { username: 'asc' },
      });
      const nonAdmin = finance.filter((u) => !u.roles.includes('admin'));
      const stores = await db.store.findMany({
        where: { id: { in: input.storeIds } },
        select: {
          id: true,
          name: true,
          staff: { where: { active: true, roles: { has: 'store_manager' } }, select: { id: true }, orderBy: { username: 'asc' } },
        },
      });
      const byId = new Map(stores.map((s) => [s.id, s]));
      return {
        financeUserIds: (nonAdmin.length ? nonAdmin : finance).map((u) => u.id),
        stores: input.storeIds.flatMap((id) => {
          const s = byId.get(id);
          return s ? [{ storeId: s.id, storeName: s.name, managerIds: s.staff.map((u) => u.id) }] : [];
        }),
      };
    },

    /** The new prices into the history (regular changes), each store's previous regular price kept with it; then effective. */
    async applyPrices(input: { adjustmentId: string; effectiveAt: string }): Promise<void> {
      const at = new Date(input.effectiveAt);
      await db.$transaction(async (tx) => {
        const adj = await tx.priceAdjustment.findUniqueOrThrow({ where: { id: input.adjustmentId }, include: { lines: true } });
        const before = await pricesAt(
          tx,
          adj.lines.map((l) => l.sku),
          adj.storeIds,
          new Date(at.getTime() - 1),
        );
        await tx.priceChange.createMany({
          data: adj.lines.flatMap((l) =>
            adj.storeIds.map((storeId) => ({
              sku: l.sku,
              storeId,
              priceFen: l.newPriceFen,
              // The regular price it replaces: a clearance running then keeps its period and ends onto this one.
              previousFen: before.get(`${l.sku}|${storeId}`)?.regularFen ?? l.oldPriceFen,
              effectiveAt: at,
              adjustmentId: adj.id,
            })),
          ),
          skipDuplicates: true,
        });
        await tx.priceAdjustment.update({ where: { id: adj.id }, data: { status: 'effective', effectiveAt: adj.effectiveAt ?? at } });
      });
    },
  };
}
