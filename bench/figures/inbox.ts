// Figure 3: reads over a year of history. `tasks` tasks (two per process) and `auditEvents`
// audit events are loaded with set-based SQL (INSERT … SELECT generate_series). Ours: the API
// request, timed from the client. Bare: the very statements the request ran (captured from
// Prisma's query log through a second instance of the same app) replayed over pg, one after
// the other as the request runs them. Plus EXPLAIN ANALYZE of each: the indexes used.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createApp } from '../../api/app';
import { PrismaClient } from '../../generated/prisma/client';
import { quiesce, type BenchContext, type Row } from '../context';
import { apiClient, latency, round } from '../util';

const HIST_USERS = 200;
const AUDIT_CHUNK = 250_000;

interface Statement {
  query: string;
  params: unknown[];
}

interface QuerySpec {
  key: string;
  label: string;
  user: string;
  path: string;
}

export async function loadHistory(ctx: BenchContext): Promise<Record<string, number>> {
  const { sizes } = ctx;
  const processes = Math.ceil(sizes.tasks / 2);
  const client = new pg.Client({ connectionString: ctx.env.databaseUrl });
  await client.connect();
  const timings: Record<string, number> = {};
  const timed = async (name: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await client.query(sql, params);
    timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
  };
  // Bulk-load practice: the non-unique indexes of the two big tables are dropped for the load
  // and built again after it, from their own definitions (unique ones stay: the worker's
  // idempotent writes rely on them).
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN ('Task', 'AuditEvent') AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  try {
    for (const i of indexes) await timed('indexes', `DROP INDEX "${i.name}"`);
    await timed(
      'users',
      `INSERT INTO "User" (id, username, name, email, "passwordHash", roles, "regionId", "updatedAt")
       SELECT gen_random_uuid(), 'hist' || g, '历史用户 ' || g, 'hist' || g || '@example.com', 'x',
              ARRAY[(ARRAY['specialist','supervisor','follower','finance','store_manager'])[1 + g % 5]]::"Role"[],
              (ARRAY['EAST','SOUTH','NORTH'])[1 + g % 3], now()
       FROM generate_series(1, $1::int) g`,
      [HIST_USERS],
    );
    // A process per two tasks; one in ten still running. Submitters and assignees are spread
    // over every user, the demo users included, so a demo user's inbox is a realistic share.
    await timed(
      'processes',
      `WITH u AS (SELECT array_agg(id ORDER BY username) AS a, count(*)::int AS n FROM "User")
       INSERT INTO "ProcessInstance" ("workflowId", "processType", "processId", title, "seasonCode", "submitterId", status, "startedAt", "endedAt")
       SELECT 'hist-' || g, (ARRAY['approval','plan','booking','shipment','price','return'])[1 + g % 6], g::text, '历史流程 ' || g, '2027SS',
              u.a[1 + (g * 7) % u.n], CASE WHEN g % 10 = 0 THEN 'running' ELSE 'approved' END,
              now() - make_interval(days => g % 365, mins => g % 1440),
              CASE WHEN g % 10 = 0 THEN NULL ELSE now() - make_interval(days => g % 365) + interval '2 days' END
       FROM generate_series(0, $1::int - 1) g, u`,
      [processes],
    );
    // Task 2p is the first step (done); 2p+1 the second: open in running processes, half of
    // those a role task (no assignee) for one of five roles.
    await timed(
      'tasks',
      `WITH u AS (SELECT array_agg(id ORDER BY username) AS a, count(*)::int AS n FROM "User")
       INSERT INTO "Task" (id, "idempotencyKey", "processType", "processId", "workflowId", "stepKey", round, title, status,
                           "assigneeId", "candidateRole", "allowedDecisions", "dueAt", "createdAt", "decidedAt", "decidedById", decision)
       SELECT gen_random_uuid(), 'hist-' || g, (ARRAY['approval','plan','booking','shipment','price','return'])[1 + p % 6], p::text,
              'hist-' || p, 'step' || (g % 2), 0, '历史任务 ' || g, CASE WHEN open THEN 'open' ELSE 'done' END,
              CASE WHEN role THEN NULL ELSE u.a[1 + (g * 13) % u.n] END,
              CASE WHEN role THEN (ARRAY['supervisor','manager','finance','specialist','follower'])[1 + (p / 20) % 5]::"Role" END,
              '{approve,reject,send_back}', started + interval '2 days', started,
              CASE WHEN open THEN NULL ELSE started + interval '1 day' END,
              CASE WHEN open THEN NULL ELSE u.a[1 + (g * 13) % u.n] END,
              CASE WHEN open THEN NULL ELSE 'approve' END
       FROM (SELECT g, g / 2 AS p, (g % 2 = 1 AND (g / 2) % 10 = 0) AS open, (g % 2 = 1 AND (g / 2) % 20 = 0) AS role,
                    now() - make_interval(days => (g / 2) % 365, mins => (g / 2) % 1440) AS started
             FROM generate_series(0, $1::int - 1) g) s, u`,
      [processes * 2],
    );
    for (let lo = 0; lo < sizes.auditEvents; lo += AUDIT_CHUNK) {
      const hi = Math.min(sizes.auditEvents, lo + AUDIT_CHUNK) - 1;
      await timed(
        'auditEvents',
        `INSERT INTO "AuditEvent" ("workflowId", "processType", "processId", type, "actorId", detail, at)
         SELECT 'hist-' || (g % $3::int), (ARRAY['approval','plan','booking','shipment','price','return'])[1 + (g % $3::int) % 6],
                (g % $3::int)::text, (ARRAY['started','task_created','reminder_sent','decided','completed'])[1 + (g / $3::int) % 5],
                NULL, jsonb_build_object('n', g), now() - make_interval(days => (g % $3::int) % 365) + make_interval(mins => g / $3::int)
         FROM generate_series($1::int, $2::int) g`,
        [lo, hi, processes],
      );
      ctx.log(`    audit events: ${hi + 1}`);
    }
  } finally {
    for (const i of indexes) await timed('indexes', i.def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
  }
  try {
    await timed('analyze', 'ANALYZE "User", "ProcessInstance", "Task", "AuditEvent"');
  } finally {
    await client.end();
  }
  return timings;
}

/** Index and table access in a plan: "Index Scan using X", "Seq Scan on T", … */
export function planAccess(plan: string): string[] {
  const out = new Set<string>();
  for (const m of plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using| on) "?([\w]+)"?/g))
    out.add(`${m[1]} ${m[2]}`);
  return [...out];
}

