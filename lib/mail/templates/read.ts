// Reading mail parameters defensively: they may arrive through Temporal's JSON, so a field of the
// wrong type counts as absent rather than printing "undefined", "null" or "NaN".
import type { ProcessResult } from '../../../domain/mail';

/** Anything not a non-empty string counts as absent; strings are trimmed. */
export function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** Multi-line user text: trimmed, \r\n made \n, trailing blanks of each line dropped. */
export function multiline(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return t === '' ? undefined : t;
}

export const safeInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);

/** A count: a safe integer ≥ 0, else absent. */
export const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);

/** The non-blank strings of an array, trimmed; anything else is an empty list. */
export function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return (v as unknown[]).map(str).filter((s): s is string => s !== undefined);
}

const PROCESS_RESULTS: readonly ProcessResult[] = ['approved', 'rejected', 'withdrawn', 'completed', 'cancelled'];

/** One of the known results, else absent. */
export function processResult(v: unknown): ProcessResult | undefined {
  return PROCESS_RESULTS.find((r) => r === v);
}
