// Applies the SQL migrations under prisma/migrations, recording them in Prisma's own
// `_prisma_migrations` table so that `prisma migrate deploy` and this runner agree on what
// is applied. Prisma's native schema engine cannot be downloaded everywhere (offline
// machines), so this runner is the default where it is missing (MIGRATION_RUNNER=auto).
//
// Safe when several processes start at once: it holds the same session advisory lock as
// Prisma's engine (72707369) for the whole run, and applies each migration in a transaction.
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { logger } from '../logger';

const log = logger('migrate');
const PRISMA_MIGRATE_LOCK = 72707369;
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../prisma/migrations');

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
  runner: 'builtin' | 'prisma';
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// Prisma's own DDL for its bookkeeping table.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function applyMigrationsBuiltin(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      const result: MigrationResult = { applied: [], alreadyApplied: [], runner: 'builtin' };
      for (const m of migrations) {
        const recorded = done.get(m.name);
        if (recorded !== undefined) {
          if (recorded !== m.checksum) {
            // Same rule as Prisma: an applied migration must never be edited; add a new one.
            log.warn(`migration ${m.name} was modified after it was applied (checksum differs)`);
          }
          result.alreadyApplied.push(m.name);
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
        }
        result.applied.push(m.name);
        log.info(`applied ${m.name}`);
      }
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/** The native schema engine, when Prisma could install it (online machines, Docker). */
export function prismaSchemaEngineAvailable(): boolean {
  const fromEnv = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (fromEnv) return existsSync(fromEnv) && !fromEnv.includes('placeholder');
  const enginesDir = path.resolve(__dirname, '../../node_modules/@prisma/engines');
  return existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
}

function applyMigrationsWithPrisma(databaseUrl: string): MigrationResult {
  const root = path.resolve(__dirname, '../..');
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  return { applied: [], alreadyApplied: listMigrations().map((m) => m.name), runner: 'prisma' };
}

export async function applyMigrations(databaseUrl: string, runner: 'auto' | 'prisma' | 'builtin' = 'auto'): Promise<MigrationResult> {
  const usePrisma = runner === 'prisma' || (runner === 'auto' && prismaSchemaEngineAvailable());
  return usePrisma ? applyMigrationsWithPrisma(databaseUrl) : applyMigrationsBuiltin(databaseUrl);
}
