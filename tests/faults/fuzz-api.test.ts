// Bad input, property-based: every operation of the OpenAPI document, thousands of hostile
// requests (malformed JSON, wrong content types, wrong-typed and missing and extra fields, huge
// strings and arrays, bad numbers, money and dates, awkward unicode, prototype-pollution keys,
// bad list queries), as admin, as a low-privileged user, without and with a forged token.
// Asserted for every response: no 5xx; a 4xx body is {error:{code,message}} with a snake_case
// code; no stack trace or file path in it. Every batch of refused requests leaves every table
// exactly as it was (a checksum of each table before and after), and nothing pollutes
// Object.prototype. The real API on a real database and the time-skipping Temporal server.
import fc from 'fast-check';
import { openApiDocument } from '../../api/openapi';
import { startProcessWorld, type ProcessWorld } from '../helpers/processApi';
import { operations, quietTables, requestArb, tableChecksums, type FuzzRequest, type Operation, type Pools } from './arbitraries';
import { FULL, recordReliability, runs } from './report';

jest.setTimeout(FULL ? 900_000 : 300_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const BATCH = 20;
const LEAK = /\n\s+at |\bat [\w$.<>]+ \(|\.ts:\d|\.js:\d|\/work\/|node_modules|Prisma|prisma\.|Invalid `/;

let w: ProcessWorld;
let ops: Operation[];
let pools: Pools;
let tables: string[];
const tokens: Record<string, string> = {};

const snapshot = () => tableChecksums(w.h.db);
const quiet = () => quietTables(w.h.db);
const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((t) => a[t] !== b[t]);

interface Outcome {
  status: number;
  problem?: string;
}

async function send(r: FuzzRequest): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (r.as === 'admin') headers.authorization = `Bearer ${tokens.admin}`;
  else if (r.as === 'low') headers.authorization = `Bearer ${r.op.method === 'GET' ? tokens.store1 : tokens.franchisee1}`;
  else if (r.as === 'bad-token') headers.authorization = `Bearer ${tokens.admin!.slice(0, -4)}AAAA`;
  const withBody = r.method !== 'GET' && r.body.body !== undefined;
  if (withBody && r.body.contentType) headers['content-type'] = r.body.contentType;
  const res = await fetch(w.api.url + r.url, { method: r.method, headers, body: withBody ? r.body.body : undefined });
  const text = await res.text();
  const describe = () =>
    `${r.method} ${r.url.slice(0, 300)} as ${r.as} with ${r.body.what} ${String(r.body.body ?? '').slice(0, 300)} → ${res.status} ${text.slice(0, 500)}`;
  if (res.status >= 500) return { status: res.status, problem: `5xx: ${describe()}` };
  // Node's HTTP parser refuses a request line or headers over 16 KiB before the app sees it.
  if (res.status === 431 && text === '') return { status: res.status };
  if (res.status >= 400 && !r.url.startsWith('/metrics')) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: res.status, problem: `error body is not JSON: ${describe()}` };
    }
    const code = body?.error?.code;
    if (typeof code !== 'string' || !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(code) || typeof body?.error?.message !== 'string') {
      return { status: res.status, problem: `error body not {error:{code,message}} with a snake_case code: ${describe()}` };
    }
    if (LEAK.test(text)) return { status: res.status, problem: `error body leaks internals: ${describe()}` };
  }
  return { status: res.status };
}

beforeAll(async () => {
  w = await startProcessWorld();
  for (const u of ['admin', 'store1', 'franchisee1']) tokens[u] = w.as(u).token;
  ops = operations(openApiDocument as never);
  // Real ids to aim at: master data, a draft plan, a booking with its process and task, a shipment.
  const plan = await w.post(
    '/api/plans',
    {
      season: '2027SS',
      type: 'purchase',
      title: 'fuzz target',
      lines: [{ category: 'T恤', storeId: 'S001', qty: 10, amountFen: 100_000 }],
    },
    'specialist',
  );
  expect(plan.status).toBe(201);
  const booking = await w.post(
    '/api/bookings',
    { franchiseeId: 'F002', season: '2027SS', lines: [{ sku: '27SS-TS-001', size: 'M', qty: 10 }] },
    'specialist',
  );
  expect(booking.status).toBe(201);
  const shipment = await w.post(
    '/api/shipments',
    { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 5 }], expectedArrival: '2027-03-20' },
    'follower',
  );
  expect(shipment.status).toBe(201);
  const db = w.h.db;
  const protectedUsers = ['admin', 'store1', 'franchisee1'];
  pools = {
    ids: {
      regions: (await db.region.findMany()).map((r) => r.id),
      stores: (await db.store.findMany()).map((r) => r.id),
      franchisees: (await db.franchisee.findMany()).map((r) => r.id),
      products: (await db.product.findMany()).map((r) => r.sku),
      seasons: (await db.season.findMany()).map((r) => r.code),
      code: (await db.season.findMany()).map((r) => r.code),
      users: (await db.user.findMany()).filter((u) => !protectedUsers.includes(u.username)).map((u) => u.id),
      key: (await db.setting.findMany()).map((s) => s.key),
      plans: [plan.body.id],
      n: ['1', '2'],
      bookings: [booking.body.id],
      shipments: [shipment.body.id],
      workflowId: [booking.body.workflowId, shipment.body.workflowId],
      tasks: [],
      'calendar-overrides': [],
      delegations: [],
      'price-adjustments': [],
      returns: [],
    },
    strings: ['2027SS', 'S001', 'F001', 'EAST', '27SS-TS-001', 'M', 'XL', 'T恤'],
  };
  await w.h.tasks(booking.body.workflowId, (ts) => ts.length > 0).catch(() => []);
  pools.ids.tasks = (await db.task.findMany()).map((t) => t.id);
  tables = Object.keys(await snapshot());
  expect(tables.length).toBeGreaterThan(20);
});

afterAll(async () => {
  await w?.close();
});

/** '1092 4xx (401: 300, 422: 500, …)'. */
const statuses = (t: Tally) =>
  Object.entries(t.byClass)
    .sort()
    .map(
      ([cls, n]) =>
        `${n} ${cls} (${Object.entries(t.byStatus)
          .filter(([s]) => s.startsWith(cls[0]!))
          .map(([s, k]) => `${s}: ${k}`)
          .join(', ')})`,
    )
    .join(', ');

interface Tally {
  requests: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  ops: Set<string>;
  refusedBatches: number;
  rebaselined: number;
}

/** Runs batches of fuzzed requests as a fast-check property; returns what was done. */
async function fuzz(focus: 'bodies' | 'queries', batches: number, only: (op: Operation) => boolean): Promise<Tally> {
  const chosen = ops.filter(only);
  const tally: Tally = { requests: 0, byClass: {}, byStatus: {}, ops: new Set(), refusedBatches: 0, rebaselined: 0 };
  let before = await quiet();
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const details = await fc.check(
    fc.asyncProperty(fc.array(requestArb(chosen, pools, focus), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const problems: string[] = [];
      let mutated = false;
      for (const r of batch) {
        const o = await send(r);
        tally.requests++;
        tally.ops.add(`${r.op.method} ${r.op.path}`);
        const cls = `${Math.floor(o.status / 100)}xx`;
        tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
        tally.byStatus[o.status] = (tally.byStatus[o.status] ?? 0) + 1;
        if (o.problem) problems.push(o.problem);
        if (o.status < 400 && r.method !== 'GET') mutated = true;
      }
      const polluted =
        ({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoKeys;
      if (polluted) problems.push('Object.prototype was polluted');
      if (mutated) {
        // A request was accepted: its change (and its workflow's) is legitimate; start afresh.
        tally.rebaselined++;
        before = await quiet();
      } else {
        const after = await snapshot();
        const diff = changed(before, after);
        if (diff.length)
          problems.push(
            `refused requests changed tables ${diff.join(', ')}: ${batch.map((r) => `${r.method} ${r.url.slice(0, 120)}`).join(' | ')}`,
          );
        tally.refusedBatches++;
        before = after;
      }
      if (problems.length)
        throw new Error(`seed ${SEED} (FUZZ_SEED to replay): ${problems.length} problem(s):\n${problems.slice(0, 10).join('\n')}`);
    }),
    { seed: SEED + (focus === 'queries' ? 1 : 0), numRuns: batches, endOnFailure: true },
  );
  // The failing batch itself is too long to print; the problems name each request.
  if (details.failed)
    throw new Error(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  return tally;
}

test('money: fen fields refuse fractions, negatives, strings and non-numbers; edge integers never 500', async () => {
  const booking = pools.ids.bookings![0]!;
  // Each endpoint with a body that is accepted as it stands (the positive control below), and its fen field.
  const targets: { what: string; user: string; method: string; path: string; body: (fen: unknown) => unknown }[] = [
    {
      what: 'plan line amountFen',
      user: 'specialist',
      method: 'POST',
      path: '/api/plans',
      body: (fen) => ({ season: '2027SS', type: 'purchase', title: 'money', lines: [{ category: '裤装', qty: 1, amountFen: fen }] }),
    },
    {
      what: 'franchisee quotaFen',
      user: 'admin',
      method: 'PUT',
      path: '/api/franchisees/F003',
      body: (fen) => ({ quotas: [{ seasonCode: '2027SS', quotaFen: fen }] }),
    },
    {
      what: 'product wholesalePriceFen',
      user: 'admin',
      method: 'PUT',
      path: '/api/products/27SS-PT-004',
      body: (fen) => ({ wholesalePriceFen: fen }),
    },
    {
      what: 'payment amountFen',
      user: 'finance',
      method: 'POST',
      path: `/api/bookings/${booking}/payments`,
      body: (fen) => ({ amountFen: fen, reference: `MONEY-${String(fen).slice(0, 20)}`, paidOn: '2026-11-30' }),
    },
  ];
  const refused: unknown[] = [
    0.5,
    1.005,
    99.99,
    -1,
    -0.01,
    '100',
    '1e2',
    'NaN',
    'Infinity',
    null,
    true,
    [],
    {},
    [100],
    { fen: 100 },
    1e21,
    2 ** 53,
    1e308,
  ];
  const edge: unknown[] = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1];
  let tried = 0;
  await quiet(); // the setup's workflows have settled: from here, only these requests write
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(...refused), async (t, fen) => {
      const before = await snapshot();
      const res = await w.api.request(t.method, t.path, { ...w.as(t.user), body: t.body(fen) });
      tried++;
      expect({ what: t.what, fen, status: res.status, code: res.body?.error?.code }).toEqual({
        what: t.what,
        fen,
        status: 422,
        code: 'validation_failed',
      });
      expect(changed(before, await snapshot())).toEqual([]);
    }),
    { seed: SEED + 3, numRuns: runs(40, 200) },
  );
  // Integers at the edges of the columns (int4, bigint, what JSON holds exactly): accepted or a clean 422, never a 500.
  const edgeStatuses: number[] = [];
  for (const t of targets.slice(0, 3)) {
    for (const fen of edge) {
      const res = await w.api.request(t.method, t.path, { ...w.as(t.user), body: t.body(fen) });
      tried++;
      edgeStatuses.push(res.status);
      expect({ what: t.what, fen, status: res.status < 300 || res.status === 422 }).toEqual({ what: t.what, fen, status: true });
    }
  }
  // The positive control: the same bodies with an ordinary amount are accepted.
  for (const t of targets) {
    const res = await w.api.request(t.method, t.path, { ...w.as(t.user), body: t.body(100) });
    tried++;
    expect({ what: t.what, status: res.status }).toEqual({ what: t.what, status: t.method === 'PUT' ? 200 : 201 });
  }
  recordReliability({
    id: 'fuzz-api-money',
    kind: 'bad input',
    tried: `${tried} requests putting fractional (0.5, 1.005, 99.99), negative, string ("100", "1e2", "NaN"), null, boolean, array, object, 1e21, 2^53 and 1e308 amounts into the fen fields of plan lines, franchisee quotas, product prices and payments (bodies otherwise valid), and integers at the column edges (0, 2^31−1, 2^31, 2^53−1)`,
    runs: tried,
    checked:
      "every non-integer, negative or non-number amount is a 422 validation_failed and leaves every table unchanged; edge integers are accepted or a 422, never a 500; the same bodies with 100 fen are accepted (so the refusals are the amount's)",
    outcome: `${tried - edgeStatuses.length - targets.length} bad amounts refused with 422, 0 stored; ${edgeStatuses.filter((s) => s < 300).length} edge integers accepted, ${edgeStatuses.filter((s) => s === 422).length} refused; 0 5xx`,
    lost: 0,
  });
});

test('fuzzed bodies on every operation: no 5xx, clean errors, no state change from refusals', async () => {
  const t = await fuzz('bodies', runs(60, 500), () => true);
  const all = ops.map((o) => `${o.method} ${o.path}`);
  expect(all.filter((o) => !t.ops.has(o))).toEqual([]); // every operation was tried
  expect(t.byClass['5xx'] ?? 0).toBe(0);
  expect(t.refusedBatches).toBeGreaterThan(0);
  recordReliability({
    id: 'fuzz-api-bodies',
    kind: 'bad input',
    tried: `${t.requests} fast-check requests over all ${all.length} OpenAPI operations (real, unknown and garbage path ids): malformed JSON, wrong content types, wrong-typed, missing, extra and __proto__ fields, 100k-character strings, 20k-element arrays, negative/fractional/huge fen, impossible dates and zones, NUL bytes, lone surrogates, RTL and emoji; as admin, a store manager or franchisee, no token and a forged token`,
    runs: t.requests,
    checked: `no 5xx; every 4xx is {error:{code,message}} with a snake_case code and no stack trace or file path; md5 of all ${tables.length} tables unchanged over each batch of ${BATCH} refused requests; Object.prototype unpolluted`,
    outcome: `${statuses(t)}; 0 5xx; ${t.refusedBatches} all-refused batches left every table unchanged (${t.rebaselined} batches had an accepted request and were re-baselined)`,
    lost: 0,
  });
});

test('fuzzed list and query strings: no 5xx, clean errors, no state change', async () => {
  const withQuery = (o: Operation) => o.query.length > 0;
  const t = await fuzz('queries', runs(40, 500), withQuery);
  const all = ops.filter(withQuery).map((o) => `${o.method} ${o.path}`);
  expect(all.filter((o) => !t.ops.has(o))).toEqual([]);
  expect(t.byClass['5xx'] ?? 0).toBe(0);
  recordReliability({
    id: 'fuzz-api-queries',
    kind: 'bad input',
    tried: `${t.requests} fast-check requests over the ${all.length} operations with query parameters: malformed and hostile filter/range/sort (negative, reversed, 2^31+ ranges, unknown and __proto__ sort fields, operator objects), bad dates, seasons and formats, repeated and bracketed parameters; as admin, a store manager, no token and a forged token`,
    runs: t.requests,
    checked:
      'no 5xx; every 4xx is {error:{code,message}} with a snake_case code and no stack trace or file path; md5 of every table unchanged across each batch; Object.prototype unpolluted',
    outcome: `${statuses(t)}; 0 5xx; ${t.refusedBatches} all-refused batches left every table unchanged`,
    lost: 0,
  });
});
