import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrationsBuiltin, listMigrations } from '../../lib/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';

const ROOT = path.resolve(__dirname, '../..');

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

function runMigrateProcess(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/migrate.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, MIGRATION_RUNNER: 'builtin', LOG_LEVEL: 'info' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('migrations', () => {
  let database: TestDatabase;
  afterEach(() => database?.drop());

  test('applying twice applies each migration once and records it in _prisma_migrations', async () => {
    database = await createTestDatabase({ migrate: false });
    const all = listMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);

    const first = await applyMigrationsBuiltin(database.url);
    expect(first.applied).toEqual(all);
    const second = await applyMigrationsBuiltin(database.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(all);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      database.url,
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  test('two processes migrating the same database at once both succeed and apply it once', async () => {
    database = await createTestDatabase({ migrate: false });
    if (!database.real) return; // PGlite serves one session: concurrency needs a real server
    const [a, b] = await Promise.all([runMigrateProcess(database.url), runMigrateProcess(database.url)]);
    expect({ code: a.code, output: a.output }).toEqual({ code: 0, output: expect.any(String) });
    expect({ code: b.code, output: b.output }).toEqual({ code: 0, output: expect.any(String) });

    const rows = await query<{ migration_name: string; n: string }>(
      database.url,
      'SELECT migration_name, count(*)::text AS n FROM "_prisma_migrations" GROUP BY migration_name',
    );
    expect(rows).toHaveLength(listMigrations().length);
    expect(rows.every((r) => r.n === '1')).toBe(true);
    // Exactly one of them did the work.
    const applied = [a.output, b.output].filter((o) => /applied [1-9]/.test(o));
    expect(applied).toHaveLength(1);
  });

  test('a failing migration rolls back entirely and is not recorded', async () => {
    database = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    mkdirSync(path.join(dir, '001_ok'));
    writeFileSync(path.join(dir, '001_ok', 'migration.sql'), 'CREATE TABLE "Ok" (id INT PRIMARY KEY);');
    mkdirSync(path.join(dir, '002_broken'));
    writeFileSync(
      path.join(dir, '002_broken', 'migration.sql'),
      'CREATE TABLE "Half" (id INT PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN x INT;',
    );

    await expect(applyMigrationsBuiltin(database.url, dir)).rejects.toThrow(/002_broken failed/);
    const tables = await query<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['Ok', '_prisma_migrations']);
    const recorded = await query<{ migration_name: string }>(database.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(recorded.map((r) => r.migration_name)).toEqual(['001_ok']);
  });
});
