// NUL characters in requests: PostgreSQL text cannot hold one, so each is refused up front.
// Apart from validation.ts so that list.ts (which checks its JSON parameters) and validation.ts
// (which reads ListQuery) do not import each other.
import type { RequestHandler } from 'express';
import { ApiError } from './errors';

/** The dotted path of the first string (or key) holding a NUL character, or null (depth-bounded). */
export function nulAt(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path || '_' : null;
  if (typeof v !== 'object' || v === null || depth > 64) return null;
  for (const [k, x] of Object.entries(v)) {
    const at = k.includes('\u0000') ? `${path}${path ? '.' : ''}${k}` : nulAt(x, `${path}${path ? '.' : ''}${k}`, depth + 1);
    if (at) return at.split('\u0000').join('\\0');
  }
  return null;
}

/**
 * 422 for a NUL character in the path, the query or a JSON body: PostgreSQL text cannot hold
 * one, so it used to surface as a 500 from the database (found by tests/faults/fuzz-api).
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const at = /%00/i.test(req.originalUrl)
    ? 'path'
    : (nulAt(req.query, 'query') ?? (Buffer.isBuffer(req.body) ? null : nulAt(req.body, '')));
  if (at)
    return next(
      new ApiError(422, 'validation_failed', 'Text must not contain the NUL character', { [at]: 'must not contain the NUL character' }),
    );
  next();
};
