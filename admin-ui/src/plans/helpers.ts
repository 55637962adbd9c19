import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import { yuanToFen } from '../common';
import type { PlanLine, PlanWave } from './types';

/** Integer fen as yuan text for an input ("1234.50"), by integer arithmetic. */
export const fenToYuanText = (fen: number | string | null | undefined): string => {
  if (fen === null || fen === undefined || fen === '') return '';
  const n = typeof fen === 'string' ? Number(fen) : fen;
  if (!Number.isSafeInteger(n)) return String(fen);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Form values of the line grid: the amount is typed in yuan (kept in `amountFen` so 422 details match). */
export interface LineFormValue {
  category?: string | null;
  regionId?: string | null;
  storeId?: string | null;
  qty?: number | string | null;
  amountFen?: string | number | null;
}

export interface WaveFormValue {
  name?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  categories?: string[] | null;
}

export interface PlanFormValues {
  title?: string;
  comment?: string;
  lines?: LineFormValue[];
  waves?: WaveFormValue[];
}

export const linesToForm = (lines: PlanLine[] | undefined): LineFormValue[] =>
  [...(lines ?? [])]
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .map((l) => ({
      category: l.category,
      regionId: l.regionId ?? null,
      storeId: l.storeId ?? null,
      qty: l.qty,
      amountFen: fenToYuanText(l.amountFen),
    }));

export const wavesToForm = (waves: PlanWave[] | undefined): WaveFormValue[] =>
  (waves ?? []).map((w) => ({
    name: w.name,
    startsOn: w.startsOn?.slice(0, 10) ?? null,
    endsOn: w.endsOn?.slice(0, 10) ?? null,
    categories: w.categories ?? [],
  }));

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Form lines → API lines: yuan text → integer fen (string arithmetic), empty places left out. */
export const linesToApi = (lines: LineFormValue[] | undefined) =>
  (lines ?? []).map((l) => {
    const out: Record<string, unknown> = { category: String(l.category ?? '').trim() };
    if (!blank(l.regionId)) out.regionId = l.regionId;
    if (!blank(l.storeId)) out.storeId = l.storeId;
    out.qty = blank(l.qty) ? null : Number(l.qty);
    const fen = yuanToFen(l.amountFen === null || l.amountFen === undefined ? undefined : String(l.amountFen));
    out.amountFen = fen ?? null;
    return out;
  });

export const wavesToApi = (waves: WaveFormValue[] | undefined) =>
  (waves ?? []).map((w) => ({
    name: String(w.name ?? '').trim(),
    startsOn: w.startsOn ?? null,
    ...(blank(w.endsOn) ? {} : { endsOn: w.endsOn }),
    categories: Array.isArray(w.categories) ? w.categories : [],
  }));

/** Validators of the line inputs (messages are i18n keys). */
export const validQty = (value: unknown) => {
  if (blank(value)) return 'ra.validation.required';
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? undefined : 'app.plan.validation.qty';
};

export const validYuan = (value: unknown) => {
  if (blank(value)) return 'ra.validation.required';
  return yuanToFen(String(value)) === undefined ? 'app.plan.validation.amount' : undefined;
};

interface Place {
  id: string;
  name?: string;
  regionId?: string | null;
}

/** Region and store names by id, for read-only grids and the diff. */
export const usePlaces = () => {
  const { data: regions = [] } = useGetList<Place>('regions', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });
  const { data: stores = [] } = useGetList<Place>('stores', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'id', order: 'ASC' },
  });
  return useMemo(() => {
    const regionNames = new Map(regions.map((r) => [String(r.id), r.name ?? String(r.id)]));
    const storeNames = new Map(stores.map((s) => [String(s.id), s.name ?? String(s.id)]));
    return {
      region: (id: string | null | undefined) => (id ? (regionNames.get(id) ?? id) : ''),
      store: (id: string | null | undefined) => (id ? (storeNames.has(id) ? `${storeNames.get(id)} (${id})` : id) : ''),
    };
  }, [regions, stores]);
};
