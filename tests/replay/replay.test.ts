// Every recorded history (tests/replay/histories/, written by tests/replay/record.ts) replays
// against today's workflow code without nondeterminism: a run started on that code finishes on
// this one. Among them, runs recorded on the code before the engine's local writes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testBundle } from '../helpers/bundle';

jest.setTimeout(120_000);

const dir = path.join(__dirname, 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('there are histories to replay, from before the local writes too', () => {
  expect(files.some((f) => f.startsWith('pre-local-writes-'))).toBe(true);
});

test.each(files)('%s replays on today’s workflows', async (file) => {
  const bundle = await testBundle();
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${file}`)).resolves.toBeUndefined();
});