export async function figureInbox(ctx: BenchContext): Promise<Row[]> {
  const { env, sizes } = ctx;
  await quiesce(ctx, 45_000);
  ctx.log(`  loading ${sizes.tasks} tasks (${Math.ceil(sizes.tasks / 2)} processes) and ${sizes.auditEvents} audit events`);
  const t0 = performance.now();
  const loadTimings = await loadHistory(ctx);
  const loadS = (performance.now() - t0) / 1000;
  ctx.log(
    `    loaded in ${round(loadS)} s (${Object.entries(loadTimings)
      .map(([k, v]) => `${k} ${round(v)} s`)
      .join(', ')})`,
  );

  // A second instance of the same app whose Prisma client logs its statements.
  const captured: Statement[] = [];
  const logDb = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.databaseUrl, max: 1 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  logDb.$on('query', (e) => captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
  const server = await new Promise<Server>((resolve) => {
    const s = createApp({ config: env.config, db: logDb, temporal: env.client, jwtSecret: env.config.jwtSecret! }).listen(
      0,
      '127.0.0.1',
      () => resolve(s),
    );
  });
  const capture = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const anyProcess = `hist-${Math.floor(Math.ceil(sizes.tasks / 2) / 3)}`;
  const queries: QuerySpec[] = [
    {
      key: 'inbox',
      label: "supervisor's inbox (mine, open)",
      user: 'supervisor',
      path: `/api/tasks?filter=${encodeURIComponent('{"mine":true,"status":"open"}')}&range=${encodeURIComponent('[0,24]')}`,
    },
    {
      key: 'managerInbox',
      label: "manager's inbox (mine, open)",
      user: 'manager',
      path: `/api/tasks?filter=${encodeURIComponent('{"mine":true,"status":"open"}')}&range=${encodeURIComponent('[0,24]')}`,
    },
    {
      key: 'allTasks',
      label: 'all tasks, first page (manager)',
      user: 'manager',
      path: `/api/tasks?range=${encodeURIComponent('[0,24]')}`,
    },
    { key: 'timeline', label: 'process timeline', user: 'manager', path: `/api/processes/${anyProcess}/timeline` },
    {
      key: 'auditTrail',
      label: 'audit trail, first page (manager)',
      user: 'manager',
      path: `/api/audit-events?range=${encodeURIComponent('[0,24]')}`,
    },
  ];
  const statements: Record<string, Statement[]> = {};
  try {
    for (const q of queries) {
      await capture.expect(200, 'GET', q.path, { token: ctx.token(q.user) }); // warm
      captured.length = 0;
      await capture.expect(200, 'GET', q.path, { token: ctx.token(q.user) });
      statements[q.key] = [...captured];
    }
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await logDb.$disconnect();
  }

  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  try {
    for (const q of queries) {
      const stmts = statements[q.key]!;
      // Explain the statements that read the history (not the token's user lookup).
      const plans: { query: string; params: unknown[]; plan: string; access: string[] }[] = [];
      for (const s of stmts) {
        if (!/"(Task|AuditEvent|ProcessInstance)"/.test(s.query)) continue;
        const r = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${s.query}`, s.params);
        const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
        plans.push({ query: s.query, params: s.params, plan, access: planAccess(plan) });
      }
      // Samples, alternating ours and bare, bounded in count and time.
      const oursMs: number[] = [];
      const bareMs: number[] = [];
      const until = Date.now() + 8_000;
      for (let i = 0; i < sizes.inboxSamples && (i < 5 || Date.now() < until); i++) {
        let t = performance.now();
        await ctx.api.expect(200, 'GET', q.path, { token: ctx.token(q.user) });
        oursMs.push(performance.now() - t);
        t = performance.now();
        for (const s of stmts) await client.query(s.query, s.params);
        bareMs.push(performance.now() - t);
      }
      const ours = latency(oursMs);
      const bare = latency(bareMs);
      results[q.key] = { label: q.label, path: q.path, oursMs: ours, bareMs: bare, statements: stmts.length, plans };
      const access = [...new Set(plans.flatMap((p) => p.access))];
      ctx.log(`    ${q.label}: p50 ${round(ours.p50)} ms (raw ${round(bare.p50)} ms); ${access.join(', ')}`);
      const main = q.key === 'inbox';
      const fig = '3 reads over history';
      rows.push({
        figure: fig,
        metric: `${q.label} p50`,
        unit: 'ms',
        ours: ours.p50,
        baseline: bare.p50,
        ...(main ? { baselineIs: `the same ${stmts.length} SQL statements over pg` } : {}),
        note: access.join(', '),
      });
      rows.push({ figure: fig, metric: `${q.label} p95`, unit: 'ms', ours: ours.p95, baseline: bare.p95 });
    }
  } finally {
    await client.end();
  }
  ctx.details.reads = {
    tasks: sizes.tasks,
    processes: Math.ceil(sizes.tasks / 2),
    auditEvents: sizes.auditEvents,
    users: HIST_USERS,
    loadSeconds: loadS,
    loadTimings,
    queries: results,
  };
  return rows;
}
