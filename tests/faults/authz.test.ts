// The authorization matrix: every operation of the OpenAPI document × every identity (the demo
// users, users of another region / store / franchisee, no token, expired, forged and alg-none
// tokens, a disabled user's token), each compared with the access written down here, on
// concrete rows for the row-level rules. Real API, real PostgreSQL, real Temporal (time-skipping
// server and worker), so decisions and process actions reach the workflow validators.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DateTime } from 'luxon';
import { openApiDocument } from '../../api/openapi';
import type { Task } from '../../generated/prisma/client';
import { hashPassword } from '../../lib/auth/password';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';
import { recordReliability } from './report';

jest.setTimeout(300_000);

// Order matters for the operations that change a row: who may act comes after who may not,
// and admin (always allowed) last, so an earlier allowed call cannot turn a later refusal into
// "not found" or "already decided".
const BAD = ['no token', 'expired token', 'forged token', 'alg none token', 'disabled user'] as const;
const OUTSIDE = ['franchisee1', 'franchisee2', 'store1', 'store2'] as const;
const STAFF = ['finance', 'follower', 'specialist', 'supervisor2', 'supervisorEast', 'manager', 'supervisor', 'admin'] as const;
const IDENTITIES = [...BAD, ...OUTSIDE, ...STAFF] as const;
type Who = (typeof IDENTITIES)[number];

const ROLES: Record<Exclude<Who, (typeof BAD)[number]>, string[]> = {
  franchisee1: ['franchisee'],
  franchisee2: ['franchisee'],
  store1: ['store_manager'],
  store2: ['store_manager'],
  finance: ['finance'],
  follower: ['follower'],
  specialist: ['specialist'],
  supervisor2: ['supervisor'],
  supervisorEast: ['supervisor'],
  manager: ['manager'],
  supervisor: ['supervisor'],
  admin: ['admin'],
};

// Expected access, as predicates over an identity.
type Rule = (who: Who) => boolean;
const authenticated: Rule = (w) => !(BAD as readonly string[]).includes(w);
const everyone: Rule = () => true;
const staff: Rule = (w) => (STAFF as readonly string[]).includes(w);
/** Holders of one of the roles; admin holds every role. */
const role =
  (...roles: string[]): Rule =>
  (w) =>
    authenticated(w) && (w === 'admin' || ROLES[w as keyof typeof ROLES].some((r) => roles.includes(r)));
const only =
  (...ws: Who[]): Rule =>
  (w) =>
    ws.includes(w);
const or =
  (...rules: Rule[]): Rule =>
  (w) =>
    rules.some((r) => r(w));

interface Probe {
  /** Path with the concrete row ids filled in. */
  path: string;
  body?: unknown;
  rawBody?: string;
  /** Row-level: the row exists, so 404 is a refusal too (not "allowed"). */
  row?: boolean;
  /** A fresh path per identity, for operations that use up their row (e.g. ending a delegation). */
  fresh?: (who: Who) => Promise<string>;
}

let w: ProcessWorld;
const tokens = {} as Record<Who, string | undefined>;
const ids: Record<string, string> = {};
const badRequest = (r: { status: number }) => r.status >= 500;

