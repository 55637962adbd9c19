// Figure 4: many open processes waiting on timers. N approval processes (workflows/
// approvalRequest.ts on the real engine), each with one open task whose reminder is due at a
// moment spread over a window late in the run (reminder.leadTimes = PT0S: at the due time).
// Measured: the worker's memory and every process's CPU while all wait, and how late the
// reminders fire (their reminder_sent audit event, and the reminder mail queued), beside bare
// Temporal timers (bench/workflows benchTimer) firing in the same window on the same server.
// N is BENCH_SCALE (default 10,000) or, when the time left cannot hold that many, as many as
// the system opens in that time: processes are started as fast as earlier ones finish opening
// (at most IN_FLIGHT waiting), each with a due time drawn at random from the window.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { writeSetting } from '../../lib/settings';
import { approvalRequest } from '../../workflows/approvalRequest';
import { waitFor, type BenchContext, type Row } from '../context';
import { sleep } from '../env';
import { benchTimer } from '../workflows';
import { cpuSeconds, latency, pool, round, rssMiB } from '../util';

const ASSIGNEES = ['supervisor', 'manager', 'finance', 'follower', 'specialist'];
const CONCURRENCY = 16;
/** Started processes not yet open, at most: keeps the opening rate at what the system sustains. */
const IN_FLIGHT = 32;
const IDLE_S = 15;
const OPEN_MARGIN_S = 20;
/** After the window, for the last reminders to land. */
const GRACE_S = 20;
const BARE_TIMERS = 100;
/** Kept free at the end of the run for the summary and shutting down. */
const TAIL_MS = 25_000;

/** Heap after a full collection when node runs with --expose-gc (npm run bench does). */
function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function readings(ctx: BenchContext) {
  return ctx.env.processes().map((p) => ({ ...p, cpu: cpuSeconds(p.pid), rss: rssMiB(p.pid) }));
}

/** CPU of each system process over `seconds`, as % of one core. */
async function idleCpu(ctx: BenchContext, seconds: number): Promise<Record<string, number>> {
  const a = readings(ctx);
  await sleep(seconds * 1000);
  const b = readings(ctx);
  return Object.fromEntries(a.map((x, i) => [x.name, (100 * (b[i]!.cpu - x.cpu)) / seconds]));
}

