// The inbox over HTTP: the API's codes for the engine's refusals, visibility by role,
// chains built from data, the timeline, withdraw/urge, and out-of-office.
import { startEngine, type EngineHarness } from '../helpers/engine';
import { startTestApi, type TestApi } from '../helpers/api';
import { until } from '../helpers/until';

let h: EngineHarness;
let api: TestApi;
const tokens: Record<string, string> = {};
const as = (username: string) => ({ token: tokens[username]! });

beforeAll(async () => {
  h = await startEngine();
  api = await startTestApi({
    db: h.db,
    databaseUrl: h.config.databaseUrl!,
    temporal: h.env.client,
    env: { TEMPORAL_TASK_QUEUE: h.taskQueue },
  });
  for (const u of ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'franchisee1']) tokens[u] = await api.login(u);
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

async function inbox(username: string, filter: Record<string, unknown> = { mine: true, status: 'open' }) {
  const res = await api.request('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify(filter))}`, as(username));
  expect(res.status).toBe(200);
  return res.body as { id: string; workflowId: string; stepKey: string; status: string; allowedDecisions: string[]; overdue: boolean }[];
}

async function waitInbox(username: string, workflowId: string, stepKey: string) {
  const task = (await until(
    `a ${stepKey} task for ${username}`,
    async () => (await inbox(username)).find((t) => t.workflowId === workflowId && t.stepKey === stepKey),
    Boolean,
    { timeoutMs: 5_000, intervalMs: 50 },
  ))!;
  await h.tasks(workflowId); // and the workflow knows it
  return task;
}

test('a request runs the default chain from data; decisions over HTTP get the right codes', async () => {
  const created = await api.request('POST', '/api/approvals', {
    ...as('specialist'),
    body: { title: '春季陈列道具采购', amountFen: 5_000_000 },
  });
  expect(created.status).toBe(201);
  const wf = created.body.workflowId as string;
  expect(created.body).toMatchObject({ processType: 'approval', status: 'running', submitterName: '张专员' });

  const first = await waitInbox('supervisor', wf, 'supervisor');
  expect(first).toMatchObject({
    status: 'open',
    allowedDecisions: ['approve', 'reject', 'send_back'],
    overdue: false,
    stepTitle: { 'zh-CN': '上级审批', en: 'Superior approval' },
  });
  const decide = (who: string, body: unknown) => api.request('POST', `/api/tasks/${first.id}/decision`, { ...as(who), body });

  expect((await decide('finance', { decision: 'approve' })).status).toBe(403);
  const bad = await decide('supervisor', { decision: 'maybe' });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details).toHaveProperty('decision');
  const noReason = await decide('supervisor', { decision: 'reject' });
  expect(noReason).toMatchObject({ status: 422, body: { error: { code: 'validation_failed', details: { comment: expect.any(String) } } } });
  expect((await decide('supervisor', { decision: 'approve', comment: 42 })).status).toBe(422);
  const ok = await decide('supervisor', { decision: 'approve', comment: '同意' });
  expect(ok).toMatchObject({ status: 200, body: { status: 'done', decision: 'approve', comment: '同意' } });
  const again = await decide('supervisor', { decision: 'approve' });
  expect(again).toMatchObject({ status: 409, body: { error: { code: 'task_already_decided' } } });

  // The manager's step is a role task; below the threshold there is no finance step.
  const second = await waitInbox('manager', wf, 'manager');
  expect((await api.request('GET', `/api/tasks/${second.id}`, as('franchisee1'))).status).toBe(403);
  expect((await api.request('GET', `/api/tasks/${second.id}`, as('specialist'))).status).toBe(200); // the submitter follows it
  const delegateBad = await api.request('POST', `/api/tasks/${second.id}/delegate`, {
    ...as('manager'),
    body: { toUserId: '00000000-0000-0000-0000-000000000000' },
  });
  expect(delegateBad).toMatchObject({ status: 422, body: { error: { details: { toUserId: expect.any(String) } } } });
  const delegated = await api.request('POST', `/api/tasks/${second.id}/delegate`, {
    ...as('manager'),
    body: { toUserId: h.user('finance').id, comment: '请代批' },
  });
  expect(delegated).toMatchObject({ status: 200, body: { assigneeId: h.user('finance').id } });
  expect((await inbox('finance')).map((t) => t.id)).toContain(second.id);
  expect((await api.request('POST', `/api/tasks/${second.id}/decision`, { ...as('finance'), body: { decision: 'approve' } })).status).toBe(
    200,
  );

  const handle = h.env.client.workflow.getHandle(wf);
  expect(await handle.result()).toEqual({ result: 'approved' });
  const proc = await api.request('GET', `/api/processes/${wf}`, as('specialist'));
  expect(proc.body).toMatchObject({ status: 'approved', title: '春季陈列道具采购' });

  const timeline = await api.request('GET', `/api/processes/${wf}/timeline`, as('specialist'));
  expect(timeline.status).toBe(200);
  expect(timeline.body.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
    ['started', '张专员'],
    ['task_created', 'system'],
    ['decided', '李主管'],
    ['task_created', 'system'],
    ['delegated', '王经理'],
    ['decided', '钱财务'],
    ['completed', 'system'],
  ]);
  expect(timeline.body.every((e: { at: string }) => /^\d{4}-\d{2}-\d{2}T.*Z$/.test(e.at))).toBe(true);
  expect((await api.request('GET', `/api/processes/${wf}/timeline`, as('franchisee1'))).status).toBe(403);
});

