// `npm run api`: the HTTP API alone (stateless; run as many as needed behind a load balancer).
import { loadConfig } from '../lib/config';
import { logger, setLogLevel } from '../lib/logger';
import { Lifecycle } from './lifecycle';
import { requireServers } from './requireServers';
import { listenApi, openDatabase, openTemporal, serveApi } from './services';

const life = new Lifecycle();
void life.run(async () => {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  requireServers(config, 'API');
  // Listening at once: until the database and Temporal are open, requests get 503 service_unavailable.
  const gate = await listenApi(config, life);
  const { db } = await openDatabase(config, life);
  gate.progress.db = true;
  const temporal = await openTemporal(config, life);
  gate.progress.temporal = true;
  await serveApi(config, life, db, temporal.client, gate);
  logger('api').info(`API listening on port ${config.port}`);
});