beforeAll(async () => {
  w = await startProcessWorld();
  const { h, api } = w;
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
  // Users of another region, another store, another franchisee; and one to be disabled.
  const pw = async (u: string) => hashPassword(u);
  const extra = [
    { username: 'supervisor2', name: '南区主管', roles: ['supervisor' as const], regionId: 'SOUTH' },
    { username: 'supervisorEast', name: '东区主管', roles: ['supervisor' as const], regionId: 'EAST' },
    { username: 'store2', name: '深圳店长', roles: ['store_manager' as const], regionId: 'SOUTH', storeId: 'S002' },
    { username: 'franchisee2', name: '广州老板', roles: ['franchisee' as const], regionId: 'SOUTH', franchiseeId: 'F002' },
    { username: 'disabled1', name: '已停用', roles: ['specialist' as const], regionId: 'EAST' },
  ];
  for (const u of extra) await h.db.user.create({ data: { ...u, email: `${u.username}@example.com`, passwordHash: await pw(u.username) } });
  for (const u of [...OUTSIDE, ...STAFF]) tokens[u] = await api.login(u);
  const disabledToken = await api.login('disabled1');
  await h.db.user.update({ where: { username: 'disabled1' }, data: { active: false } });
  for (const u of await h.db.user.findMany()) ids[u.username] = u.id;
  const secret = api.config.jwtSecret!;
  tokens['no token'] = undefined;
  tokens['expired token'] = jwt.sign({ username: 'admin' }, secret, { subject: ids.admin, expiresIn: -10, algorithm: 'HS256' });
  tokens['forged token'] = jwt.sign({ username: 'admin' }, 'another-secret-another-secret', {
    subject: ids.admin,
    expiresIn: '1h',
    algorithm: 'HS256',
  });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  tokens['alg none token'] =
    `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: ids.admin, username: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
  tokens['disabled user'] = disabledToken;
}, 300_000);
afterAll(() => w?.close());

/** A general approval by the specialist: its first task belongs to the specialist's superior. */
async function approval(title: string): Promise<{ workflowId: string; task: Task }> {
  const res = await w.post('/api/approvals', { title, amountFen: 100_000 }, 'specialist');
  expect(res.status).toBe(201);
  const workflowId = res.body.workflowId as string;
  const [task] = await w.h.tasks(workflowId, (ts) => ts.some((t) => t.status === 'open'));
  expect(task!.assigneeId).toBe(ids.supervisor);
  return { workflowId, task: task! };
}

test('every operation × every identity gets exactly the access written down for it', async () => {
  const { h, api } = w;
  // ---- concrete rows
  const [p1, pDelegate, pClaim, pAdd, pWithdraw] = await Promise.all(
    ['查看与决定', '转交', '认领', '加签', '撤回'].map((t) => approval(t)),
  );
  // The withdraw probe: a process whose first step is decided, so even its submitter gets 409.
  expect((await w.decide(pWithdraw!.task, 'supervisor', 'approve')).status).toBe(200);
  await h.tasks(pWithdraw!.workflowId, (ts) => ts.some((t) => t.status === 'open' && t.id !== pWithdraw!.task.id));

  const plan = await w.post('/api/plans', { season: '2027SS', type: 'purchase', title: '权限矩阵计划', lines: [] }, 'specialist');
  expect(plan.status).toBe(201);
  const book = async (franchiseeId: string) => {
    const res = await w.post(
      '/api/bookings',
      { franchiseeId, season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'M', qty: 10 }] },
      'specialist',
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const [bookingF1, bookingF2, bookingToCancel] = [await book('F001'), await book('F002'), await book('F003')];
  const clearance = (storeId: string, user: string) =>
    w.post(
      '/api/returns',
      {
        kind: 'clearance',
        storeId,
        lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
        startsOn: '2027-06-01',
        endsOn: '2027-06-07',
        reason: '权限矩阵',
      },
      user,
    );
  const returnS1 = await clearance('S001', 'store1');
  expect(returnS1.status).toBe(201);
  const returnF1 = await w.post(
    '/api/returns',
    { kind: 'return', franchiseeId: 'F001', lines: [{ sku: '27SS-TS-001', size: 'M', qty: 1, condition: 'new' }], reason: '权限矩阵' },
    'franchisee1',
  );
  expect(returnF1.status).toBe(201);
  const inDays = (n: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days: n }).toISODate()!;
  const adjustmentS1 = await w.post(
    '/api/price-adjustments',
    {
      lines: [{ sku: '27SS-TS-001', newPriceFen: 13_900 }],
      allocationDate: inDays(10),
      arrivalDate: inDays(12),
      storeIds: ['S001'],
      reason: '权限矩阵',
    },
    'specialist',
  );
  expect(adjustmentS1.status).toBe(201);
  const freshDelegation = async () =>
    `/api/delegations/${(await h.db.delegation.create({ data: { userId: ids.follower!, delegateId: ids.manager!, startsAt: new Date(), endsAt: new Date(Date.now() + 86_400_000) } })).id}`;
  const nope = randomUUID();
  const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  const planWriters = role('supervisor', 'specialist', 'manager');
  const outsideRows = (...ws: Who[]) => or(staff, only(...ws));
  // ---- the expected access, per operation of the OpenAPI document
  const matrix: Record<string, { allowed: Rule; probe: Probe }> = {
    'GET /health': { allowed: everyone, probe: { path: '/health' } },
    'GET /api/openapi.json': { allowed: everyone, probe: { path: '/api/openapi.json' } },
    'POST /api/auth/login': { allowed: everyone, probe: { path: '/api/auth/login', body: {} } },
    'GET /metrics': { allowed: everyone, probe: { path: '/metrics' } },
    'GET /api/me': { allowed: authenticated, probe: { path: '/api/me' } },
    'PUT /api/me': { allowed: authenticated, probe: { path: '/api/me', body: {} } },
    'GET /api/info': { allowed: authenticated, probe: { path: '/api/info' } },
    'GET /api/users': { allowed: staff, probe: { path: '/api/users' } },
    'POST /api/users': { allowed: role('admin'), probe: { path: '/api/users', body: {} } },
    'GET /api/users/{id}': { allowed: staff, probe: { path: `/api/users/${ids.manager}` } },
    'PUT /api/users/{id}': { allowed: role('admin'), probe: { path: `/api/users/${ids.disabled1}`, body: {} } },
    // Master data: staff read; admin writes regions and the calendar, the manager the rest.
    ...masterData('regions', 'EAST', role('admin')),
    ...masterData('stores', 'S003', role('manager')),
    ...masterData('franchisees', 'F003', role('manager')),
    ...masterData('products', '27SS-PT-004', role('manager')),
    ...masterData('seasons', '2027SS', role('manager')),
    'GET /api/calendar-overrides': { allowed: staff, probe: { path: '/api/calendar-overrides' } },
    'POST /api/calendar-overrides': { allowed: role('admin'), probe: { path: '/api/calendar-overrides', body: {} } },
    'GET /api/calendar-overrides/{id}': { allowed: staff, probe: { path: `/api/calendar-overrides/${nope}` } },
    'PUT /api/calendar-overrides/{id}': { allowed: role('admin'), probe: { path: `/api/calendar-overrides/${nope}`, body: {} } },
    'DELETE /api/calendar-overrides/{id}': { allowed: role('admin'), probe: { path: `/api/calendar-overrides/${nope}` } },
    // The business calendar's years: staff read; the admin imports a year's official schedule.
    'GET /api/calendar/coverage': { allowed: staff, probe: { path: '/api/calendar/coverage' } },
    'GET /api/calendar/official-years': { allowed: staff, probe: { path: '/api/calendar/official-years' } },
    'POST /api/calendar/official-years/{year}': { allowed: role('admin'), probe: { path: '/api/calendar/official-years/2027', body: {} } },
    'POST /api/calendar/official-years/{year}/reschedule': {
      allowed: role('admin'),
      probe: { path: '/api/calendar/official-years/1999/reschedule' },
    },
    'GET /api/settings': { allowed: authenticated, probe: { path: '/api/settings' } },
    'GET /api/settings/{key}': { allowed: authenticated, probe: { path: '/api/settings/plan.thresholdFen' } },
    'PUT /api/settings/{key}': { allowed: role('admin'), probe: { path: '/api/settings/plan.thresholdFen', body: {} } },
    // Tasks: the assignee (or admin) decides; the submitter and managers may look.
    'GET /api/tasks': { allowed: authenticated, probe: { path: '/api/tasks' } },
    'POST /api/tasks/decisions': {
      allowed: authenticated,
      probe: { path: '/api/tasks/decisions', body: { taskIds: [p1!.task.id], decision: 'probe_only' } },
    },
    'GET /api/tasks/{id}': {
      allowed: only('specialist', 'manager', 'supervisor', 'admin'),
      probe: { path: `/api/tasks/${p1!.task.id}`, row: true },
    },
    'POST /api/tasks/{id}/decision': {
      allowed: only('supervisor', 'admin'),
      probe: { path: `/api/tasks/${p1!.task.id}/decision`, body: { decision: 'probe_only' }, row: true },
    },
    'POST /api/tasks/{id}/delegate': {
      allowed: only('supervisor', 'admin'),
      probe: { path: `/api/tasks/${pDelegate!.task.id}/delegate`, body: { toUserId: ids.follower }, row: true },
    },
    'POST /api/tasks/{id}/claim': {
      allowed: only('supervisor', 'admin'),
      probe: { path: `/api/tasks/${pClaim!.task.id}/claim`, body: {}, row: true },
    },
    'POST /api/tasks/{id}/approvers': {
      allowed: only('supervisor', 'admin'),
      probe: { path: `/api/tasks/${pAdd!.task.id}/approvers`, body: { userId: ids.follower, position: 'after' }, row: true },
    },
    // Processes: who takes part (submitter, assignee), managers and finance see; the submitter acts.
    'GET /api/processes': { allowed: authenticated, probe: { path: '/api/processes' } },
    'GET /api/processes/{workflowId}': {
      allowed: only('finance', 'specialist', 'manager', 'supervisor', 'admin'),
      probe: { path: `/api/processes/${p1!.workflowId}`, row: true },
    },
    'GET /api/processes/{workflowId}/timeline': {
      allowed: only('finance', 'specialist', 'manager', 'supervisor', 'admin'),
      probe: { path: `/api/processes/${p1!.workflowId}/timeline`, row: true },
    },
    'POST /api/processes/{workflowId}/withdraw': {
      allowed: only('specialist'),
      probe: { path: `/api/processes/${pWithdraw!.workflowId}/withdraw`, body: {}, row: true },
    },
    'POST /api/processes/{workflowId}/urge': {
      allowed: only('specialist', 'admin'),
      probe: { path: `/api/processes/${p1!.workflowId}/urge`, body: {}, row: true },
    },
    'POST /api/processes/{workflowId}/resubmit': {
      allowed: only('specialist', 'admin'),
      probe: { path: `/api/processes/${p1!.workflowId}/resubmit`, body: {}, row: true },
    },
    'POST /api/approvals': { allowed: or(staff, role('store_manager')), probe: { path: '/api/approvals', body: {} } },
    'GET /api/audit-events': { allowed: role('manager', 'general_manager', 'finance'), probe: { path: '/api/audit-events' } },
    'GET /api/delegations': { allowed: authenticated, probe: { path: '/api/delegations' } },
    'POST /api/delegations': {
      allowed: only('follower', 'admin'), // one's own out-of-office; admin for anyone
      probe: {
        path: '/api/delegations',
        body: { userId: ids.follower, delegateId: ids.manager, startsAt: later(30), endsAt: later(31) },
        row: true,
      },
    },
    'DELETE /api/delegations/{id}': { allowed: only('follower', 'admin'), probe: { path: '', row: true, fresh: freshDelegation } },
    // Plans: staff read; the owner (or admin) changes and submits.
    'GET /api/plans': { allowed: staff, probe: { path: '/api/plans' } },
    'POST /api/plans': { allowed: planWriters, probe: { path: '/api/plans', body: {} } },
    'GET /api/plans/approved': { allowed: staff, probe: { path: '/api/plans/approved?season=2027SS' } },
    'GET /api/plans/{id}': { allowed: staff, probe: { path: `/api/plans/${plan.body.id}`, row: true } },
    'PUT /api/plans/{id}': { allowed: only('specialist', 'admin'), probe: { path: `/api/plans/${plan.body.id}`, body: {}, row: true } },
    'PUT /api/plans/{id}/lines': {
      allowed: only('specialist', 'admin'),
      probe: { path: `/api/plans/${plan.body.id}/lines`, rawBody: '', row: true },
    },
    'GET /api/plans/{id}/export': { allowed: staff, probe: { path: `/api/plans/${plan.body.id}/export`, row: true } },
    'POST /api/plans/{id}/submit': {
      allowed: only('specialist', 'admin'),
      probe: { path: `/api/plans/${plan.body.id}/submit`, body: {}, row: true },
    },
    'GET /api/plans/{id}/revisions': { allowed: staff, probe: { path: `/api/plans/${plan.body.id}/revisions`, row: true } },
    'GET /api/plans/{id}/revisions/{n}': { allowed: staff, probe: { path: `/api/plans/${plan.body.id}/revisions/1`, row: true } },
    'GET /api/plans/{id}/diff': { allowed: staff, probe: { path: `/api/plans/${plan.body.id}/diff`, row: true } },
    // Bookings: staff and finance see all, a franchisee its own; finance records payments.
    'GET /api/bookings': { allowed: or(staff, role('franchisee')), probe: { path: '/api/bookings' } },
    'POST /api/bookings': { allowed: role('specialist', 'supervisor', 'manager'), probe: { path: '/api/bookings', body: {} } },
    'POST /api/bookings/import': {
      allowed: role('specialist', 'supervisor', 'manager'),
      probe: { path: '/api/bookings/import?season=2027SS', rawBody: '' },
    },
    'GET /api/bookings/summary': { allowed: staff, probe: { path: '/api/bookings/summary?season=2027SS' } },
    'GET /api/bookings/summary/export': { allowed: staff, probe: { path: '/api/bookings/summary/export?season=2027SS' } },
    'GET /api/bookings/{id}': { allowed: outsideRows('franchisee1'), probe: { path: `/api/bookings/${bookingF1}`, row: true } },
    'POST /api/bookings/{id}/payments': {
      allowed: role('finance'),
      probe: { path: `/api/bookings/${bookingF2}/payments`, body: {}, row: true },
    },
    'POST /api/bookings/{id}/cancel': {
      allowed: role('manager'),
      probe: { path: `/api/bookings/${bookingToCancel}/cancel`, body: { reason: '权限矩阵' }, row: true },
    },
    'POST /api/seasons/{code}/quotas/from-plan': {
      allowed: role('manager'),
      probe: { path: '/api/seasons/NOPE/quotas/from-plan', body: {} },
    },
    // Shipments: staff read; the follower, specialist, supervisor and manager act.
    'GET /api/shipments': { allowed: staff, probe: { path: '/api/shipments' } },
    'POST /api/shipments': {
      allowed: role('follower', 'specialist', 'supervisor', 'manager'),
      probe: { path: '/api/shipments', body: {} },
    },
    'POST /api/shipments/import': {
      allowed: role('follower', 'specialist', 'supervisor', 'manager'),
      probe: { path: '/api/shipments/import', rawBody: '' },
    },
    'GET /api/shipments/{id}': { allowed: staff, probe: { path: `/api/shipments/${nope}` } },
    'POST /api/shipments/{id}/events': {
      allowed: role('follower', 'specialist', 'supervisor', 'manager'),
      probe: { path: `/api/shipments/${nope}/events`, body: {} },
    },
    'POST /api/shipments/{id}/receipt': {
      allowed: role('follower', 'specialist', 'supervisor', 'manager'),
      probe: { path: `/api/shipments/${nope}/receipt`, body: {} },
    },
    'GET /api/reports/order-balance': { allowed: staff, probe: { path: '/api/reports/order-balance?season=2027SS' } },
    // Prices: staff and store managers read; proposers propose.
    'GET /api/price-adjustments': { allowed: or(staff, role('store_manager')), probe: { path: '/api/price-adjustments' } },
    'POST /api/price-adjustments': {
      allowed: role('specialist', 'store_lead', 'supervisor', 'manager'),
      probe: { path: '/api/price-adjustments', body: {} },
    },
    'GET /api/price-adjustments/context': {
      allowed: or(staff, role('store_manager')),
      probe: { path: '/api/price-adjustments/context?sku=27SS-TS-001' },
    },
    'GET /api/price-adjustments/{id}': {
      allowed: outsideRows('store1'),
      probe: { path: `/api/price-adjustments/${adjustmentS1.body.id}`, row: true },
    },
    'GET /api/prices': { allowed: or(staff, role('store_manager')), probe: { path: '/api/prices?sku=27SS-TS-001' } },
    // Returns: staff see all, a store manager their store's, a franchisee its own. Asking for
    // one for store S002 (with an unknown SKU, so nothing starts): its store, or the requesting staff.
    'GET /api/returns': { allowed: or(staff, role('store_manager', 'franchisee')), probe: { path: '/api/returns' } },
    'POST /api/returns': {
      allowed: or(role('specialist', 'after_sales', 'supervisor', 'manager', 'store_lead'), only('store2')),
      probe: {
        path: '/api/returns',
        body: { kind: 'return', storeId: 'S002', lines: [{ sku: 'NOPE', size: 'M', qty: 1, condition: 'new' }], reason: '权限矩阵' },
      },
    },
    'GET /api/returns/{id}': { allowed: outsideRows('store1'), probe: { path: `/api/returns/${returnS1.body.id}`, row: true } },
    'GET /api/dev/mails': { allowed: staff, probe: { path: '/api/dev/mails' } },
    ...Object.fromEntries(
      [
        'dashboard',
        'tasks',
        'escalations',
        'cycle-times',
        'prepayments',
        'delayed-shipments',
        'order-totals',
        'late-price-approvals',
        'returns',
      ].map((r) => [`GET /api/reports/${r}`, { allowed: staff, probe: { path: `/api/reports/${r}?season=2027SS` } }]),
    ),
  };

  // Every operation of the document has its row, and nothing else.
  const documented: string[] = [];
  for (const [p, item] of Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>)) {
    for (const m of Object.keys(item))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) documented.push(`${m.toUpperCase()} ${p}`);
  }
  expect(Object.keys(matrix).sort()).toEqual(documented.sort());

  // A role task narrowed to a region (the EAST supervisors): a supervisor of another region, or
  // of none, may neither see, decide nor claim it.
  const regional = await w.post(
    '/api/approvals',
    {
      title: '东区审批',
      steps: [
        {
          key: 'east_review',
          title: { 'zh-CN': '东区主管审批', en: 'East review' },
          assignees: [{ role: 'supervisor', regionId: 'EAST' }],
        },
      ],
    },
    'specialist',
  );
  expect(regional.status).toBe(201);
  const [regionTask] = await h.tasks(regional.body.workflowId, (ts) => ts.some((t) => t.status === 'open'));
  expect(regionTask).toMatchObject({ candidateRole: 'supervisor', candidateRegionId: 'EAST', assigneeId: null });
  const regionMatrix: Record<string, { allowed: Rule; probe: Probe }> = {
    'GET /api/tasks/{id} (EAST role task)': {
      allowed: only('specialist', 'supervisorEast', 'manager', 'admin'),
      probe: { path: `/api/tasks/${regionTask!.id}`, row: true },
    },
    'POST /api/tasks/{id}/decision (EAST role task)': {
      allowed: only('supervisorEast', 'admin'),
      probe: { path: `/api/tasks/${regionTask!.id}/decision`, body: { decision: 'probe_only' }, row: true },
    },
    'POST /api/tasks/{id}/claim (EAST role task)': {
      allowed: only('supervisorEast', 'admin'),
      probe: { path: `/api/tasks/${regionTask!.id}/claim`, body: {}, row: true },
    },
  };

  const mismatches: string[] = [];
  const errors: string[] = [];
  let cells = 0;
  for (const [op, { allowed, probe }] of [...Object.entries(matrix), ...Object.entries(regionMatrix)]) {
    const method = op.split(' ')[0]!;
    const call = async (who: Who) =>
      api.request(method, probe.fresh ? await probe.fresh(who) : probe.path, {
        token: tokens[who],
        body: probe.body,
        rawBody: probe.rawBody,
      });
    // Reads change nothing: all identities at once. Writes one after the other, in IDENTITIES order.
    const answers = method === 'GET' ? await Promise.all(IDENTITIES.map(call)) : [];
    for (const [i, who] of IDENTITIES.entries()) {
      const res = method === 'GET' ? answers[i]! : await call(who);
      cells++;
      if (badRequest(res)) errors.push(`${op} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      const refused = res.status === 401 || res.status === 403 || (probe.row === true && res.status === 404);
      if (refused === allowed(who))
        mismatches.push(
          `${op} as ${who}: expected ${allowed(who) ? 'allowed' : 'refused'}, got ${res.status} ${res.body?.error?.code ?? ''}`,
        );
      // Whoever has no valid token is told so with 401, before anything else.
      if ((BAD as readonly string[]).includes(who) && !allowed(who) && res.status !== 401)
        mismatches.push(`${op} as ${who}: expected 401, got ${res.status}`);
    }
  }
  console.log(
    `authorization matrix: ${Object.keys(matrix).length} operations (+${Object.keys(regionMatrix).length} on a regional task) × ${IDENTITIES.length} identities = ${cells} cells`,
  );
  expect(errors).toEqual([]);
  expect(mismatches).toEqual([]);

  // ---- row-level rules seen through lists and bulk actions
  const list = async (who: Who, path: string) => (await api.request('GET', path, { token: tokens[who] })).body as { id: string }[];
  const bookingIds = (who: Who) => list(who, '/api/bookings?range=[0,199]').then((rows) => rows.map((r) => r.id));
  expect(await bookingIds('franchisee1')).toEqual([bookingF1]);
  expect(await bookingIds('franchisee2')).toEqual([bookingF2]);
  expect(await api.request('GET', `/api/bookings/${bookingF1}`, { token: tokens.franchisee2 }).then((r) => r.status)).toBe(404);
  const returnIds = (who: Who) => list(who, '/api/returns?range=[0,199]').then((rows) => rows.map((r) => r.id));
  expect(await returnIds('store1')).toEqual([returnS1.body.id]);
  expect(await returnIds('store2')).toEqual([]);
  expect(await returnIds('franchisee1')).toEqual([returnF1.body.id]);
  expect(await returnIds('franchisee2')).toEqual([]);
  const adjustmentIds = (who: Who) => list(who, '/api/price-adjustments?range=[0,199]').then((rows) => rows.map((r) => r.id));
  expect(await adjustmentIds('store1')).toEqual([adjustmentS1.body.id]);
  expect(await adjustmentIds('store2')).toEqual([]);
  const contextStores = async (who: Who) =>
    (
      (await api.request('GET', '/api/price-adjustments/context?sku=27SS-TS-001&storeIds=S001,S002', { token: tokens[who] })).body
        .stores as { storeId: string }[]
    ).map((x) => x.storeId);
  expect(await contextStores('store2')).toEqual(['S002']);
  expect(await contextStores('specialist')).toEqual(['S001', 'S002']);
  const taskIds = (who: Who) => list(who, '/api/tasks?range=[0,199]').then((rows) => rows.map((r) => r.id));
  for (const who of ['supervisor2', 'supervisorEast', 'follower', 'finance', 'store1', 'franchisee1'] as const)
    expect(await taskIds(who)).not.toContain(p1!.task.id);
  // Bulk decisions go through the same check, per task.
  for (const who of IDENTITIES.filter(authenticated)) {
    const res = await api.request('POST', '/api/tasks/decisions', {
      token: tokens[who],
      body: { taskIds: [p1!.task.id], decision: 'probe_only' },
    });
    expect({ who, code: res.body.results[0].error.code }).toEqual({
      who,
      code: ['supervisor', 'admin'].includes(who) ? 'validation_failed' : 'forbidden',
    });
  }
  // A delegated task: the delegate may now decide it, the one who handed it on no longer.
  const probeDecision = (who: Who) =>
    api.request('POST', `/api/tasks/${pDelegate!.task.id}/decision`, { token: tokens[who], body: { decision: 'probe_only' } });
  await until(
    'the delegation to reach the task row',
    () => h.db.task.findUniqueOrThrow({ where: { id: pDelegate!.task.id } }),
    (t) => t.assigneeId === ids.follower,
  );
  expect((await probeDecision('follower')).body.error.code).toBe('validation_failed');
  expect((await probeDecision('supervisor')).status).toBe(403);
  // Nothing was decided by the probes.
  const after = await until(
    'the probed task still open',
    () => h.db.task.findUniqueOrThrow({ where: { id: p1!.task.id } }),
    () => true,
  );
  expect(after.status).toBe('open');

  recordReliability({
    id: 'authz-matrix',
    kind: 'authorization',
    tried: `Every operation of the OpenAPI document (${Object.keys(matrix).length}, and 3 on a role task narrowed to one region) called by ${IDENTITIES.length} identities: the 8 demo users, a supervisor of the task's region and one of another region, another store's manager, another franchisee, no token, an expired, a forged and an alg-none token, and a disabled user's token, on concrete rows (another franchisee's booking, another store's return and price adjustment, a task of someone else)`,
    runs: cells,
    checked:
      'Each answer against the access written down per operation (allowed = not 401/403, and not 404 on an existing row); bad tokens always 401; lists and bulk decisions filtered by row',
    outcome: `${cells}/${cells} cells as expected, 0 mismatches`,
    lost: 0,
  });
});

function masterData(resource: string, id: string, writers: Rule): Record<string, { allowed: Rule; probe: Probe }> {
  const one = `/api/${resource}/{id}`;
  return {
    [`GET /api/${resource}`]: { allowed: staff, probe: { path: `/api/${resource}` } },
    [`POST /api/${resource}`]: { allowed: writers, probe: { path: `/api/${resource}`, body: {} } },
    [`GET ${one}`]: { allowed: staff, probe: { path: `/api/${resource}/${id}`, row: true } },
    [`PUT ${one}`]: { allowed: writers, probe: { path: `/api/${resource}/${id}`, body: {}, row: true } },
    [`DELETE ${one}`]: { allowed: writers, probe: { path: `/api/${resource}/NOPE-${randomUUID().slice(0, 8)}` } },
  };
}
