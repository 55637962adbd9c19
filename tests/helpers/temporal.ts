// Temporal servers for tests, from the binaries that scripts/ensure.mjs installs
// (or the paths in TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, or the SDK download).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { temporalCli, temporalTestServer } from '../../lib/temporal/binaries';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
}

/** The time-skipping test server: timers of days pass in milliseconds. */
export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: temporalTestServer() } });
}

/** The real dev server (real clock): Updates, listing, schedules. */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: { executable: temporalCli(), ip: '127.0.0.1', extraArgs: ['--log-level', 'error'] },
  });
}
