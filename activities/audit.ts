import type { AuditEventInput } from '../domain/audit';
import type { Db } from '../lib/db/client';

/** An audit event as its row (written with skipDuplicates: a retry with the same key writes nothing). */
export function auditRow(event: AuditEventInput) {
  return {
    idempotencyKey: event.idempotencyKey,
    workflowId: event.workflowId,
    processType: event.processType,
    processId: event.processId,
    type: event.type,
    actorId: event.actorId ?? null,
    actorName: event.actorName ?? null,
    detail: (event.detail ?? {}) as object,
    ...(event.at ? { at: new Date(event.at) } : {}),
  };
}

export function auditActivities(db: Db) {
  return {
    /** Writes one audit event; a retry with the same idempotencyKey is a no-op. */
    async recordAuditEvent(event: AuditEventInput): Promise<void> {
      await db.auditEvent.createMany({ data: [auditRow(event)], skipDuplicates: true });
    },
  };
}
