// Every recorded history (tests/replay/histories/, written by tests/replay/record.ts) replays
// against today's workflow code without nondeterminism: a run started on that code finishes on
// this one. Among them, runs recorded on the code before the engine's local writes. A failure
// names the workflow type, the fixture and the event (replayHistory.ts).
import { readdirSync } from 'node:fs';
import { testBundle } from '../helpers/bundle';
import { HISTORIES, replayFixture } from './replayHistory';

jest.setTimeout(120_000);

const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('there are histories to replay, from before the local writes too', () => {
  expect(files.some((f) => f.startsWith('pre-local-writes-'))).toBe(true);
});

test.each(files)('%s replays on today’s workflows', async (file) => {
  await expect(replayFixture(await testBundle(), file)).resolves.toBeUndefined();
});
