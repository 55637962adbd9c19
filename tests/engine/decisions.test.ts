// Decisions reach the workflow as Updates with validators: exactly one decision per task,
// only by who may decide, and only well-formed.
import { startEngine, step, type EngineHarness } from '../helpers/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngine();
});
afterAll(() => h?.close());

test('a second decision on the same task is refused with task_already_decided', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'approve'))).toBe('accepted');
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'reject', 'changed my mind'))).toBe('task_already_decided');
  expect(await handle.result()).toEqual({ result: 'approved' });
  const row = await h.db.task.findUniqueOrThrow({ where: { id: task!.id } });
  expect(row).toMatchObject({ status: 'done', decision: 'approve', decidedById: h.user('manager').id });
});

test('a decision by a user who may not decide is refused and changes nothing', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  for (const who of ['supervisor', 'specialist', 'finance']) {
    expect(await h.outcome(h.decide(handle, task!, who, 'approve'))).toBe('forbidden');
  }
  expect((await h.db.task.findUniqueOrThrow({ where: { id: task!.id } })).status).toBe('open');
  // The admin may act for anyone; the rightful assignee still can.
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'approve'))).toBe('accepted');
  await handle.result();
});

test('a role task is decided by a holder of the role', async () => {
  const handle = await h.start({ steps: [step('finance', [{ role: 'finance' }])] });
  const [task] = await h.tasks(handle.workflowId);
  expect(task).toMatchObject({ assigneeId: null, candidateRole: 'finance' });
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'approve'))).toBe('forbidden');
  expect(await h.outcome(h.decide(handle, task!, 'finance', 'approve'))).toBe('accepted');
  expect(await handle.result()).toEqual({ result: 'approved' });
});

test('a role task claimed by one holder becomes theirs alone', async () => {
  const handle = await h.start({ steps: [step('manager', [{ role: 'manager' }])] });
  const [task] = await h.tasks(handle.workflowId);
  const { claimUpdate } = await import('../../workflows/messages');
  const claim = (who: string) => handle.executeUpdate(claimUpdate, { args: [{ taskId: task!.id, actor: h.user(who).actor }] });
  expect(await h.outcome(claim('finance'))).toBe('forbidden');
  expect(await h.outcome(claim('manager'))).toBe('accepted');
  expect(await h.outcome(claim('admin'))).toBe('not_open'); // already claimed
  expect((await h.db.task.findUniqueOrThrow({ where: { id: task!.id } })).assigneeId).toBe(h.user('manager').id);
  await h.decide(handle, task!, 'manager', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
  expect((await h.events(handle.workflowId)).map((e) => e.type)).toContain('claimed');
});

test('malformed decisions are refused with validation_failed', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'maybe'))).toBe('validation_failed');
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'reject'))).toBe('validation_failed'); // no reason
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'send_back', '   '))).toBe('validation_failed');
  expect(await h.outcome(h.decide(handle, { ...task!, id: '00000000-0000-0000-0000-000000000000' }, 'manager', 'approve'))).toBe(
    'not_found',
  );
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'reject', '预算超标'))).toBe('accepted');
  expect(await handle.result()).toMatchObject({ result: 'rejected', reason: '预算超标', stepKey: 'manager' });
});

test('100 concurrent decisions on one task: exactly one is accepted', async () => {
  const handle = await h.start({ steps: [step('manager', [{ role: 'manager' }])] });
  const [task] = await h.tasks(handle.workflowId);
  const outcomes = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      h.outcome(h.decide(handle, task!, i % 2 ? 'manager' : 'admin', i % 3 ? 'approve' : 'reject', `#${i}`)),
    ),
  );
  expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'task_already_decided')).toHaveLength(99);
  await handle.result();
  const decided = await h.db.auditEvent.count({ where: { workflowId: handle.workflowId, type: 'decided' } });
  expect(decided).toBe(1);
});

test('withdraw (撤回) while nothing is decided ends the process and closes its tasks', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  const { withdrawUpdate } = await import('../../workflows/messages');
  const withdraw = (who: string) => handle.executeUpdate(withdrawUpdate, { args: [{ actor: h.user(who).actor, reason: '计划有变' }] });
  expect(await h.outcome(withdraw('manager'))).toBe('forbidden');
  expect(await h.outcome(withdraw('specialist'))).toBe('accepted');
  expect(await handle.result()).toEqual({ result: 'withdrawn', reason: '计划有变', byUserId: h.user('specialist').id });
  expect((await h.db.task.findUniqueOrThrow({ where: { id: task!.id } })).status).toBe('cancelled');
  expect((await h.db.processInstance.findUniqueOrThrow({ where: { workflowId: handle.workflowId } })).status).toBe('withdrawn');
});

test('withdraw is refused once an approver has decided', async () => {
  const handle = await h.start({
    steps: [step('supervisor', [{ userId: h.user('supervisor').id }]), step('manager', [{ userId: h.user('manager').id }])],
  });
  const [first] = await h.tasks(handle.workflowId);
  await h.decide(handle, first!, 'supervisor', 'approve');
  const { withdrawUpdate } = await import('../../workflows/messages');
  expect(await h.outcome(handle.executeUpdate(withdrawUpdate, { args: [{ actor: h.user('specialist').actor }] }))).toBe('already_decided');
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  await h.decide(handle, tasks[1]!, 'manager', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
});
