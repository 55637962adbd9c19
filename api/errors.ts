// One error shape for every response (docs/api.md, HTTP conventions):
// {"error": {"code": "snake_case_code", "message": "…", "details": …}}
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../lib/db/client';
import { isDatabaseUnavailable } from '../lib/db/unavailable';
import { logger } from '../lib/logger';
import { isTemporalUnavailable } from '../lib/temporal/connection';

const log = logger('api');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You may not do this with your roles') => new ApiError(403, 'forbidden', message);

/** 422 with `details` mapping each bad field (dotted path) to its message. */
export function validationError(error: z.ZodError): ApiError {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '_';
    details[field] ??= issue.message;
  }
  const fields = Object.keys(details).join(', ');
  return new ApiError(422, 'validation_failed', `Invalid input: ${fields}`, details);
}

export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export const unknownApiRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'route_not_found', `No route ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  void _next;
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else if (err instanceof z.ZodError) e = validationError(err);
  else if (isBodyParserError(err)) {
    e =
      err.type === 'entity.too.large'
        ? new ApiError(413, 'payload_too_large', 'The request body is too large')
        : // A charset or Content-Encoding we do not read is not a JSON syntax error: say so.
          err.type === 'charset.unsupported' || err.type === 'encoding.unsupported'
          ? new ApiError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON without a Content-Encoding')
          : new ApiError(400, 'malformed_json', 'The request body is not valid JSON');
  } else if (err instanceof URIError && (err as { status?: unknown }).status === 400) {
    // Express could not decode a path parameter (e.g. %C0%AF): the client's mistake, not a 500.
    e = new ApiError(400, 'bad_path', 'The path is not valid percent-encoded UTF-8');
  } else if (isDatabaseUnavailable(err)) {
    // A database outage is temporary and not a bug: 503 with Retry-After, so clients retry (was 500).
    log.warn('database unavailable', { error: err instanceof Error ? err.message.split('\n').pop() : String(err) });
    e = new ApiError(503, 'database_unavailable', 'The database cannot be reached right now; please try again in a few seconds');
    res.set('Retry-After', '5');
  } else if (isTemporalUnavailable(err)) {
    // Temporal down or restarting is temporary too: 503 with Retry-After (was 500).
    log.warn('temporal unavailable', { error: err instanceof Error ? err.message : String(err) });
    e = new ApiError(503, 'temporal_unavailable', 'The workflow engine cannot be reached right now; please try again in a few seconds');
    res.set('Retry-After', '5');
  } else {
    log.error('unhandled error', err);
    e = new ApiError(500, 'internal_error', 'Something went wrong on our side; it has been logged');
  }
  res.status(e.status).json({ error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } });
};

function isBodyParserError(err: unknown): err is { type: string } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string' && 'status' in err;
}

/** 422 unless the id names an active user: for fields that hand work to someone. */
export async function requireActiveUser(db: Db, id: string, field: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id }, select: { active: true } });
  if (!user?.active) throw new ApiError(422, 'validation_failed', 'No such active user', { [field]: 'no such active user' });
}
