// Exact conversions between decimal text with at most 2 fraction digits (yuan, percent) and
// integers scaled by 100 (fen, basis points). Never goes through floating point for values
// sent to the API.

/** Non-negative decimal with at most two fraction digits ("12", "12.", "12.5", "12.50"). */
const DECIMAL_2 = /^(\d+)(?:\.(\d{0,2}))?$/;

/** An integer value as the API may send it: a JSON number or (for BigInt columns) a digit string. */
export const isScaledInteger = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));

/** "12.5" -> 1250; "" -> null; anything else (too many decimals, letters, too large) -> undefined. */
export const parseScaled = (text: string): number | null | undefined => {
  const trimmed = text.trim().replace(/[,，\s]/g, '');
  if (trimmed === '') return null;
  const match = DECIMAL_2.exec(trimmed);
  if (!match) return undefined;
  const whole = BigInt(match[1] ?? '0');
  const fraction = BigInt((match[2] ?? '').padEnd(2, '0'));
  const scaled = whole * 100n + fraction;
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(scaled);
};

/** 1250 -> "12.50"; "100000000" -> "1000000.00"; null -> "". */
export const formatScaled = (value: unknown): string => {
  if (!isScaledInteger(value)) return '';
  const n = BigInt(value);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${fraction}`;
};

/** Value of a scaled form field for the API: an integer number, or null when empty. */
export const toScaledInteger = (value: unknown): number | null => {
  if (value == null || value === '') return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  throw new Error(`Not an integer amount: ${String(value)}`);
};

/** Yuan for display only (never sent back): fen / 100 as a number. */
export const fenToYuanNumber = (fen: unknown): number | undefined => (isScaledInteger(fen) ? Number(fen) / 100 : undefined);

export const formatMoney = (fen: unknown, locale: string): string => {
  const yuan = fenToYuanNumber(fen);
  if (yuan === undefined) return '';
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(yuan);
};

/** 3000 bp -> "30%" (per locale, up to two decimals). */
export const formatBasisPoints = (bp: unknown, locale: string): string => {
  if (!isScaledInteger(bp)) return '';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(bp) / 10000);
};
