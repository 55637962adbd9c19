// A throw-away database per test file on a real PostgreSQL server (TEST_DATABASE_URL,
// default the local server), migrated with our runner. Where no server answers (a laptop
// without PostgreSQL) it falls back to the embedded PGlite server, the `npm start` default.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, EMBEDDED_MAX_CONNECTIONS, type Db } from '../../lib/db/client';
import { applyMigrationsBuiltin } from '../../lib/db/migrate';
import { freePort } from './ports';
import { until } from './until';

/**
 * The embedded database (`npm run db`) in a child process, as a server. (PGlite loads its
 * WebAssembly with a dynamic import, which jest's sandbox cannot do in-process.)
 */
export async function startEmbeddedPostgresProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'merch-pglite-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/db.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, DATA_DIR: dir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'info' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await until(
    'the embedded database to start',
    async () => {
      if (child.exitCode !== null) throw new Error(`embedded database did not start:\n${output}`);
      return output.includes('DATABASE_URL=');
    },
    Boolean,
    { timeoutMs: 60_000, log: () => output },
  );
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGINT');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  /** True when this is a real PostgreSQL server (not the PGlite fallback). */
  real: boolean;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  let db: TestDatabase;
  try {
    await admin.connect();
    const name = `merch_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    db = {
      url: withDatabase(SERVER_URL, name),
      real: true,
      async drop() {
        const c = new pg.Client({ connectionString: SERVER_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  } catch (err) {
    await admin.end().catch(() => undefined);
    if (process.env.TEST_DATABASE_URL) throw err; // asked for a server explicitly: say so
    const embedded = await startEmbeddedPostgresProcess();
    db = { url: embedded.url, real: false, drop: () => embedded.stop() };
  }
  if (options.migrate !== false) await applyMigrationsBuiltin(db.url);
  return db;
}

/** A migrated database and a Prisma client on it; `close` drops both. */
export async function openTestDb(): Promise<{ db: Db; url: string; real: boolean; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const db = createDb(database.url, { maxConnections: database.real ? 5 : EMBEDDED_MAX_CONNECTIONS });
  return {
    db,
    url: database.url,
    real: database.real,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
