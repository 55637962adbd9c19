// A worker of this application: every workflow (bundled, or built from workflows/) with every
// activity wired to its services. The worker itself is lib/temporal/worker.ts; the wiring of
// activities to their dependencies happens here, in the layer that may see them all.
import type { NativeConnection, Worker, WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { createTemporalWorker } from '../lib/temporal/worker';

export function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: WorkflowBundle;
}): Promise<Worker> {
  const { deps, ...worker } = opts;
  return createTemporalWorker({ ...worker, activities: createActivities(deps) });
}
