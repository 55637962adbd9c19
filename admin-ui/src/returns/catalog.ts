import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useGetList } from 'react-admin';
import type { Booking } from '../bookings/types';
import { getPrices } from '../prices/api';
import type { Product } from '../shipments/types';

/** A SKU the requester may pick, with its sizes when known and the store's current price when read. */
export interface CatalogItem {
  sku: string;
  name: string;
  /** Null: the sizes cannot be read by this user (typed instead). */
  sizes: string[] | null;
  currentPriceFen?: number;
}

export type CatalogSource = 'products' | 'bookings' | 'prices' | 'none';

/**
 * What a requester can pick from, from what they may read: staff the products (with sizes); a
 * franchisee the SKUs and sizes of its confirmed bookings (what it received from us); a store
 * (and a clearance) the SKUs of the store's prices, with the current price.
 */
export const useCatalog = (
  source: CatalogSource,
  storeId?: string | null,
): { items: CatalogItem[]; names: { store?: string; franchisee?: string }; isPending: boolean } => {
  const dataProvider = useDataProvider();
  const products = useGetList<Product>(
    'products',
    { pagination: { page: 1, perPage: 1000 }, sort: { field: 'sku', order: 'ASC' } },
    { enabled: source === 'products', staleTime: 5 * 60_000 },
  );
  const bookings = useGetList<Booking>(
    'bookings',
    { filter: { status: 'confirmed' }, pagination: { page: 1, perPage: 20 }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled: source === 'bookings', staleTime: 60_000 },
  );
  const details = useQueries({
    queries: (source === 'bookings' ? (bookings.data ?? []) : []).map((b) => ({
      queryKey: ['bookings', 'getOne', { id: String(b.id) }, 'catalog'],
      queryFn: async () => (await dataProvider.getOne<Booking>('bookings', { id: b.id })).data,
      staleTime: 60_000,
    })),
  });
  const prices = useQuery({
    queryKey: ['prices', 'catalog', storeId ?? ''],
    queryFn: () => getPrices(undefined, storeId ?? undefined),
    enabled: source === 'prices',
    staleTime: 30_000,
  });
  const detailData = details.map((d) => d.data);
  const detailKey = details.map((d) => d.dataUpdatedAt).join(',');
  const detailsPending = details.some((d) => d.isPending);
  return useMemo(() => {
    if (source === 'products') {
      return {
        items: (products.data ?? []).map((p) => ({ sku: p.sku ?? String(p.id), name: p.name, sizes: p.sizes ?? [] })),
        names: {},
        isPending: products.isPending,
      };
    }
    if (source === 'bookings') {
      const bySku = new Map<string, CatalogItem>();
      for (const b of detailData) {
        for (const l of b?.lines ?? []) {
          const item = bySku.get(l.sku) ?? { sku: l.sku, name: l.productName ?? '', sizes: [] };
          if (!item.sizes!.includes(l.size)) item.sizes!.push(l.size);
          bySku.set(l.sku, item);
        }
      }
      const first = bookings.data?.[0];
      return {
        items: [...bySku.values()],
        names: { franchisee: first?.franchiseeName ?? undefined },
        isPending: bookings.isPending || detailsPending,
      };
    }
    if (source === 'prices') {
      const rows = (prices.data ?? []).filter((r) => !storeId || r.storeId === storeId);
      return {
        items: rows.map((r) => ({ sku: r.sku, name: r.productName, sizes: null, currentPriceFen: r.currentPriceFen })),
        names: { store: rows[0]?.storeName },
        isPending: prices.isPending,
      };
    }
    return { items: [], names: {}, isPending: false };
    // detailData is read through detailKey (the queries' update times): a stable dependency list.
  }, [
    source,
    storeId,
    products.data,
    products.isPending,
    bookings.data,
    bookings.isPending,
    prices.data,
    prices.isPending,
    detailKey,
    detailsPending,
  ]);
};
