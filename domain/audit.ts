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
