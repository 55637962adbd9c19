// All activities, built from their dependencies (the samples-typescript pattern), so tests
// and the worker wire the same code to real services.
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { auditActivities } from './audit';

export interface ActivityDeps {
  db: Db;
  config: Config;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...auditActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
