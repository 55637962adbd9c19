/** '' / undefined -> null (cleared select or reference). */
export const emptyToNull = (value: unknown): unknown => (value === '' || value === undefined ? null : value);

/** Trimmed string, or null when empty. */
export const trimmedOrNull = (value: unknown): string | null => {
  if (typeof value !== 'string') return value == null ? null : String(value);
  const t = value.trim();
  return t === '' ? null : t;
};

/** An integer from a NumberInput, or null when empty. */
export const integerOrNull = (value: unknown): number | null => {
  if (value === '' || value == null) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? n : null;
};

/** 'YYYY-MM-DD' from a DateInput value or an API date (which may carry a time part). */
export const toDateOnly = (value: unknown): string | null => {
  if (value == null || value === '') return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
};