export async function figureScale(ctx: BenchContext): Promise<Row[]> {
  const { env, sizes } = ctx;
  await writeSetting(env.db, 'reminder.leadTimes', ['PT0S'], null);
  await writeSetting(env.db, 'escalation.steps', ['P30D'], null);
  const users = ASSIGNEES.map((u) => ctx.userId(u));
  const submitter = ctx.userId('specialist');
  const ids: string[] = [];
  const start = (dueAt: Date, i: number) => {
    const processId = randomUUID();
    const workflowId = `approval-${processId}`;
    ids.push(workflowId);
    return env.client.workflow.start(approvalRequest, {
      taskQueue: env.taskQueue,
      workflowId,
      args: [
        {
          process: { processType: 'approval', processId, title: `规模测试 ${i}`, submitterId: submitter },
          chain: {
            steps: [
              {
                key: 'review',
                title: { 'zh-CN': '审批', en: 'Review' },
                assignees: [{ userId: users[i % users.length]! }],
                dueAt: dueAt.toISOString(),
              },
            ],
          },
        },
      ],
    });
  };
  const openCount = () => env.db.mailMessage.count({ where: { workflowId: { in: ids }, template: 'task_assigned' } });

  // Before: the system as the other figures left it.
  const before = { heap: heapMiB(), rss: rssMiB(process.pid), cpu: await idleCpu(ctx, 10) };

  // The time left, planned backwards from the end: the reminder window, the idle window before
  // it, a margin for the last ones to open; the rest is for opening processes.
  const left = (ctx.deadline - Date.now() - TAIL_MS) / 1000;
  // Reminders come due at most at ~2/3 of the rate processes were opened (a reminder is two
  // activities, opening about seven): the window gets 40 % of the time that is not margin.
  const spare = Math.max(25, left - IDLE_S - OPEN_MARGIN_S - GRACE_S);
  const windowS = Math.max(10, spare * 0.4);
  const createS = spare - windowS;
  const createUntil = Date.now() + createS * 1000;
  const windowStart = createUntil + (OPEN_MARGIN_S + IDLE_S) * 1000;
  // Due times are spread at random over the window: the count is not known in advance.
  const dueAt = () => new Date(windowStart + Math.random() * windowS * 1000);
  ctx.log(
    `  opening up to ${sizes.scale} processes for ${round(createS)} s (${IN_FLIGHT} at most not yet open), reminders due over ${round(windowS)} s`,
  );

  // Open processes as fast as the system takes them: a new one starts while fewer than
  // IN_FLIGHT started ones have not yet opened (task row and mail written), so no backlog
  // builds up that would still be opening when the reminders are due.
  const t0 = Date.now();
  let opened = 0;
  let stop = false;
  const poller = (async () => {
    while (!stop) {
      opened = await openCount();
      await sleep(500);
    }
  })();
  await pool(CONCURRENCY, CONCURRENCY, async () => {
    while (Date.now() < createUntil && ids.length < sizes.scale) {
      if (ids.length - opened >= IN_FLIGHT) {
        await sleep(100);
        continue;
      }
      await start(dueAt(), ids.length);
    }
  });
  stop = true;
  await poller;
  const total = ids.length;
  const startedS = (Date.now() - t0) / 1000;
  const bareCount = Math.min(BARE_TIMERS, total);
  const tag = Date.now().toString(36);
  const bare: WorkflowHandle<typeof benchTimer>[] = [];
  await pool(bareCount, CONCURRENCY, async (i) => {
    const workflowId = `bench-timer-${tag}-${i}`;
    bare.push(
      await env.client.workflow.start(benchTimer, {
        taskQueue: ctx.bare.taskQueue,
        workflowId,
        args: [windowStart + Math.random() * windowS * 1000],
      }),
    );
    ctx.started.push(workflowId);
  });
  ctx.started.push(...ids);
  const allOpen = await waitFor(openCount, (c) => c >= total, Math.max(1000, windowStart - Date.now() - IDLE_S * 1000), 500);
  const openS = (Date.now() - t0) / 1000;
  const n = total;
  ctx.log(
    `    ${allOpen.value}/${total} open ${round(openS)} s after the first start (${total < sizes.scale ? `time ran out before ${sizes.scale}` : 'all asked for'})`,
  );

  // Every process of the run that waits: these, and the bookings of figures 1 and 5.
  const openAll = await env.db.processInstance.count({
    where: { status: { in: ['running', 'sent_back'] }, NOT: { workflowId: { startsWith: 'hist-' } } },
  });
  // Idle: every process waits on its timer.
  const idleS = Math.max(5, Math.floor((windowStart - Date.now()) / 1000) - 1);
  const cpu = await idleCpu(ctx, idleS);
  const during = { cpu, heap: heapMiB(), rss: rssMiB(process.pid), all: readings(ctx) };
  ctx.log(
    `    idle ${idleS} s: CPU ${Object.entries(during.cpu)
      .map(([k, v]) => `${k} ${round(v)} %`)
      .join(', ')}; worker RSS ${round(during.rss)} MiB`,
  );

  // The reminders fire; wait for them (bounded by the time left).
  const reminded = () => env.db.auditEvent.count({ where: { workflowId: { in: ids }, type: 'reminder_sent' } });
  const fired = await waitFor(reminded, (c) => c >= n, Math.max(5000, ctx.deadline - TAIL_MS / 2 - Date.now()), 1000);
  const end = Date.now();
  const late = await env.db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM a.at - t."dueAt") * 1000)::float8 AS ms
    FROM "AuditEvent" a JOIN "Task" t ON t.id = (a.detail->>'taskId')::uuid
    WHERE a.type = 'reminder_sent' AND a."workflowId" = ANY(${ids})`;
  const mailLate = await env.db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM m."createdAt" - t."dueAt") * 1000)::float8 AS ms
    FROM "MailMessage" m JOIN "Task" t ON t."workflowId" = m."workflowId"
    WHERE m.template = 'task_reminder' AND m."workflowId" = ANY(${ids})`;
  // A reminder that had not fired by the end is at least (end − due) late.
  const dues = await env.db.task.findMany({ where: { workflowId: { in: ids } }, select: { dueAt: true } });
  const missing = Math.max(0, dues.length - late.length);
  const lowerBounds = dues
    .map((d) => end - d.dueAt.getTime())
    .sort((a, b) => b - a)
    .slice(0, missing);
  const ours = latency([...late.map((r) => r.ms), ...lowerBounds]);
  const mail = latency(mailLate.map((r) => r.ms));
  const bareLate: number[] = [];
  for (const h of bare) {
    const r = await Promise.race([h.result(), sleep(2000).then(() => null)]);
    bareLate.push(r ?? end - windowStart);
  }
  const bareL = latency(bareLate);
  const afterRss = rssMiB(process.pid);
  const perProcessKiB = total > 0 ? ((during.rss - before.rss) * 1024) / total : NaN;
  ctx.log(
    `    reminders: ${fired.value}/${n} fired; lateness p50 ${round(ours.p50)} ms, p99 ${round(ours.p99)} ms (bare timers p99 ${round(bareL.p99)} ms)`,
  );

  const cache = (env.worker.options as { maxCachedWorkflows?: number }).maxCachedWorkflows;
  ctx.details.scale = {
    asked: sizes.scale,
    open: openAll,
    startedHere: total,
    openingSeconds: createS,
    startsSeconds: startedS,
    allOpenAfterS: openS,
    reminders: n,
    reminderWindowS: windowS,
    remindersPerS: n / windowS,
    fired: fired.value,
    idleSeconds: idleS,
    before,
    during,
    afterReminders: { rss: afterRss },
    workerCacheSize: cache,
    latenessMs: ours,
    reminderMailQueuedLatenessMs: mail,
    bareTimers: bareCount,
    bareLatenessMs: bareL,
  };
  const fig = `4 scale (${openAll} open)`;
  const tempCpu = during.cpu['Temporal dev server'];
  return [
    {
      figure: fig,
      metric: 'worker RSS',
      unit: 'MiB',
      ours: during.rss,
      baseline: before.rss,
      baselineIs: 'the same process before they were opened',
      note: `+${round(during.rss - before.rss)} MiB, ≈${round(perProcessKiB)} KiB per open process; sticky cache holds ${cache ?? '?'} workflows`,
    },
    { figure: fig, metric: 'worker heap used', unit: 'MiB', ours: during.heap, baseline: before.heap },
    {
      figure: fig,
      metric: 'CPU while idle (API + worker)',
      unit: '% core',
      ours: during.cpu['bench (API + worker)'] ?? NaN,
      baseline: before.cpu['bench (API + worker)'] ?? NaN,
      note:
        tempCpu === undefined
          ? undefined
          : `Temporal dev server ${round(tempCpu)} % (before ${round(before.cpu['Temporal dev server'] ?? NaN)} %)`,
    },
    {
      figure: fig,
      metric: 'reminder lateness p50',
      unit: 'ms',
      ours: ours.p50,
      baseline: bareL.p50,
      baselineIs: `${bareCount} bare Temporal timers in the same window`,
    },
    {
      figure: fig,
      metric: 'reminder lateness p99',
      unit: 'ms',
      ours: ours.p99,
      baseline: bareL.p99,
      note: `${fired.value}/${n} fired, ${round(n / windowS, 2)} due per s; reminder mail queued p99 ${round(mail.p99)} ms`,
    },
    {
      figure: fig,
      metric: 'processes opened',
      unit: 'proc/s',
      ours: allOpen.value / openS,
      baseline: null,
      note: `${allOpen.value} of ${total} open ${round(openS)} s after the first was started, at most ${IN_FLIGHT} waiting to open`,
    },
  ];
}
