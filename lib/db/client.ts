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

export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}

export { Prisma } from '../../generated/prisma/client';
export type { Role } from '../../generated/prisma/enums';
