// `npm run api`: the HTTP API alone (stateless; run as many as needed behind a load balancer).
import { loadConfig } from '../lib/config';
import { logger, setLogLevel } from '../lib/logger';
import { Lifecycle } from './lifecycle';
import { requireServers } from './requireServers';
import { openDatabase, openTemporal, serveApi } from './services';

const life = new Lifecycle();
void life.run(async () => {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  requireServers(config, 'API');
  const { db } = await openDatabase(config, life);
  const temporal = await openTemporal(config, life);
  await serveApi(config, life, db, temporal.client);
  logger('api').info(`API listening on port ${config.port}`);
});
