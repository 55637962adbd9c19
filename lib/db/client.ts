// The Prisma client, always through the pg driver adapter: the same code path for the
// embedded database and a real PostgreSQL server.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';

export type Db = PrismaClient;

/**
 * PGlite is one PostgreSQL session behind its socket server: two connections interleaving the
 * extended protocol would bind each other's statements, so the embedded database gets one.
 */
export const EMBEDDED_MAX_CONNECTIONS = 1;

/**
 * How long to wait for a connection (a new one, or a free one of the pool) before the query
 * fails (503 in the API). The embedded database's single connection is waited for longer: one
 * long import holds it for seconds while other requests queue.
 */
export const CONNECT_TIMEOUT_MS = 15_000;
const EMBEDDED_CONNECT_TIMEOUT_MS = 60_000;

export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  const max = options.maxConnections ?? 10;
  // A bounded connect: without it a hung or partitioned server made every request wait forever.
  const connectionTimeoutMillis = max === EMBEDDED_MAX_CONNECTIONS ? EMBEDDED_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS;
  const adapter = new PrismaPg({ connectionString: databaseUrl, max, connectionTimeoutMillis });
  return new PrismaClient({ adapter });
}

export { Prisma } from '../../generated/prisma/client';
export type { Role } from '../../generated/prisma/enums';
