import type { Client } from '@temporalio/client';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';

/** What every route may use. Built once by the runtime and passed to createApp. */
export interface AppContext {
  config: Config;
  db: Db;
  temporal: Client;
  jwtSecret: string;
  /** The API's clock (the calendar's coverage and warnings); default the system clock. Tests set it. */
  now?: () => Date;
}
