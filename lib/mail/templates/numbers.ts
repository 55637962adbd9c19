// Money and counts as the mails print them. Money arrives in integer fen and is formatted by
// string arithmetic, never by floating-point division, so no cent is rounded away.
import type { MailLocale } from '../../../domain/mail';

/** Digits with a comma every three from the right: `1234567` → `1,234,567`. */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `¥1,234.50` from integer fen (the same in both locales; negative is `-¥1.50`), by string
 * arithmetic on the digits so that no floating-point division can round a cent away. Undefined
 * when the value is not a safe integer (a string, NaN, 1.5, 2 ** 60 …).
 */
export function formatFen(fen: unknown, _locale: MailLocale = 'zh-CN'): string | undefined {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return undefined;
  // A safe integer prints as plain digits (no exponent below 1e21); at least 3 so yuan is "0".
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}¥${groupDigits(digits.slice(0, -2))}.${digits.slice(-2)}`;
}

/**
 * The change from an old to a new price in percent, one decimal, rounded half away from zero:
 * `−20.1%` (19900 → 15900), `+5.0%`, `0.0%`. Computed on integers (BigInt, so any safe integers
 * work) so that no floating-point artefact shows. Undefined when either is not a safe integer or
 * the old price is not above 0 (no percent of nothing). The minus is U+2212, as typeset.
 */
export function formatPriceChange(oldFen: unknown, newFen: unknown): string | undefined {
  if (typeof oldFen !== 'number' || !Number.isSafeInteger(oldFen) || oldFen <= 0) return undefined;
  if (typeof newFen !== 'number' || !Number.isSafeInteger(newFen)) return undefined;
  const old = BigInt(oldFen);
  const diff = BigInt(newFen) - old;
  const abs = (diff < 0n ? -diff : diff) * 1000n; // per mille, ×10 for the one decimal
  let tenths = abs / old;
  if ((abs % old) * 2n >= old) tenths += 1n;
  const digits = tenths.toString().padStart(2, '0');
  const sign = tenths === 0n ? '' : diff < 0n ? '\u2212' : '+';
  return `${sign}${digits.slice(0, -1)}.${digits.slice(-1)}%`;
}

/** `1,200` from a safe integer; undefined otherwise. */
export function formatCount(n: unknown): string | undefined {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) return undefined;
  return `${n < 0 ? '-' : ''}${groupDigits(String(Math.abs(n)))}`;
}
