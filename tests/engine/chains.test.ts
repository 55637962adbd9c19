// Chains and modes: sequential levels, send back and resubmit, 会签 / 或签, 加签, delegation,
// out-of-office routing, cc, and the timeline a finished chain leaves.
import { DateTime } from 'luxon';
import { addApproverUpdate, delegateUpdate, resubmitUpdate } from '../../workflows/messages';
import { startEngine, step, type EngineHarness } from '../helpers/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngine();
});
afterAll(() => h?.close());

const open = <T extends { status: string }>(ts: T[]) => ts.filter((t) => t.status === 'open');

test('send back → revise → resubmit resumes the chain at the step that sent it back, and the timeline tells it all', async () => {
  const handle = await h.start({
    steps: [
      step('supervisor', [{ superiorOf: 'submitter' }]),
      step('manager', [{ role: 'manager' }]),
      step('finance', [{ role: 'finance' }]),
    ],
    cc: [{ userId: h.user('follower').id }],
  });
  let tasks = await h.tasks(handle.workflowId);
  expect(tasks[0]).toMatchObject({ stepKey: 'supervisor', assigneeId: h.user('supervisor').id, round: 0 });
  await h.decide(handle, tasks[0]!, 'supervisor', 'approve');

  tasks = await h.tasks(handle.workflowId, (ts) => ts.some((t) => t.stepKey === 'manager'));
  const managerTask = tasks.find((t) => t.stepKey === 'manager')!;
  await h.decide(handle, managerTask, 'manager', 'send_back', '女装数量偏高，请调整');

  tasks = await h.tasks(handle.workflowId, (ts) => ts.some((t) => t.stepKey === 'revise'));
  const revise = tasks.find((t) => t.stepKey === 'revise')!;
  expect(revise).toMatchObject({ assigneeId: h.user('specialist').id, allowedDecisions: ['resubmit'] });
  expect((await h.db.processInstance.findUniqueOrThrow({ where: { workflowId: handle.workflowId } })).status).toBe('sent_back');
  // Only the submitter resubmits.
  expect(await h.outcome(handle.executeUpdate(resubmitUpdate, { args: [{ actor: h.user('manager').actor }] }))).toBe('forbidden');
  expect(await h.outcome(handle.executeUpdate(resubmitUpdate, { args: [{ actor: h.user('specialist').actor, comment: '已调整' }] }))).toBe(
    'accepted',
  );

  // Round 1 starts again at the manager, not the supervisor.
  tasks = await h.tasks(handle.workflowId, (ts) => ts.some((t) => t.round === 1));
  expect(open(tasks).map((t) => [t.stepKey, t.round])).toEqual([['manager', 1]]);
  await h.decide(handle, open(tasks)[0]!, 'manager', 'approve');
  tasks = await h.tasks(handle.workflowId, (ts) => ts.some((t) => t.stepKey === 'finance'));
  await h.decide(handle, open(tasks)[0]!, 'finance', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
  expect(await h.db.processInstance.findUniqueOrThrow({ where: { workflowId: handle.workflowId } })).toMatchObject({
    status: 'approved',
    round: 1,
  });

  const events = await h.events(handle.workflowId, (es) => es.some((e) => e.type === 'notified'));
  const line = events.map((e) => [e.type, (e.detail as { stepKey?: string }).stepKey ?? null, e.actorName]);
  expect(line).toEqual([
    ['started', null, null],
    ['task_created', 'supervisor', null],
    ['decided', 'supervisor', '李主管'],
    ['task_created', 'manager', null],
    ['decided', 'manager', '王经理'],
    ['task_created', 'revise', null],
    ['decided', 'revise', '张专员'],
    ['resubmitted', null, null],
    ['task_created', 'manager', null],
    ['decided', 'manager', '王经理'],
    ['task_created', 'finance', null],
    ['decided', 'finance', '钱财务'],
    ['completed', null, null],
    ['notified', null, null],
  ]);
  expect(events[0]!.actorId).toBe(h.user('specialist').id);
  // In order of time, each with its time.
  const times = events.map((e) => e.at.getTime());
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  // The submitter heard of the send back and the result; the cc recipient of the result.
  const mails = await h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId } });
  const to = (template: string) =>
    mails
      .filter((m) => m.template === template)
      .map((m) => m.to)
      .sort();
  expect(to('task_sent_back')).toEqual(['specialist@example.com']);
  expect(to('process_result')).toEqual(['specialist@example.com']);
  expect(to('process_cc')).toEqual(['follower@example.com']);
});

test('会签 (all): the step needs every approver', async () => {
  const handle = await h.start({
    steps: [
      step('joint', [{ userId: h.user('manager').id }, { userId: h.user('finance').id }], { mode: 'all' }),
      step('last', [{ userId: h.user('admin').id }]),
    ],
  });
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  await h.decide(
    handle,
    tasks.find((t) => t.assigneeId === h.user('manager').id)!,
    'manager',
    'approve',
  );
  // Still waiting for finance: no task for the next step.
  await new Promise((r) => setTimeout(r, 500));
  expect((await h.db.task.findMany({ where: { workflowId: handle.workflowId } })).map((t) => t.stepKey)).toEqual(['joint', 'joint']);
  await h.decide(
    handle,
    tasks.find((t) => t.assigneeId === h.user('finance').id)!,
    'finance',
    'approve',
  );
  const all = await h.tasks(handle.workflowId, (ts) => ts.length === 3);
  await h.decide(
    handle,
    all.find((t) => t.stepKey === 'last')!,
    'admin',
    'approve',
  );
  expect(await handle.result()).toEqual({ result: 'approved' });
});

