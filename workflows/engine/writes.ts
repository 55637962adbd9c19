// The database writes a process workflow makes on its way to an answer, in one place.
//
// They run as local activities: in the worker, inside the workflow task that asked for them,
// so a decision costs one workflow task and a few short transactions, not one server round
// trip per write (Temporal's guidance for short, idempotent work close to the workflow). Every
// activity here is idempotent, as a local activity retried after a worker crash runs again.
// Mail stays a regular activity (engine outbox): it may retry for minutes and must not hold up
// an answer.
//
// The proxy counts the writes in flight: the engine answers an Update only when none is left
// (see quiet() in quiet.ts), so a 2xx means every write the act caused is committed.
//
// Runs started before this module existed used regular activities; their histories replay
// with regular activities (the patch below), so a deploy leaves them running.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

const remote = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });
const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A database outage is waited out like before; past a minute the retry is a durable timer.
  retry,
});

/** Module state is per workflow run (each run has its own copy of the workflow modules). */
let useLocal: boolean | undefined;
let oneAtATime = false;
let last: Promise<unknown> = Promise.resolve();
let inFlight = 0;

/**
 * Decides once per run whether its writes are local activities, and whether they run one at a
 * time. Called first thing by the engine's constructor, so a run takes one path from its first
 * command to its last.
 *
 * One at a time: two local activities in flight together (a price adjustment's notices opening
 * while its main line writes audit entries) are recorded in the order they finished but, in this
 * SDK, resolved on replay in the order they started; the branches then resume in another order
 * and the replay fails (temporalio/sdk-typescript#1744). Runs started before the patch keep the
 * overlapping path; those whose writes happened to finish in start order still replay.
 */
export function chooseWritePath(): boolean {
  if (useLocal === undefined) {
    useLocal = patched('engine-local-writes');
    oneAtATime = useLocal && patched('engine-local-writes-one-at-a-time');
  }
  return useLocal;
}

/** Writes started and not yet finished (committed or failed). */
export function writesInFlight(): number {
  return inFlight;
}

/** The activities, as the workflows call them for their state: counted, local where the run allows. */
export const writes: Activities = new Proxy({} as Activities, {
  get(_target, name: string) {
    return async (...args: unknown[]) => {
      const acts = (chooseWritePath() ? local : remote) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      inFlight += 1;
      try {
        if (!oneAtATime) return await acts[name]!(...args);
        const write = () => acts[name]!(...args);
        const mine = last.then(write, write);
        last = mine.catch(() => undefined);
        return await mine;
      } finally {
        inFlight -= 1;
      }
    };
  },
});
