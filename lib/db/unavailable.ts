// Whether an error means "the database cannot be reached right now" (a connection refused, cut
// or timed out), as opposed to a bad query or a constraint: the API answers the first with 503
// database_unavailable and Retry-After instead of 500, and nothing about it is the caller's fault.

/** Prisma's codes for an unreachable server, a closed connection and connection timeouts. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds (@prisma/driver-adapter-utils) that mean the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Node socket errors, and PostgreSQL's SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutting down, cannot connect now). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);
/** node-postgres throws plain Errors with only a message for these. */
const MESSAGES =
  /Connection terminated|Can't reach database server|Server has closed the connection|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const x = e as {
      code?: unknown;
      message?: unknown;
      kind?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
      cause?: unknown;
    };
    const code = typeof x.code === 'string' ? x.code : '';
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || code.startsWith('08')) return true;
    const kind = x.meta?.driverAdapterError?.cause?.kind ?? x.kind;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    if (typeof x.message === 'string' && MESSAGES.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}
