// The write of a task whose due time the business calendar moved (workflows/engine/reschedule.ts):
// the new due time and its timeline entry, together or not at all; a retry writes nothing twice.
import type { AuditEventInput } from '../domain/audit';
import type { Db } from '../lib/db/client';
import { auditRow } from './audit';

export interface RescheduleTaskInput {
  taskId: string;
  /** The new due time (ISO-8601). */
  dueAt: string;
  /** The `due_rescheduled` entry (detail: taskId, oldDueAt, newDueAt, reason, year). */
  audit: Omit<AuditEventInput, 'type'> & { at: string };
}

export function rescheduleActivities(db: Db) {
  return {
    /** Moves an open task's due time and records it on the timeline, in one transaction. */
    async rescheduleTask(input: RescheduleTaskInput): Promise<void> {
      await db.$transaction([
        db.task.updateMany({ where: { id: input.taskId, status: 'open' }, data: { dueAt: new Date(input.dueAt) } }),
        db.auditEvent.createMany({ data: [auditRow({ ...input.audit, type: 'due_rescheduled' })], skipDuplicates: true }),
      ]);
    },
  };
}
