// The embedded Temporal of `npm start` without TEMPORAL_ADDRESS: the official dev server
// (`temporal server start-dev`), persisted in a SQLite file under DATA_DIR so workflows and
// timers survive a restart, with its Web UI on its own port.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { logger } from '../logger';
import { temporalCli } from './binaries';

const log = logger('embedded-temporal');

export interface EmbeddedTemporal {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedTemporal(opts: {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  cliPath?: string;
}): Promise<EmbeddedTemporal> {
  const dir = path.join(opts.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const executable = temporalCli(opts.cliPath);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      ip: '127.0.0.1',
      port: opts.port,
      ui: true,
      uiPort: opts.uiPort,
      namespace: opts.namespace,
      dbFilename: path.join(dir, 'temporal.sqlite'),
      extraArgs: ['--log-level', 'warn'],
    },
  });
  const address = `127.0.0.1:${opts.port}`;
  log.info(`embedded Temporal dev server (${executable.type === 'existing-path' ? executable.path : 'SDK download'}) on ${address}`);
  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    async stop() {
      await env.teardown();
      log.info('embedded Temporal stopped');
    },
  };
}
