// Figure 2: decision round trip. Ours: POST /api/tasks/:id/decision by one approver, until the
// next step's task is in the next approver's inbox (GET /api/tasks?filter={"mine":true,
// "status":"open"}, what the inbox page asks). Bare: an Update to a workflow whose handler
// returns at once (bench/workflows), on the same server. One at a time, like a person.
import { quiesce, type BenchContext, type Row } from '../context';
import { sleep } from '../env';
import { benchEcho, pingUpdate, stopUpdate } from '../workflows';
import { latency, round } from '../util';

const STEPS_PER_PROCESS = 16; // POST /api/approvals takes at most 20 steps
const POLL_MS = 10;
const INBOX = `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open' }))}&range=${encodeURIComponent('[0,99]')}`;

interface InboxRow {
  id: string;
  workflowId: string;
  stepKey: string;
}

export async function figureDecision(ctx: BenchContext): Promise<Row[]> {
  const { env, sizes } = ctx;
  const approvers = ['supervisor', 'manager'];
  const inbox = async (username: string): Promise<InboxRow[]> => ctx.api.expect(200, 'GET', INBOX, { token: ctx.token(username) });
  /** Polls the inbox until the task of `workflowId` at `stepKey` is there. */
  const visible = async (username: string, workflowId: string, stepKey: string, maxMs = 60_000): Promise<InboxRow> => {
    const t0 = Date.now();
    for (;;) {
      const row = (await inbox(username)).find((r) => r.workflowId === workflowId && r.stepKey === stepKey);
      if (row) return row;
      if (Date.now() - t0 > maxMs) throw new Error(`task ${workflowId} ${stepKey} not in ${username}'s inbox after ${maxMs} ms`);
      await sleep(POLL_MS);
    }
  };

  const processes = Math.ceil(sizes.decisions / (STEPS_PER_PROCESS - 1));
  ctx.log(
    `  ours: ${sizes.decisions} decisions over ${processes} approval processes of ${STEPS_PER_PROCESS} steps (supervisor, manager, …)`,
  );
  const steps = Array.from({ length: STEPS_PER_PROCESS }, (_, i) => ({
    key: `s${i}`,
    title: { 'zh-CN': `第${i + 1}级审批`, en: `Level ${i + 1}` },
    assignees: [{ userId: ctx.userId(approvers[i % 2]!) }],
    due: 'P5D',
  }));
  const roundTrip: number[] = [];
  const postOnly: number[] = [];
  for (let p = 0; p < processes && roundTrip.length < sizes.decisions; p++) {
    const created = await ctx.api.expect(201, 'POST', '/api/approvals', {
      token: ctx.token('specialist'),
      body: { title: `基准审批 ${p}`, steps },
    });
    const workflowId = created.workflowId as string;
    ctx.started.push(workflowId);
    let task = await visible(approvers[0]!, workflowId, 's0');
    for (let i = 0; i + 1 < STEPS_PER_PROCESS && roundTrip.length < sizes.decisions; i++) {
      const t0 = performance.now();
      await ctx.api.expect(200, 'POST', `/api/tasks/${task.id}/decision`, {
        token: ctx.token(approvers[i % 2]!),
        body: { decision: 'approve' },
      });
      postOnly.push(performance.now() - t0);
      task = await visible(approvers[(i + 1) % 2]!, workflowId, `s${i + 1}`);
      roundTrip.push(performance.now() - t0);
    }
  }
  await quiesce(ctx, 60_000);

  ctx.log(`  bare: ${sizes.decisions} × executeUpdate(ping) on a workflow that answers at once`);
  const handle = await env.client.workflow.start(benchEcho, { taskQueue: ctx.bare.taskQueue, workflowId: `bench-echo-${Date.now()}` });
  ctx.started.push(handle.workflowId);
  await handle.executeUpdate(pingUpdate, { args: [-1] }); // the first workflow task is not a round trip
  const bareMs: number[] = [];
  for (let i = 0; i < sizes.decisions; i++) {
    const t0 = performance.now();
    await handle.executeUpdate(pingUpdate, { args: [i] });
    bareMs.push(performance.now() - t0);
  }
  await handle.executeUpdate(stopUpdate);

  const ours = latency(roundTrip);
  const post = latency(postOnly);
  const bare = latency(bareMs);
  ctx.details.decision = { samples: sizes.decisions, pollMs: POLL_MS, roundTripMs: ours, decisionRequestMs: post, bareUpdateMs: bare };
  ctx.log(`    ours p50 ${round(ours.p50)} ms, bare p50 ${round(bare.p50)} ms`);
  const fig = '2 decision round trip';
  const is = 'Temporal Update to a no-op handler';
  return [
    { figure: fig, metric: 'p50', unit: 'ms', ours: ours.p50, baseline: bare.p50, baselineIs: is },
    { figure: fig, metric: 'p95', unit: 'ms', ours: ours.p95, baseline: bare.p95 },
    { figure: fig, metric: 'p99', unit: 'ms', ours: ours.p99, baseline: bare.p99 },
    {
      figure: fig,
      metric: 'POST decision alone p50',
      unit: 'ms',
      ours: post.p50,
      baseline: bare.p50,
      note: 'the response to the click; the rest is the next task appearing',
    },
  ];
}