test('above the plan threshold the chain adds finance', async () => {
  const created = await api.request('POST', '/api/approvals', { ...as('specialist'), body: { title: '大额采购', amountFen: 200_000_000 } });
  const wf = created.body.workflowId as string;
  const [first] = await h.tasks(wf);
  await h.decide(h.env.client.workflow.getHandle(wf), first!, 'supervisor', 'approve');
  const manager = await waitInbox('manager', wf, 'manager');
  await api.request('POST', `/api/tasks/${manager.id}/decision`, { ...as('manager'), body: { decision: 'approve' } });
  const finance = await waitInbox('finance', wf, 'finance');
  expect(finance.stepKey).toBe('finance');
  await api.request('POST', `/api/tasks/${finance.id}/decision`, { ...as('finance'), body: { decision: 'approve' } });
  expect(await h.env.client.workflow.getHandle(wf).result()).toEqual({ result: 'approved' });
});

test('bad approval requests are refused with 422 naming the field, and start nothing', async () => {
  const before = await h.db.processInstance.count();
  const cases: [unknown, string][] = [
    [{}, 'title'],
    [{ title: 'x', amountFen: 12.5 }, 'amountFen'],
    [{ title: 'x', amountFen: -1 }, 'amountFen'],
    [{ title: 'x', steps: [{ key: 'a', title: { 'zh-CN': 'a', en: 'a' }, assignees: [] }] }, 'steps.0.assignees'],
    [{ title: 'x', steps: [{ key: 'a', title: { 'zh-CN': 'a', en: 'a' }, assignees: [{ role: 'emperor' }] }] }, 'steps.0.assignees.0'],
    [
      { title: 'x', steps: [{ key: 'a', title: { 'zh-CN': 'a', en: 'a' }, assignees: [{ role: 'manager' }], due: '2 days' }] },
      'steps.0.due',
    ],
  ];
  for (const [body, field] of cases) {
    const res = await api.request('POST', '/api/approvals', { ...as('specialist'), body });
    expect({ field, status: res.status }).toEqual({ field, status: 422 });
    expect(Object.keys(res.body.error.details)).toContain(field);
  }
  expect((await api.request('POST', '/api/approvals', { ...as('franchisee1'), body: { title: 'x' } })).status).toBe(403);
  expect(await h.db.processInstance.count()).toBe(before);
});

test('withdraw and urge over HTTP: only the submitter, and urging is rate-limited', async () => {
  const created = await api.request('POST', '/api/approvals', { ...as('specialist'), body: { title: '撤回测试' } });
  const wf = created.body.workflowId as string;
  await h.tasks(wf);
  const urge = () => api.request('POST', `/api/processes/${wf}/urge`, { ...as('specialist'), body: { comment: '请尽快' } });
  expect(await urge()).toMatchObject({ status: 200, body: { notified: 1 } });
  expect(await urge()).toMatchObject({ status: 429, body: { error: { code: 'urge_too_soon' } } });
  expect((await api.request('POST', `/api/processes/${wf}/withdraw`, { ...as('supervisor'), body: {} })).status).toBe(403);
  expect((await api.request('POST', `/api/processes/${wf}/withdraw`, { ...as('specialist'), body: { reason: '不需要了' } })).status).toBe(
    200,
  );
  expect(await h.env.client.workflow.getHandle(wf).result()).toMatchObject({ result: 'withdrawn', reason: '不需要了' });
  expect((await api.request('POST', `/api/processes/${wf}/withdraw`, { ...as('specialist'), body: {} })).status).toBe(409);
});

