// Plan approval on the time-skipping server: the chain from data, revisions through a send
// back, the plan rows at each turn, and a late manager reminded and escalated.
import type { WorkflowHandle } from '@temporalio/client';
import { buildChain } from '../../domain/chains';
import { planChainTemplate, planWorkflowId, type PlanLineInput } from '../../domain/plans';
import { resubmitUpdate, withdrawUpdate } from '../../workflows/messages';
import { planApproval } from '../../workflows/planApproval';
import { startEngine, type EngineHarness } from '../helpers/engine';

const THRESHOLD = 100_000_000; // the plan.thresholdFen default: 1,000,000 yuan
let h: EngineHarness;
beforeAll(async () => {
  h = await startEngine();
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
});
afterAll(() => h?.close());

const lines = (amountFen: number): PlanLineInput[] => [
  { category: 'T恤', regionId: 'EAST', qty: 1200, amountFen: Math.floor(amountFen / 2) },
  { category: '连衣裙', storeId: 'S002', qty: 300, amountFen: amountFen - Math.floor(amountFen / 2) },
];

/** A draft plan as the API writes it, then submitted as POST /api/plans/:id/submit does. */
async function submitPlan(owner: string, amountFen: number): Promise<{ planId: string; handle: WorkflowHandle<typeof planApproval> }> {
  const user = await h.db.user.findUniqueOrThrow({ where: { username: owner } });
  const plan = await h.db.plan.create({
    data: {
      seasonCode: '2027SS',
      type: 'purchase',
      title: `2027春夏采买计划 ${owner} ${amountFen}`,
      ownerId: user.id,
      revisions: {
        create: {
          number: 1,
          totalQty: 1500,
          totalAmountFen: BigInt(amountFen),
          lines: { create: lines(amountFen).map((l, position) => ({ ...l, position, amountFen: BigInt(l.amountFen) })) },
        },
      },
    },
  });
  const chain = buildChain(planChainTemplate(THRESHOLD, user.roles), { amountFen });
  const handle = await h.env.client.workflow.start(planApproval, {
    taskQueue: h.taskQueue,
    workflowId: planWorkflowId(plan.id),
    args: [{ planId: plan.id, title: plan.title, submitterId: user.id, seasonCode: '2027SS', chain }],
  });
  return { planId: plan.id, handle };
}

const openTasks = async (workflowId: string, n: number) =>
  (await h.tasks(workflowId, (ts) => ts.filter((t) => t.status === 'open').length === n)).filter((t) => t.status === 'open');

test('a specialist’s plan goes through two levels and is locked when approved', async () => {
  const { planId, handle } = await submitPlan('specialist', 50_000_000);
  let [task] = await openTasks(handle.workflowId, 1);
  expect(task).toMatchObject({ stepKey: 'supervisor', candidateRole: 'supervisor' });
  expect(await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
    status: 'submitted',
    workflowId: handle.workflowId,
  });
  await h.decide(handle, task!, 'supervisor', 'approve');
  [task] = await openTasks(handle.workflowId, 1).then((ts) => ts.filter((t) => t.stepKey === 'manager'));
  await h.decide(handle, task!, 'manager', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
  const plan = await h.db.plan.findUniqueOrThrow({ where: { id: planId }, include: { revisions: true } });
  expect(plan).toMatchObject({ status: 'approved', reason: null });
  expect(plan.lockedAt).toBeInstanceOf(Date);
  expect(plan.revisions.map((r) => [r.number, r.status])).toEqual([[1, 'submitted']]);
  expect(await h.db.processInstance.findUniqueOrThrow({ where: { workflowId: handle.workflowId } })).toMatchObject({
    processType: 'plan',
    seasonCode: '2027SS',
  });
});

test('above the threshold, finance and the general manager must both approve (会签)', async () => {
  const { planId, handle } = await submitPlan('supervisor', THRESHOLD + 1);
  let [task] = await openTasks(handle.workflowId, 1);
  expect(task!.stepKey).toBe('manager'); // a supervisor's own plan skips the supervisor step
  await h.decide(handle, task!, 'manager', 'approve');
  const joint = await openTasks(handle.workflowId, 2);
  expect(joint.map((t) => t.candidateRole).sort()).toEqual(['finance', 'general_manager']);
  await h.decide(
    handle,
    joint.find((t) => t.candidateRole === 'finance')!,
    'finance',
    'approve',
  );
  await new Promise((r) => setTimeout(r, 300));
  expect((await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).status).toBe('submitted');
  [task] = joint.filter((t) => t.candidateRole === 'general_manager');
  await h.decide(handle, task!, 'admin', 'approve'); // admin holds general_manager in the demo data
  expect(await handle.result()).toEqual({ result: 'approved' });
  expect((await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).status).toBe('approved');
});

