// Ordered shutdown: what started last stops first. Ctrl-C / SIGTERM run it once; a second
// signal forces the exit.
import { logger } from '../lib/logger';

const log = logger('lifecycle');

export class Lifecycle {
  private readonly stops: { name: string; stop: () => Promise<void> | void }[] = [];
  private stopping?: Promise<void>;

  onStop(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const { name, stop } of this.stops.reverse()) {
        try {
          await stop();
        } catch (err) {
          log.warn(`stopping ${name} failed`, err);
        }
      }
    })();
    return this.stopping;
  }

  exitOnSignals(): void {
    let signals = 0;
    const handler = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        log.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      log.info(`${signal}: shutting down`);
      void this.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }

  /** Runs main; on a start-up failure stops what had started and exits non-zero. */
  async run(main: () => Promise<void>): Promise<void> {
    this.exitOnSignals();
    try {
      await main();
    } catch (err) {
      log.error(err instanceof Error ? err.message : String(err));
      if (err instanceof Error && err.name !== 'ConfigError' && process.env.LOG_LEVEL === 'debug') log.error('stack', err);
      await this.stop();
      process.exit(1);
    }
  }
}
