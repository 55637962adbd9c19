// Figure 1: process start throughput. Ours: POST /api/bookings (validation, master-data checks,
// pricing, the booking rows in a transaction, the orderBooking workflow start). Bare: the
// Temporal client starting workflows/systemCheck.ts on the same server and task queue. Same
// count, same concurrency, from a quiet system.
import { systemCheck } from '../../workflows/systemCheck';
import { quiesce, waitFor, type BenchContext, type Row } from '../context';
import { createFranchisees, productPrice, productSku, SEASON } from '../data';
import { latency, pool, round } from '../util';

const LINES_PER_BOOKING = 3;
const QTY = 10;

export async function figureStart(ctx: BenchContext): Promise<Row[]> {
  const { env, sizes } = ctx;
  const n = sizes.starts;
  const conc = sizes.startConcurrency;
  const lines = (i: number) =>
    Array.from({ length: LINES_PER_BOOKING }, (_, j) => ({ sku: productSku((i + j) % 50), size: ['S', 'M', 'L'][j]!, qty: QTY }));
  const amount = (i: number) => lines(i).reduce((s, l, j) => s + BigInt(l.qty * productPrice((i + j) % 50)), 0n);
  // Quota = the order amount: within the quota, so no manager review; the statement goes out.
  const franchisees = await createFranchisees(env.db, 'S', n, amount);

  ctx.log(`  bare: ${n} × client.workflow.start(systemCheck), ${conc} in flight`);
  const bareMs: number[] = [];
  const tag = Date.now().toString(36);
  let t0 = performance.now();
  await pool(n, conc, async (i) => {
    const t = performance.now();
    const workflowId = `bench-systemcheck-${tag}-${i}`;
    await env.client.workflow.start(systemCheck, { taskQueue: env.taskQueue, workflowId, args: [{ waitMs: 1000 }] });
    bareMs.push(performance.now() - t);
    ctx.started.push(workflowId);
  });
  const bareS = (performance.now() - t0) / 1000;
  const q1 = await quiesce(ctx, 180_000);
  ctx.log(`    ${round(n / bareS)} starts/s; their work done ${round(q1.waitedS)} s later`);

  ctx.log(`  ours: ${n} × POST /api/bookings, ${conc} in flight`);
  const token = ctx.token('specialist');
  const oursMs: number[] = [];
  const workflowIds: string[] = [];
  t0 = performance.now();
  await pool(n, conc, async (i) => {
    const t = performance.now();
    const body = await ctx.api.expect(201, 'POST', '/api/bookings', {
      token,
      body: { franchiseeId: franchisees[i], season: SEASON, lines: lines(i) },
    });
    oursMs.push(performance.now() - t);
    workflowIds.push(body.workflowId as string);
  });
  const oursS = (performance.now() - t0) / 1000;
  ctx.started.push(...workflowIds);
  // Until each booking's process has sent its statement (it then waits for the payment).
  const running = await waitFor(
    () => env.db.auditEvent.count({ where: { workflowId: { in: workflowIds }, type: 'statement_sent' } }),
    (c) => c >= n,
    150_000,
    500,
  );
  const openS = (performance.now() - t0) / 1000;
  const q2 = await quiesce(ctx, 60_000);
  ctx.log(
    `    ${round(n / oursS)} starts/s; ${running.value}/${n} statements sent after ${round(openS)} s; quiet ${round(q2.waitedS)} s later`,
  );

  const bare = latency(bareMs);
  const ours = latency(oursMs);
  ctx.details.start = {
    count: n,
    concurrency: conc,
    bare: { seconds: bareS, latencyMs: bare },
    ours: { seconds: oursS, latencyMs: ours, statementsSent: running.value, allRunningAfterS: openS },
  };
  const fig = '1 process start';
  return [
    { figure: fig, metric: 'starts/s', unit: '/s', ours: n / oursS, baseline: n / bareS, baselineIs: 'client.workflow.start(systemCheck)' },
    { figure: fig, metric: 'start latency p50', unit: 'ms', ours: ours.p50, baseline: bare.p50 },
    { figure: fig, metric: 'start latency p95', unit: 'ms', ours: ours.p95, baseline: bare.p95 },
    {
      figure: fig,
      metric: 'until running (statement sent)',
      unit: 'proc/s',
      ours: running.value / openS,
      baseline: null,
      note: `${running.value}/${n} booking processes had sent their statement ${round(openS)} s after the first request`,
    },
  ];
}