test('send back → the owner revises (revision 2) → resubmit → the manager approves', async () => {
  const { planId, handle } = await submitPlan('specialist', 30_000_000);
  let [task] = await openTasks(handle.workflowId, 1);
  await h.decide(handle, task!, 'supervisor', 'approve');
  [task] = (await openTasks(handle.workflowId, 1)).filter((t) => t.stepKey === 'manager');
  await h.decide(handle, task!, 'manager', 'send_back', '连衣裙数量太少');
  await h.tasks(handle.workflowId, (ts) => ts.some((t) => t.stepKey === 'revise' && t.status === 'open'));
  expect(await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({ status: 'sent_back', reason: '连衣裙数量太少' });

  // The owner edits: the API writes revision 2 as a draft.
  const rev2 = lines(36_000_000).map((l, position) => ({ ...l, position, qty: l.qty + 100, amountFen: BigInt(l.amountFen) }));
  await h.db.plan.update({
    where: { id: planId },
    data: {
      currentRevision: 2,
      revisions: { create: { number: 2, totalQty: 1700, totalAmountFen: 36_000_000n, lines: { create: rev2 } } },
    },
  });
  await handle.executeUpdate(resubmitUpdate, { args: [{ actor: h.user('specialist').actor, comment: '已增加连衣裙' }] });

  // The chain resumes at the manager, not the supervisor.
  const resumed = await openTasks(handle.workflowId, 1).then((ts) => ts.filter((t) => t.round === 1));
  expect(resumed.map((t) => t.stepKey)).toEqual(['manager']);
  const plan = await h.db.plan.findUniqueOrThrow({ where: { id: planId }, include: { revisions: { orderBy: { number: 'asc' } } } });
  expect(plan.status).toBe('submitted');
  expect(plan.revisions.map((r) => [r.number, r.status, r.comment])).toEqual([
    [1, 'submitted', null],
    [2, 'submitted', '已增加连衣裙'],
  ]);
  await h.decide(handle, resumed[0]!, 'manager', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
  expect((await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).status).toBe('approved');
});

test('rejected: the plan ends with the reason', async () => {
  const { planId, handle } = await submitPlan('supervisor', 10_000_000);
  const [task] = await openTasks(handle.workflowId, 1);
  await h.decide(handle, task!, 'manager', 'reject', '与销售目标不符');
  expect(await handle.result()).toMatchObject({ result: 'rejected', reason: '与销售目标不符' });
  expect(await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
    status: 'rejected',
    reason: '与销售目标不符',
    lockedAt: null,
  });
});

test('withdrawn by its owner: the plan ends with the reason', async () => {
  const { planId, handle } = await submitPlan('supervisor', 10_000_000);
  await openTasks(handle.workflowId, 1);
  await handle.executeUpdate(withdrawUpdate, { args: [{ actor: h.user('supervisor').actor, reason: '目标调整，重新编制' }] });
  expect(await handle.result()).toMatchObject({ result: 'withdrawn' });
  expect(await h.db.plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({ status: 'withdrawn', reason: '目标调整，重新编制' });
});

test('a late manager is reminded, then escalated to their superior, who decides', async () => {
  await h.settings({
    'task.defaultDue': 'P1D',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': ['PT2H'],
    'escalation.steps': ['P1D', 'P2D'],
  });
  try {
    const { handle } = await submitPlan('supervisor', 10_000_000);
    const [task] = await openTasks(handle.workflowId, 1);
    await h.env.sleep(3 * 24 * 3600_000 + 60_000);
    const events = await h.events(handle.workflowId, (es) => es.filter((e) => e.type === 'escalated').length === 2);
    expect(events.filter((e) => e.type === 'reminder_sent').map((e) => e.detail)).toEqual([
      { taskId: task!.id, lead: 'PT2H', to: [h.user('manager').id] },
    ]);
    expect(
      events
        .filter((e) => e.type === 'escalated')
        .map((e) => [
          (e.detail as { level: number }).level,
          (e.detail as { action: string }).action,
          (e.detail as { toUserId: string }).toUserId,
        ]),
    ).toEqual([
      [1, 'notified', h.user('admin').id],
      [2, 'reassigned', h.user('admin').id],
    ]);
    expect(await h.outcome(h.decide(handle, task!, 'manager', 'approve'))).toBe('forbidden'); // it is the superior's now
    await h.decide(handle, task!, 'admin', 'approve');
    expect(await handle.result()).toEqual({ result: 'approved' });
  } finally {
    await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
  }
});
