// `npm run db`: the embedded PostgreSQL (PGlite) alone, for running `npm run api` and
// `npm run worker` as separate processes on one machine without a PostgreSQL server.
// Prints its DATABASE_URL; Ctrl-C stops it.
import { loadConfig } from '../lib/config';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { logger, setLogLevel } from '../lib/logger';
import { Lifecycle } from './lifecycle';

const life = new Lifecycle();
void life.run(async () => {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const pg = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
  life.onStop('embedded database', () => pg.stop());
  logger('db').info(`DATABASE_URL=${pg.url}`);
});
