// Shared between workflows, activities and the API: keep it free of Node built-ins.

/** Event types of the audit trail (docs/api.md, timeline). */
export type AuditEventType =
  | 'started'
  | 'task_created'
  | 'reminder_sent'
  | 'escalated'
  | 'delegated'
  | 'decided'
  | 'notified'
  | 'completed'
  | 'withdrawn'
  | (string & {});

export interface AuditEventInput {
  /** Same key, same event: a retried activity writes it once. */
  idempotencyKey: string;
  workflowId: string;
  processType: string;
  processId: string;
  type: AuditEventType;
  actorId?: string | null;
  actorName?: string | null;
  detail?: Record<string, unknown>;
  /** ISO-8601; defaults to the time the row is written. */
  at?: string;
}

/**
 * Where a timeline entry stands in its run: the `n` of its key `<workflowId>:<runId>:<n>`, handed
 * out by the workflow in the order it writes (see Timeline.nextAuditKey); null for other keys.
 */
export function auditPosition(idempotencyKey: string | null | undefined): { run: string; n: number } | null {
  const m = idempotencyKey ? /^(.+):(\d+)$/.exec(idempotencyKey) : null;
  return m ? { run: m[1]!, n: Number(m[2]) } : null;
}

/**
 * The order of a process's timeline: by time, and at the same time (the workflow's clock stands
 * still within a workflow task) in the order the run wrote them, not the order their rows
 * landed: writes the workflow starts one after the other without waiting (a task it opens, the
 * next escalation) may commit the other way round. Then by row id, so the order is total.
 */
export function compareTimeline(
  a: { at: Date; idempotencyKey: string | null; id: bigint },
  b: { at: Date; idempotencyKey: string | null; id: bigint },
): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime) return byTime;
  const pa = auditPosition(a.idempotencyKey);
  const pb = auditPosition(b.idempotencyKey);
  if (pa && pb && pa.run === pb.run && pa.n !== pb.n) return pa.n - pb.n;
  // Entries of different runs or without a position: positioned ones first, then by row id.
  if (!pa !== !pb) return pa ? -1 : 1;
  if (pa && pb && pa.run !== pb.run) return pa.run < pb.run ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
