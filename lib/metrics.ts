// GET /metrics: the engine's figures for operations, in the Prometheus text exposition format
// (version 0.0.4), written by hand. Every value is counted from the database at scrape time, so
// any number of API processes report the same figures and nothing is lost on a restart; the
// counters (…_total) only grow because the rows they count are never deleted.
import type { Db } from './db/client';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Labels; value: number }[];
}

/** A label value with backslash, double quote and line feed escaped. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** The text format: HELP and TYPE, then one line per sample. */
export function renderMetrics(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# HELP ${m.name} ${escapeHelp(m.help)}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples) {
      const labels = Object.entries(s.labels);
      const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
      lines.push(`${m.name}${text} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const PROCESS_TYPES = ['approval', 'plan', 'booking', 'shipment', 'price', 'return', 'clearance'];

/** Every known process type gets a sample (0 when none), others as they appear. */
function byType(rows: { processType: string; n: number }[]): { labels: Labels; value: number }[] {
  const types = [...new Set([...PROCESS_TYPES, ...rows.map((r) => r.processType)])];
  return types.map((t) => ({ labels: { process_type: t }, value: rows.filter((r) => r.processType === t).reduce((n, r) => n + r.n, 0) }));
}

/** The figures at `now`. */
export async function collectMetrics(db: Db, now = new Date()): Promise<Metric[]> {
  const at = now.toISOString();
  const [tasks, decisions, escalations, mail, processes, delayed] = await Promise.all([
    db.$queryRaw<{ processType: string; open: number; overdue: number }[]>`
      SELECT "processType", count(*)::int AS open, count(*) FILTER (WHERE "dueAt" < ${at}::timestamptz)::int AS overdue
      FROM "Task" WHERE status = 'open' GROUP BY "processType"`,
    db.$queryRaw<{ processType: string; decision: string; n: number }[]>`
      SELECT "processType", COALESCE(decision, '') AS decision, count(*)::int AS n
      FROM "Task" WHERE status = 'done' GROUP BY "processType", decision ORDER BY 1, 2`,
    db.$queryRaw<{ processType: string; n: number }[]>`
      SELECT "processType", count(*)::int AS n FROM "AuditEvent" WHERE type = 'escalated' GROUP BY "processType"`,
    db.$queryRaw<{ status: string; n: number }[]>`
      SELECT status, count(*)::int AS n FROM "MailMessage" GROUP BY status`,
    db.$queryRaw<{ processType: string; started: number; running: number }[]>`
      SELECT "processType", count(*)::int AS started, count(*) FILTER (WHERE status = 'running')::int AS running
      FROM "ProcessInstance" WHERE "processType" <> 'system_check' GROUP BY "processType"`,
    db.$queryRaw<{ level: number; n: number }[]>`
      SELECT "escalationLevel" AS level, count(*)::int AS n FROM "Shipment" WHERE delayed GROUP BY 1 ORDER BY 1`,
  ]);
  const mailCount = (status: string) => mail.find((m) => m.status === status)?.n ?? 0;
  return [
    {
      name: 'merch_tasks_open',
      help: 'Open tasks (human steps) per process type.',
      type: 'gauge',
      samples: byType(tasks.map((t) => ({ processType: t.processType, n: t.open }))),
    },
    {
      name: 'merch_tasks_overdue',
      help: 'Open tasks past their due time per process type.',
      type: 'gauge',
      samples: byType(tasks.map((t) => ({ processType: t.processType, n: t.overdue }))),
    },
    {
      name: 'merch_task_decisions_total',
      help: 'Tasks decided, per process type and decision (approve, reject, send_back, …).',
      type: 'counter',
      samples: decisions.map((d) => ({ labels: { process_type: d.processType, decision: d.decision }, value: d.n })),
    },
    {
      name: 'merch_escalations_total',
      help: 'Escalations (overdue tasks, delayed shipments) per process type.',
      type: 'counter',
      samples: byType(escalations),
    },
    {
      name: 'merch_mail_sent_total',
      help: 'Mails sent (or captured when no SMTP server is configured).',
      type: 'counter',
      samples: [{ labels: {}, value: mailCount('sent') }],
    },
    {
      name: 'merch_mail_failed',
      help: 'Mails whose last attempt failed (retried unless the server refused them for good).',
      type: 'gauge',
      samples: [{ labels: {}, value: mailCount('failed') }],
    },
    { name: 'merch_mail_pending', help: 'Mails not yet sent.', type: 'gauge', samples: [{ labels: {}, value: mailCount('pending') }] },
    {
      name: 'merch_workflow_starts_total',
      help: 'Business process runs (workflows) started, per process type.',
      type: 'counter',
      samples: byType(processes.map((p) => ({ processType: p.processType, n: p.started }))),
    },
    {
      name: 'merch_processes_running',
      help: 'Business process runs still running, per process type.',
      type: 'gauge',
      samples: byType(processes.map((p) => ({ processType: p.processType, n: p.running }))),
    },
    {
      name: 'merch_shipments_delayed',
      help: 'Delayed shipments per escalation level (0: not yet escalated).',
      type: 'gauge',
      samples: [0, 1, 2, 3, ...delayed.map((d) => d.level).filter((l) => l > 3)].map((level) => ({
        labels: { level: String(level) },
        value: delayed.find((d) => d.level === level)?.n ?? 0,
      })),
    },
  ];
}