test('out-of-office periods are validated and listed; the audit trail is for managers', async () => {
  const bad = await api.request('POST', '/api/delegations', {
    ...as('manager'),
    body: { delegateId: h.user('supervisor').id, startsAt: '2027-02-10T09:00:00+08:00', endsAt: '2027-02-01T09:00:00+08:00' },
  });
  expect(bad).toMatchObject({ status: 422, body: { error: { details: { endsAt: expect.any(String) } } } });
  const self = await api.request('POST', '/api/delegations', {
    ...as('manager'),
    body: { delegateId: h.user('manager').id, startsAt: '2027-02-01T09:00:00+08:00', endsAt: '2027-02-10T09:00:00+08:00' },
  });
  expect(self.status).toBe(422);
  const forOther = await api.request('POST', '/api/delegations', {
    ...as('manager'),
    body: {
      userId: h.user('finance').id,
      delegateId: h.user('supervisor').id,
      startsAt: '2027-02-01T09:00:00+08:00',
      endsAt: '2027-02-10T09:00:00+08:00',
    },
  });
  expect(forOther.status).toBe(403);
  const ok = await api.request('POST', '/api/delegations', {
    ...as('manager'),
    body: {
      delegateId: h.user('supervisor').id,
      startsAt: '2027-02-01T09:00:00+08:00',
      endsAt: '2027-02-10T09:00:00+08:00',
      reason: '年假',
    },
  });
  expect(ok.status).toBe(201);
  const mine = await api.request('GET', '/api/delegations', as('supervisor'));
  expect(mine.body.map((d: { id: string }) => d.id)).toContain(ok.body.id);
  const byUser = (userId: string) =>
    api.request('GET', `/api/delegations?filter=${encodeURIComponent(JSON.stringify({ userId }))}`, as('manager'));
  expect((await byUser(h.user('manager').id)).body.map((d: { id: string }) => d.id)).toEqual([ok.body.id]);
  expect((await byUser(h.user('finance').id)).body).toEqual([]);
  expect((await api.request('DELETE', `/api/delegations/${ok.body.id}`, as('supervisor'))).status).toBe(403);
  expect((await api.request('DELETE', `/api/delegations/${ok.body.id}`, as('manager'))).status).toBe(200);

  const run = await h.start({ steps: [{ key: 'm', title: { 'zh-CN': '经理', en: 'Manager' }, assignees: [{ role: 'manager' }] }] });
  await h.tasks(run.workflowId); // started + task_created at least
  const audit = await api.request('GET', '/api/audit-events?range=[0,1]', as('manager'));
  expect(audit.status).toBe(200);
  expect(audit.headers.get('content-range')).toMatch(/^audit-events 0-1\/\d+$/);
  expect((await api.request('GET', '/api/audit-events', as('specialist'))).status).toBe(403);
});

test('bulk approve decides each selected task on its own and reports each result', async () => {
  const a = await api.request('POST', '/api/approvals', { ...as('specialist'), body: { title: '批量一', season: '2027SS' } });
  const b = await api.request('POST', '/api/approvals', { ...as('follower'), body: { title: '批量二' } });
  const ta = await waitInbox('supervisor', a.body.workflowId, 'supervisor');
  const tb = await waitInbox('supervisor', b.body.workflowId, 'supervisor');
  await api.request('POST', `/api/tasks/${tb.id}/decision`, { ...as('supervisor'), body: { decision: 'approve' } });

  const res = await api.request('POST', '/api/tasks/decisions', {
    ...as('supervisor'),
    body: { taskIds: [ta.id, tb.id], decision: 'approve' },
  });
  expect(res.status).toBe(200);
  expect(res.body.results).toEqual([
    { id: ta.id, ok: true },
    { id: tb.id, ok: false, error: { code: 'task_already_decided', message: expect.any(String) } },
  ]);
  const other = await api.request('POST', '/api/tasks/decisions', {
    ...as('finance'),
    body: { taskIds: [ta.id], decision: 'reject', comment: 'x' },
  });
  expect(other.body.results[0]).toMatchObject({ ok: false, error: { code: 'task_already_decided' } });
  expect(
    (await api.request('POST', '/api/tasks/decisions', { ...as('supervisor'), body: { taskIds: [], decision: 'approve' } })).status,
  ).toBe(422);

  // The season filter follows the process.
  await waitInbox('manager', a.body.workflowId, 'manager');
  const seasonalNow = await inbox('manager', { mine: true, status: 'open', season: '2027SS' });
  expect(seasonalNow.map((t) => t.workflowId)).toContain(a.body.workflowId);
  expect(seasonalNow.map((t) => t.workflowId)).not.toContain(b.body.workflowId);
  expect((await api.request('POST', '/api/approvals', { ...as('specialist'), body: { title: 'x', season: '1999XX' } })).status).toBe(422);
});

test('GET /api/info tells the UI the business zone and where the Temporal Web UI is', async () => {
  const res = await api.request('GET', '/api/info', as('specialist'));
  expect(res.body).toEqual({ temporalUiUrl: null, temporalNamespace: 'default', tzBusiness: 'Asia/Shanghai', mailCaptured: true });
});
