import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDb } from '../../lib/db/client';
import { openTestDb } from '../helpers/postgres';
import { startTestApi } from '../helpers/api';
import { freePort } from '../helpers/ports';
import { timeSkippingEnv } from '../helpers/temporal';

let t: Awaited<ReturnType<typeof openTestDb>>;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  [t, env] = await Promise.all([openTestDb(), timeSkippingEnv()]);
});
afterAll(async () => {
  await env?.teardown();
  await t?.close();
});

test('200 with db and temporal ok when both answer', async () => {
  const api = await startTestApi({ db: t.db, databaseUrl: t.url, temporal: env.client, seed: false });
  try {
    const res = await api.request('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', db: 'ok', temporal: 'ok' } });
  } finally {
    await api.close();
  }
});

test('503 naming temporal when Temporal is down', async () => {
  const api = await startTestApi({ db: t.db, databaseUrl: t.url, seed: false }); // lazy client to a dead port
  try {
    const res = await api.request('GET', '/health');
    expect(res).toMatchObject({ status: 503, body: { status: 'down', db: 'ok', temporal: 'down', down: ['temporal'] } });
  } finally {
    await api.close();
  }
});

test('503 naming db when the database is down', async () => {
  const deadDb = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/none`);
  const api = await startTestApi({ db: deadDb, databaseUrl: t.url, temporal: env.client, seed: false });
  try {
    const res = await api.request('GET', '/health');
    expect(res).toMatchObject({ status: 503, body: { db: 'down', temporal: 'ok', down: ['db'] } });
  } finally {
    await api.close();
    await deadDb.$disconnect();
  }
});
