// `npm start`: the whole system in one process. Without DATABASE_URL / TEMPORAL_ADDRESS it
// brings up the embedded database and Temporal dev server under DATA_DIR.
import { loadConfig } from '../lib/config';
import { logger, setLogLevel } from '../lib/logger';
import { Lifecycle } from './lifecycle';
import { openDatabase, openTemporal, runWorker, serveApi } from './services';

const log = logger('start');
const life = new Lifecycle();

void life.run(async () => {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const { db } = await openDatabase(config, life);
  const temporal = await openTemporal(config, life);
  await runWorker(config, life, db, temporal.address);
  await serveApi({ ...config, temporalUiUrl: config.temporalUiUrl ?? temporal.uiUrl }, life, db, temporal.client);
  const lines = [
    '',
    `  商品运营流程 Merchandise Flow is up`,
    `  Admin UI and API   ${config.publicUrl}/`,
    `  Health             ${config.publicUrl}/health`,
    `  API description    ${config.publicUrl}/api/openapi.json`,
    `  Temporal           ${temporal.address}${temporal.uiUrl ? `   Web UI ${temporal.uiUrl}` : ''}`,
    `  Database           ${config.databaseUrl ? 'DATABASE_URL' : `embedded (PGlite) in ${config.dataDir}`}`,
    `  Mail               ${config.smtpUrl ? config.smtpUrl.replace(/\/\/[^@]*@/, '//***@') : `captured, see ${config.publicUrl}/api/dev/mails`}`,
    config.seedDemo ? '  Demo users         admin, manager, supervisor, specialist, … (password = username)' : '',
    '  Ctrl-C stops everything.',
    '',
  ];
  log.info(lines.filter((l) => l !== '').join('\n'));
});