test('会签 (all): one rejection rejects the step and closes the other task', async () => {
  const handle = await h.start({
    steps: [step('joint', [{ userId: h.user('manager').id }, { userId: h.user('finance').id }], { mode: 'all' })],
  });
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  await h.decide(
    handle,
    tasks.find((t) => t.assigneeId === h.user('finance').id)!,
    'finance',
    'reject',
    '预付款不足',
  );
  expect(await handle.result()).toMatchObject({ result: 'rejected', reason: '预付款不足' });
  const after = await h.db.task.findMany({ where: { workflowId: handle.workflowId } });
  expect(after.map((t) => t.status).sort()).toEqual(['cancelled', 'done']);
});

test('或签 (any): one approval settles the step and closes the others', async () => {
  const handle = await h.start({
    steps: [step('either', [{ userId: h.user('manager').id }, { userId: h.user('supervisor').id }], { mode: 'any' })],
  });
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  await h.decide(
    handle,
    tasks.find((t) => t.assigneeId === h.user('supervisor').id)!,
    'supervisor',
    'approve',
  );
  expect(await handle.result()).toEqual({ result: 'approved' });
  const managerTask = await h.db.task.findUniqueOrThrow({ where: { id: tasks.find((t) => t.assigneeId === h.user('manager').id)!.id } });
  expect(managerTask.status).toBe('cancelled');
  expect(await h.outcome(h.decide(handle, managerTask, 'manager', 'approve'))).toBe('process_finished');
});

test('加签 after: an added approver gets a step of their own after the current one', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  const add = handle.executeUpdate(addApproverUpdate, {
    args: [{ taskId: task!.id, actor: h.user('manager').actor, userId: h.user('finance').id, position: 'after', comment: '请财务把关' }],
  });
  expect(await h.outcome(add)).toBe('accepted');
  await h.decide(handle, task!, 'manager', 'approve');
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  expect(tasks[1]).toMatchObject({ assigneeId: h.user('finance').id, status: 'open' });
  await h.decide(handle, tasks[1]!, 'finance', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
});

test('加签 with: an added co-approver must also approve the current step', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  await handle.executeUpdate(addApproverUpdate, {
    args: [{ taskId: task!.id, actor: h.user('manager').actor, userId: h.user('supervisor').id, position: 'with' }],
  });
  await h.decide(handle, task!, 'manager', 'approve');
  const tasks = await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  const added = tasks.find((t) => t.assigneeId === h.user('supervisor').id)!;
  expect(added).toMatchObject({ stepKey: 'manager', status: 'open' });
  await h.decide(handle, added, 'supervisor', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
});

test('delegation: the delegate may decide, the delegator no longer', async () => {
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  const delegate = (who: string, to: string) =>
    handle.executeUpdate(delegateUpdate, {
      args: [{ taskId: task!.id, actor: h.user(who).actor, toUserId: h.user(to).id, comment: '出差，请代批' }],
    });
  expect(await h.outcome(delegate('finance', 'finance'))).toBe('forbidden');
  expect(await h.outcome(delegate('manager', 'supervisor'))).toBe('accepted');
  expect(await h.db.task.findUniqueOrThrow({ where: { id: task!.id } })).toMatchObject({
    assigneeId: h.user('supervisor').id,
    delegatedFromId: h.user('manager').id,
  });
  expect(await h.outcome(h.decide(handle, task!, 'manager', 'approve'))).toBe('forbidden');
  expect(await h.outcome(h.decide(handle, task!, 'supervisor', 'approve'))).toBe('accepted');
  await handle.result();
  const delegated = (await h.events(handle.workflowId)).find((e) => e.type === 'delegated')!;
  expect(delegated).toMatchObject({
    actorId: h.user('manager').id,
    detail: { reason: 'delegation', fromUserId: h.user('manager').id, toUserId: h.user('supervisor').id },
  });
  expect(
    (await h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId, template: 'task_reassigned' } })).map((m) => m.to),
  ).toEqual(['supervisor@example.com']);
});

test('out of office: a new task for an absent user goes to their delegate', async () => {
  // The test server's clock runs ahead of the wall clock once it has skipped time.
  const now = DateTime.fromMillis(await h.env.currentTimeMs());
  await h.db.delegation.create({
    data: {
      userId: h.user('finance').id,
      delegateId: h.user('admin').id,
      startsAt: now.minus({ hours: 1 }).toJSDate(),
      endsAt: now.plus({ days: 3 }).toJSDate(),
      reason: '年假',
    },
  });
  try {
    const handle = await h.start({ steps: [step('finance', [{ userId: h.user('finance').id }])] });
    const [task] = await h.tasks(handle.workflowId);
    expect(task).toMatchObject({ assigneeId: h.user('admin').id, delegatedFromId: h.user('finance').id });
    const events = await h.events(handle.workflowId, (es) => es.some((e) => e.type === 'delegated'));
    expect(events.find((e) => e.type === 'delegated')!.detail).toMatchObject({
      reason: 'out_of_office',
      fromUserId: h.user('finance').id,
      toUserId: h.user('admin').id,
    });
    expect(await h.outcome(h.decide(handle, task!, 'finance', 'approve'))).toBe('forbidden');
    await h.decide(handle, task!, 'admin', 'approve');
    expect(await handle.result()).toEqual({ result: 'approved' });
  } finally {
    await h.db.delegation.deleteMany({ where: { userId: h.user('finance').id } });
  }
});
