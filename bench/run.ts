// `npm run bench`: how fast, how far, and how close to the engine's own limit. Starts the
// system (embedded defaults, or the servers at DATABASE_URL / TEMPORAL_ADDRESS), runs the
// figures, prints each beside its baseline and writes bench/results/latest.json. See
// bench/README.md for what each figure measures and the variables that size it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { BenchContext, Row, Sizes } from './context';
import { createProducts } from './data';
import { ROOT, startBenchEnv } from './env';
import { figureDecision } from './figures/decision';
import { figureImport } from './figures/import';
import { figureInbox } from './figures/inbox';
import { figureScale } from './figures/scale';
import { figureStart } from './figures/start';
import { figureUi } from './figures/ui';
import { apiClient, machine, pool, round } from './util';

const FIGURES = ['start', 'decision', 'import', 'reads', 'scale', 'ui'] as const;
type Figure = (typeof FIGURES)[number];
const PRODUCTS = 200;
const DEMO_USERS = ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'store1', 'franchisee1'];

function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number ≥ ${min}, not ${raw}`);
  return v;
}

function sizesFromEnv(): Sizes {
  return {
    starts: intEnv('BENCH_STARTS', 30, 1),
    startConcurrency: intEnv('BENCH_CONCURRENCY', 8, 1),
    decisions: intEnv('BENCH_DECISIONS', 30, 1),
    tasks: intEnv('BENCH_TASKS', 100_000, 2),
    auditEvents: intEnv('BENCH_AUDIT_EVENTS', 1_000_000, 1),
    inboxSamples: intEnv('BENCH_READ_SAMPLES', 20, 5),
    scale: intEnv('BENCH_SCALE', 10_000, 1),
    importLines: intEnv('BENCH_IMPORT_LINES', 5_000, 1),
    importFranchisees: intEnv('BENCH_IMPORT_FRANCHISEES', 50, 1),
    uiSamples: intEnv('BENCH_UI_SAMPLES', 5, 1),
  };
}

function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  return a >= 100 ? Math.round(x).toLocaleString('en-US') : a >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function table(rows: Row[]): string {
  const head = ['figure', 'metric', 'ours', 'baseline', 'ours ÷ baseline'];
  const body = rows.map((r) => [
    r.figure,
    r.metric,
    `${fmt(r.ours)} ${r.unit}`,
    r.baseline === null ? '–' : `${fmt(r.baseline)} ${r.unit}`,
    r.baseline ? `×${fmt(r.ours / r.baseline)}` : '–',
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? ' '.repeat(cols[i]! - width(c)) + c : c + ' '.repeat(cols[i]! - width(c)))).join('  ');
  const out = [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const notes = rows
    .filter((r) => r.baselineIs || r.note)
    .map((r) => `  ${r.figure} · ${r.metric}: ${[r.baselineIs && `baseline = ${r.baselineIs}`, r.note].filter(Boolean).join('; ')}`);
  return [...out, '', ...notes].join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const budgetS = intEnv('BENCH_BUDGET_S', 540, 60);
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of only) if (!FIGURES.includes(f as Figure)) throw new Error(`BENCH_ONLY: unknown figure ${f} (${FIGURES.join(', ')})`);
  const want = (f: Figure) => !only.length || only.includes(f);
  const sizes = sizesFromEnv();
  const log = (msg: string) => process.stdout.write(`[bench ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${msg}\n`);
  const host = machine();
  log(
    `machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  log(`sizes: ${JSON.stringify(sizes)}; time budget ${budgetS} s${only.length ? `; only ${only.join(', ')}` : ''}`);

  if (want('ui')) {
    // Figure 6 drives the admin UI, which the API serves from admin-ui/dist: build it when stale.
    const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure.mjs'), '--ui'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the admin UI build failed (node scripts/ensure.mjs --ui)');
  }
  log('starting the system');
  const env = await startBenchEnv(log);
  const bareQueue = `${env.taskQueue}-bare`;
  const bareWorker = await Worker.create({
    connection: env.workerConnection,
    namespace: env.namespace,
    taskQueue: bareQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => process.stderr.write(`${m}\n`) },
    }),
  });
  const bareRunning = bareWorker.run();
  const rows: Row[] = [];
  const errors: Record<string, string> = {};
  const ctx: BenchContext = {
    env,
    api: apiClient(env.apiUrl),
    token: () => '',
    userId: () => '',
    sizes,
    bare: { worker: bareWorker, taskQueue: bareQueue },
    deadline: t0 + budgetS * 1000,
    log,
    started: [],
    details: {},
  };
  try {
    log(`system up (${env.mode.database}, ${env.mode.temporal}) in ${round((Date.now() - t0) / 1000)} s; API ${env.apiUrl}`);
    const tokens = new Map(await Promise.all(DEMO_USERS.map(async (u) => [u, await ctx.api.login(u)] as const)));
    const ids = new Map(
      (await env.db.user.findMany({ where: { username: { in: DEMO_USERS } }, select: { id: true, username: true } })).map((u) => [
        u.username,
        u.id,
      ]),
    );
    ctx.token = (u) =>
      tokens.get(u) ??
      (() => {
        throw new Error(`no token for ${u}`);
      })();
    ctx.userId = (u) =>
      ids.get(u) ??
      (() => {
        throw new Error(`no user ${u}`);
      })();
    await createProducts(env.db, PRODUCTS);

    const figures: [Figure, string, () => Promise<Row[]>][] = [
      // First, on the quiet system just started: the UI's timings are not the other figures' load.
      ['ui', '6 admin UI: a fresh browser to the login form, log in to the inbox', () => figureUi(ctx)],
      ['start', '1 process start throughput', () => figureStart(ctx)],
      ['decision', '2 decision round trip', () => figureDecision(ctx)],
      ['import', '5 order-sheet import', () => figureImport(ctx, PRODUCTS)],
      ['reads', '3 inbox and history reads', () => figureInbox(ctx)],
      ['scale', '4 open processes with pending timers', () => figureScale(ctx)],
    ];
    for (const [key, title, run] of figures) {
      if (!want(key)) continue;
      log(`figure ${title}`);
      const f0 = Date.now();
      try {
        rows.push(...(await run()));
      } catch (err) {
        errors[key] = err instanceof Error ? err.message : String(err);
        log(`  FAILED: ${errors[key]}`);
      }
      log(`  (${round((Date.now() - f0) / 1000)} s)`);
    }
  } finally {
    log('stopping');
    if (env.mode.temporal === 'server') {
      // Leave nothing running on a shared server.
      await pool(ctx.started.length, 16, async (i) => {
        await env.client.workflow
          .getHandle(ctx.started[i]!)
          .terminate('benchmark finished')
          .catch(() => undefined);
      });
    }
    bareWorker.shutdown();
    await bareRunning.catch(() => undefined);
    await env.close();
  }

  const totalS = (Date.now() - t0) / 1000;
  const result = {
    at: new Date(t0).toISOString(),
    totalSeconds: totalS,
    machine: { ...host, loadAverageAtEnd: os.loadavg() },
    mode: env.mode,
    sizes,
    startupSeconds: env.startup,
    rows: rows.map((r) => ({ ...r, ratio: r.baseline ? r.ours / r.baseline : null })),
    errors,
    details: ctx.details,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(path.join(dir, 'latest.json'), json);
  writeFileSync(path.join(dir, `${result.at.replace(/[:.]/g, '-')}.json`), json);

  process.stdout.write(`\n${table(rows)}\n\n`);
  const reads = ctx.details.reads as { queries?: Record<string, { label: string; plans: { access: string[] }[] }> } | undefined;
  if (reads?.queries) {
    process.stdout.write('Query plans (EXPLAIN ANALYZE of the statements each request runs):\n');
    for (const q of Object.values(reads.queries))
      process.stdout.write(`  ${q.label}: ${[...new Set(q.plans.flatMap((p) => p.access))].join(', ') || '–'}\n`);
    process.stdout.write('\n');
  }
  process.stdout.write(
    `${env.mode.database}, ${env.mode.temporal}; ${host.cpu}, ${host.cores} cores; ${round(totalS)} s in all; bench/results/latest.json\n`,
  );
  if (Object.keys(errors).length) {
    process.stdout.write(
      `failed: ${Object.entries(errors)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
