// The engine's writes at its three busiest moments, each one activity: a process beginning
// (its settings, its row and the 'started' entry), a task opening (its deadlines, its row, its
// timeline entries, who to tell) and a decision (the task closed and its timeline entry, in one
// transaction). One activity each instead of three to five keeps a start's and a decision's
// answer at the engine's speed; every part is idempotent, so a retry changes nothing twice.
import type { AuditEventInput } from '../domain/audit';
import type { Deadlines, ProcessRef } from '../domain/approval';
import type { ProcessSettings } from '../domain/processSettings';
import type { Db } from '../lib/db/client';
import { auditRow } from './audit';
import type { ComputeDeadlinesInput } from './calendar';
import { closeTask, type CreatedTask, type CreateTaskInput, type TaskDecision } from './tasks';

type AuditFields = Omit<AuditEventInput, 'idempotencyKey' | 'type' | 'detail' | 'at'>;

export interface OpenTaskInput extends Omit<CreateTaskInput, 'dueAt'> {
  deadlines: Omit<ComputeDeadlinesInput, 'from'>;
  /** Two keys: the task_created entry and, when an out-of-office rule routes it, the delegated one. */
  auditKeys: [string, string];
}

export interface OpenedTask extends CreatedTask {
  deadlines: Deadlines;
  /** Who the task's mail goes to: its assignee, or the holders of its role. */
  recipients: string[];
}

export interface DecideTaskInput extends TaskDecision {
  /** The 'decided' timeline entry, written in the same transaction. */
  audit: AuditFields & { idempotencyKey: string; detail: Record<string, unknown>; actorId: string; actorName: string | null };
}

export interface BeginProcessInput {
  process: ProcessRef;
  /** The 'started' timeline entry's key and time. */
  auditKey: string;
  at: string;
}

interface Deps {
  loadEngineSettings(): Promise<ProcessSettings>;
  computeDeadlines(input: ComputeDeadlinesInput): Promise<Deadlines>;
  createTask(input: CreateTaskInput): Promise<CreatedTask>;
  taskRecipients(task: {
    assigneeId: string | null;
    candidateRole: CreatedTask['task']['candidateRole'];
    candidateRegionId: string | null;
  }): Promise<string[]>;
}

/** Leaves out null and undefined fields, as the engine does for every timeline entry. */
function present(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

export function stepActivities(db: Db, deps: Deps) {
  return {
    /** The process row and its 'started' entry, in one transaction; the settings it runs with. */
    async beginProcess(input: BeginProcessInput): Promise<ProcessSettings> {
      const settings = await deps.loadEngineSettings();
      const p = input.process;
      await db.$transaction([
        db.processInstance.upsert({ where: { workflowId: p.workflowId }, create: { ...p }, update: {} }),
        db.auditEvent.createMany({
          data: [
            auditRow({
              idempotencyKey: input.auditKey,
              workflowId: p.workflowId,
              processType: p.processType,
              processId: p.processId,
              type: 'started',
              actorId: p.submitterId,
              detail: { title: p.title },
              at: input.at,
            }),
          ],
          skipDuplicates: true,
        }),
      ]);
      return settings;
    },

    async openTask(input: OpenTaskInput): Promise<OpenedTask> {
      const deadlines = await deps.computeDeadlines({ ...input.deadlines, from: input.at });
      const { deadlines: _d, auditKeys, ...create } = input;
      const created = await deps.createTask({ ...create, dueAt: deadlines.dueAt });
      const { task } = created;
      const where = { workflowId: input.process.workflowId, processType: input.process.processType, processId: input.process.processId };
      const events: AuditEventInput[] = [
        {
          ...where,
          idempotencyKey: auditKeys[0],
          type: 'task_created',
          at: input.at,
          detail: present({
            taskId: task.id,
            stepKey: input.stepKey,
            round: input.round,
            assigneeId: task.assigneeId,
            candidateRole: task.candidateRole,
            candidateRegionId: task.candidateRegionId,
            dueAt: task.dueAt,
          }),
        },
      ];
      if (created.outOfOffice) {
        events.push({
          ...where,
          idempotencyKey: auditKeys[1],
          type: 'delegated',
          at: input.at,
          detail: {
            taskId: task.id,
            reason: 'out_of_office',
            fromUserId: created.outOfOffice.fromUserId,
            toUserId: created.outOfOffice.toUserId,
          },
        });
      }
      await db.auditEvent.createMany({ data: events.map(auditRow), skipDuplicates: true });
      const recipients = await deps.taskRecipients(task);
      return { ...created, deadlines, recipients };
    },

    /** Closes the task with its decision and writes its timeline entry, together or not at all. */
    async decideTask(input: DecideTaskInput): Promise<void> {
      await db.$transaction([
        db.task.updateMany(closeTask(input)),
        db.auditEvent.createMany({ data: [auditRow({ ...input.audit, type: 'decided', at: input.at })], skipDuplicates: true }),
      ]);
    },
  };
}
