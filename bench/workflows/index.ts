// The bare baselines: the least a Temporal workflow can do, on the same server as ours, run
// by a worker of their own (task queue `<bench queue>-bare`). Deterministic like workflows/.
import { condition, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

/** Returns its argument at once: the floor of an Update round trip. */
export const pingUpdate = defineUpdate<number, [number]>('ping');
export const stopUpdate = defineUpdate<void, []>('stop');

export async function benchEcho(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (n) => n);
  setHandler(stopUpdate, () => {
    stopped = true;
  });
  await condition(() => stopped);
}

/** Sleeps until fireAt (epoch ms) and says how late it woke: the floor of a reminder's lateness. */
export async function benchTimer(fireAt: number): Promise<number> {
  const wait = fireAt - Date.now();
  if (wait > 0) await sleep(wait);
  return Date.now() - fireAt;
}
