// The pieces the entry points assemble: database, Temporal, worker, HTTP server.
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Config } from '../lib/config';
import { createApp } from '../api/app';
import { resolveJwtSecret } from '../lib/auth/tokens';
import { createDb, EMBEDDED_MAX_CONNECTIONS, type Db } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrate';
import { logger } from '../lib/logger';
import { seedDemo } from '../lib/seed';
import { ensureDigestSchedulesAtStart } from '../lib/reports/schedules';
import { connectClient, connectWorker } from '../lib/temporal/connection';
import { startEmbeddedTemporal } from '../lib/temporal/embedded';
import { installTemporalRuntime } from '../lib/temporal/runtime';
import { createWorker } from '../lib/temporal/worker';
import type { Lifecycle } from './lifecycle';

const log = logger('runtime');

/** The configured PostgreSQL, or the embedded one when DATABASE_URL is unset. Migrated. */
export async function openDatabase(config: Config, life: Lifecycle): Promise<{ db: Db; url: string }> {
  let url = config.databaseUrl;
  if (!url) {
    const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    life.onStop('embedded database', () => embedded.stop());
    url = embedded.url;
  }
  const result = await applyMigrations(url, config.migrationRunner);
  log.info(`database migrated (${result.runner}: ${result.applied.length} applied, ${result.alreadyApplied.length} already)`);
  const db = createDb(url, { maxConnections: config.databaseUrl ? 10 : EMBEDDED_MAX_CONNECTIONS });
  life.onStop('database client', () => db.$disconnect());
  if (config.seedDemo) await seedDemo(db);
  return { db, url };
}

/** The configured Temporal frontend, or the embedded dev server when TEMPORAL_ADDRESS is unset. */
export async function openTemporal(
  config: Config,
  life: Lifecycle,
): Promise<{ client: Client; address: string; uiUrl?: string }> {
  installTemporalRuntime(config.logLevel);
  let address = config.temporalAddress;
  let uiUrl: string | undefined;
  if (!address) {
    const embedded = await startEmbeddedTemporal({
      dataDir: config.dataDir,
      port: config.temporalDevPort,
      uiPort: config.temporalUiPort,
      namespace: config.temporalNamespace,
      cliPath: config.temporalCliPath,
    });
    life.onStop('embedded Temporal', () => embedded.stop());
    address = embedded.address;
    uiUrl = embedded.uiUrl;
  }
  const client = await connectClient({ address, namespace: config.temporalNamespace, taskQueue: config.taskQueue });
  life.onStop('Temporal client', () => client.connection.close());
  return { client, address, uiUrl };
}

export async function runWorker(config: Config, life: Lifecycle, db: Db, address: string): Promise<void> {
  installTemporalRuntime(config.logLevel);
  const connection = await connectWorker({ address, namespace: config.temporalNamespace, taskQueue: config.taskQueue });
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config },
  });
  const running = worker.run();
  life.onStop('worker', async () => {
    worker.shutdown();
    await running;
    await connection.close();
  });
  running.catch((err: unknown) => {
    log.error('worker stopped with an error', err);
    void life.stop().then(() => process.exit(1));
  });
  await ensureDigestSchedulesAtStart(connection, config, db);
  log.info(`worker polling task queue "${config.taskQueue}" in namespace "${config.temporalNamespace}"`);
}

export async function serveApi(config: Config, life: Lifecycle, db: Db, temporal: Client): Promise<Server> {
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const app = createApp({ config, db, temporal, jwtSecret });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', (err) => reject(new Error(`cannot listen on port ${config.port}: ${err.message}; set PORT`)));
  });
  life.onStop('HTTP server', () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return server;
}
