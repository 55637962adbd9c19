// `npm start` on embedded defaults, as a user runs it: up, write, Ctrl-C, up again, read.
import { createSystem, type RunningSystem } from '../helpers/system';

/** The holiday calendar's coverage, a detail of /health (a warning near a year it has no schedule for). */
const CALENDAR = expect.objectContaining({ status: expect.stringMatching(/^(ok|warning)$/), knownThrough: expect.any(Number) });

jest.setTimeout(8 * 60_000);

let system: RunningSystem;
beforeAll(async () => {
  system = await createSystem();
});
afterAll(async () => {
  await system?.stop();
  system?.remove();
});

test('starts on embedded defaults, stops cleanly on Ctrl-C, and finds its data on the next start', async () => {
  expect(await system.start()).toEqual({ status: 'ok', db: 'ok', temporal: 'ok', calendar: CALENDAR });
  const token = await system.login('admin');
  const put = await fetch(`${system.url}/api/settings/task.defaultDue`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ value: 'PT42S' }),
  });
  expect(put.status).toBe(200);
  expect(await system.stop()).toBe(0);
  expect(system.leftovers()).toEqual([]);

  await system.start();
  // The same generated JWT secret: the old token still works, and the row is still there.
  const res = await fetch(`${system.url}/api/settings/task.defaultDue`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await res.json()) as { value: string }).value).toBe('PT42S');
  expect(await system.stop()).toBe(0);
  expect(system.leftovers()).toEqual([]);
});
