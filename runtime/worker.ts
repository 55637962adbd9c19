// `npm run worker`: a Temporal worker alone (stateless; run as many as the load needs).
import { loadConfig } from '../lib/config';
import { setLogLevel } from '../lib/logger';
import { Lifecycle } from './lifecycle';
import { requireServers } from './requireServers';
import { openDatabase, runWorker } from './services';

const life = new Lifecycle();
void life.run(async () => {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const { temporalAddress } = requireServers(config, 'worker');
  // Seeding is the API's job; a worker only needs the schema.
  const { db } = await openDatabase({ ...config, seedDemo: false }, life);
  await runWorker(config, life, db, temporalAddress);
});
