// Yuan as people write them ↔ integer fen, by string and integer arithmetic, never through
// floating point.

/**
 * '1234.5' → 123450n fen. Accepts an optional ¥, thousands separators, and at most 2 decimals
 * (more only when they are zeros). null when the text is not such an amount.
 */
export function yuanToFen(text: string): bigint | null {
  let s = text.trim().replace(/^[¥￥]\s*/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > 2 && !/^0+$/.test(frac.slice(2))) return null;
  return BigInt(m[1]!) * 100n + BigInt(frac.slice(0, 2).padEnd(2, '0'));
}

/** 123450 fen → '1234.50', by integer arithmetic. */
export function fenToYuan(fen: number | bigint): string {
  const f = BigInt(fen);
  const sign = f < 0n ? '-' : '';
  const abs = f < 0n ? -f : f;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
