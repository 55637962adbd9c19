import type { Config } from '../lib/config';
import { ConfigError } from '../lib/config';

/** The separate API and worker processes scale out, so they need shared servers, not embedded ones. */
export function requireServers(config: Config, role: string): { databaseUrl: string; temporalAddress: string } {
  const missing = [!config.databaseUrl && 'DATABASE_URL', !config.temporalAddress && 'TEMPORAL_ADDRESS'].filter((x): x is string =>
    Boolean(x),
  );
  if (missing.length) {
    throw new ConfigError(
      missing.map((v) => `${v}: required to run the ${role} on its own (use \`npm start\` for the embedded all-in-one setup)`),
    );
  }
  return { databaseUrl: config.databaseUrl!, temporalAddress: config.temporalAddress! };
}
