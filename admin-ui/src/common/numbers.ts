import { useFormatters } from './useFormatters';

/** A share in basis points as a percentage: 3000 → 30%, 9743 → 97.43%. */
export const formatBp = (bp: number | null | undefined, locale: string): string => {
  if (bp === null || bp === undefined || !Number.isFinite(bp)) return '—';
  return new Intl.NumberFormat(locale.startsWith('zh') ? 'zh-CN' : 'en-US', { style: 'percent', maximumFractionDigits: 2 }).format(
    bp / 10_000,
  );
};

/** Counts in the UI locale (1,234 / 1,234); '—' for none. */
export const useNumber = () => {
  const f = useFormatters();
  const nf = new Intl.NumberFormat(f.locale.startsWith('zh') ? 'zh-CN' : 'en-US');
  return (n: number | null | undefined) => (typeof n === 'number' ? nf.format(n) : '—');
};
