// The embedded database of `npm start` without DATABASE_URL: PGlite (PostgreSQL compiled to
// WebAssembly) with its data under DATA_DIR, served on loopback over the PostgreSQL wire
// protocol so the application uses exactly the same driver as with a real server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { logger } from '../logger';

const log = logger('embedded-db');

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const dir = path.join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 32 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw new Error(
      `cannot serve the embedded database on 127.0.0.1:${port} (${(err as Error).message}); ` +
        'set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use a PostgreSQL server',
    );
  }
  log.info(`embedded PostgreSQL (PGlite) in ${dir}, listening on 127.0.0.1:${port}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close(); // flushes to disk: a second start finds every row
      log.info('embedded PostgreSQL stopped');
    },
  };
}
