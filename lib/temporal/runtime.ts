import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Installs the SDK runtime once per process: quiet logs, and no signal handlers of its own,
 * because our Lifecycle stops the worker, the servers and the database in order.
 */
export function installTemporalRuntime(level: 'debug' | 'info' | 'warn' | 'error'): void {
  if (installed) return;
  installed = true;
  const sdkLevel: LogLevel = level === 'debug' ? 'DEBUG' : level === 'info' ? 'WARN' : (level.toUpperCase() as LogLevel);
  Runtime.install({ logger: new DefaultLogger(sdkLevel), shutdownSignals: [] });
}
