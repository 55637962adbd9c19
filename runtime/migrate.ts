// `npm run migrate`: apply pending migrations to DATABASE_URL and exit (a deployment's init step).
import { ConfigError, loadConfig } from '../lib/config';
import { applyMigrations } from '../lib/db/migrate';
import { logger } from '../lib/logger';

const log = logger('migrate');
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: required (the embedded database migrates itself at `npm start`)']);
  const r = await applyMigrations(config.databaseUrl, config.migrationRunner);
  log.info(`${r.runner}: applied ${r.applied.length} (${r.applied.join(', ') || 'none'}), ${r.alreadyApplied.length} already applied`);
}
main().catch((err: unknown) => {
  log.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
