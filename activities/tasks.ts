// The task inbox and process rows: what the workflow engine writes for people to read.
// Every write is idempotent so a retried activity changes nothing twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { AssigneeRef, ProcessRef, RoleName, TaskState } from '../domain/approval';
import type { ProcessSettings } from '../domain/processSettings';
import type { Db } from '../lib/db/client';
import type { Prisma, Task } from '../generated/prisma/client';
import { readSettings } from '../lib/settings';

export interface CreateTaskInput {
  idempotencyKey: string;
  process: ProcessRef;
  stepKey: string;
  round: number;
  title: string;
  /** The step's title in each language, for the UI (the task title is the Chinese one). */
  stepTitle?: { 'zh-CN': string; en: string };
  assignee: AssigneeRef;
  allowedDecisions: string[];
  dueAt: string;
  /** Workflow time of creation: out-of-office periods are checked at this instant. */
  at: string;
}

export interface CreatedTask {
  task: TaskState;
  /** Set when the task was routed to a delegate because its assignee is out of office. */
  outOfOffice?: { fromUserId: string; toUserId: string };
}

export interface TaskAudience {
  assigneeId: string | null;
  candidateRole: RoleName | null;
  candidateRegionId: string | null;
}

export interface TaskDecision {
  taskId: string;
  decision: string;
  comment: string | null;
  byUserId: string;
  at: string;
}

/** The one write that closes an open task with its decision; a task already closed is left alone. */
export function closeTask(input: TaskDecision): Prisma.TaskUpdateManyArgs {
  return {
    where: { id: input.taskId, status: 'open' },
    data: { status: 'done', decision: input.decision, comment: input.comment, decidedById: input.byUserId, decidedAt: new Date(input.at) },
  };
}

export function toTaskState(row: Task): TaskState {
  return {
    id: row.id,
    stepKey: row.stepKey,
    round: row.round,
    title: row.title,
    assigneeId: row.assigneeId,
    candidateRole: row.candidateRole,
    candidateRegionId: row.candidateRegionId,
    allowedDecisions: row.allowedDecisions,
    dueAt: row.dueAt.toISOString(),
    status: row.status as TaskState['status'],
    escalationLevel: row.escalationLevel,
  };
}

async function superiorOf(db: Db, userId: string, levels: number): Promise<string | null> {
  let current: string | null = userId;
  for (let i = 0; i < levels && current; i++) {
    const row: { superiorId: string | null } | null = await db.user.findUnique({ where: { id: current }, select: { superiorId: true } });
    current = row?.superiorId ?? null;
  }
  return current;
}

/**
 * Active holders of a role (narrowed to a region when given), in a stable order. Admins hold
 * every role for access, not to do every role's work: they count only when nobody else does.
 */
async function roleHolders(db: Db, role: RoleName, regionId: string | null): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { active: true, roles: { has: role }, ...(regionId ? { OR: [{ regionId }, { regionId: null }] } : {}) },
    orderBy: { username: 'asc' },
    select: { id: true, roles: true },
  });
  const workers = rows.filter((r) => !r.roles.includes('admin'));
  return (workers.length ? workers : rows).map((r) => r.id);
}

/** zone: TZ_BUSINESS, recorded with the settings a run begins with (a booking's payment dates are in it). */
export function taskActivities(db: Db, zone?: string) {
  return {
    /**
     * A snapshot of the settings a process runs with, the engine's and every process's own: a
     * change applies to processes started after it. (The name is older than the process
     * settings; histories hold it.)
     */
    async loadEngineSettings(): Promise<ProcessSettings> {
      const s = await readSettings(db);
      return {
        defaultDue: s['task.defaultDue'],
        businessDays: s['task.dueInBusinessDays'],
        leadTimes: s['reminder.leadTimes'],
        reminderAtOpening: s['reminder.atOpening'],
        escalationSteps: s['escalation.steps'],
        urgeMinInterval: s['urge.minInterval'],
        booking: { reminderLeadTimes: s['booking.reminderLeadTimes'], ...(zone ? { zone } : {}) },
        shipment: { silenceTimeout: s['shipment.silenceTimeout'], escalationLadder: s['shipment.escalationLadder'] },
        goodsReturn: { transitTime: s['return.transitTime'], defectDue: s['return.defectDue'], accountingDue: s['return.accountingDue'] },
      };
    },

    async startProcess(process: ProcessRef): Promise<void> {
      await db.processInstance.upsert({
        where: { workflowId: process.workflowId },
        create: { ...process },
        update: {},
      });
    },

    async updateProcess(input: {
      workflowId: string;
      status?: string;
      round?: number;
      result?: unknown;
      ended?: boolean;
      at?: string;
    }): Promise<void> {
      await db.processInstance.update({
        where: { workflowId: input.workflowId },
        data: {
          ...(input.status ? { status: input.status } : {}),
          ...(input.round !== undefined ? { round: input.round } : {}),
          ...(input.result !== undefined ? { result: input.result as Prisma.InputJsonValue } : {}),
          ...(input.ended ? { endedAt: input.at ? new Date(input.at) : new Date() } : {}),
        },
      });
    },

    /** Creates the task row once per idempotency key, routing around an out-of-office assignee. */
    async createTask(input: CreateTaskInput): Promise<CreatedTask> {
      const existing = await db.task.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (existing) {
        return {
          task: toTaskState(existing),
          ...(existing.delegatedFromId && existing.assigneeId
            ? { outOfOffice: { fromUserId: existing.delegatedFromId, toUserId: existing.assigneeId } }
            : {}),
        };
      }
      let assigneeId: string | null = null;
      let candidateRole: RoleName | null = null;
      let candidateRegionId: string | null = null;
      const a = input.assignee;
      if ('userId' in a) assigneeId = a.userId;
      else if ('role' in a) {
        candidateRole = a.role;
        candidateRegionId = a.regionId ?? null;
      } else {
        assigneeId = await superiorOf(db, input.process.submitterId, a.levels ?? 1);
        // Nobody above the submitter: the merchandise manager's role takes the step.
        if (!assigneeId) candidateRole = 'manager';
      }
      if (assigneeId) {
        const user = await db.user.findUnique({ where: { id: assigneeId }, select: { active: true } });
        if (!user?.active) {
          throw ApplicationFailure.nonRetryable(`assignee ${assigneeId} does not exist or is disabled`, 'no_assignee');
        }
      }
      let outOfOffice: CreatedTask['outOfOffice'];
      if (assigneeId) {
        const at = new Date(input.at);
        const away = await db.delegation.findFirst({
          where: { userId: assigneeId, startsAt: { lte: at }, endsAt: { gt: at }, delegate: { active: true } },
          orderBy: { createdAt: 'desc' },
        });
        if (away) {
          outOfOffice = { fromUserId: assigneeId, toUserId: away.delegateId };
          assigneeId = away.delegateId;
        }
      }
      try {
        const row = await db.task.create({
          data: {
            idempotencyKey: input.idempotencyKey,
            processType: input.process.processType,
            processId: input.process.processId,
            workflowId: input.process.workflowId,
            stepKey: input.stepKey,
            round: input.round,
            title: input.title,
            assigneeId,
            candidateRole,
            candidateRegionId,
            allowedDecisions: input.allowedDecisions,
            dueAt: new Date(input.dueAt),
            createdAt: new Date(input.at),
            delegatedFromId: outOfOffice?.fromUserId ?? null,
            data: input.stepTitle ? { stepTitle: input.stepTitle } : {},
          },
        });
        return { task: toTaskState(row), ...(outOfOffice ? { outOfOffice } : {}) };
      } catch (err) {
        // A concurrent attempt with the same key won: return its row.
        const again = await db.task.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
        if (again) return { task: toTaskState(again) };
        throw err;
      }
    },

    /** Runs that began before decisions were written with their timeline entry (decideTask) still call this. */
    async completeTask(input: TaskDecision): Promise<void> {
      await db.task.updateMany(closeTask(input));
    },

    async cancelTasks(input: { taskIds: string[]; at: string }): Promise<void> {
      if (!input.taskIds.length) return;
      await db.task.updateMany({
        where: { id: { in: input.taskIds }, status: 'open' },
        data: { status: 'cancelled', decidedAt: new Date(input.at) },
      });
    },

    /** Hands an open task to another user (delegation, claim, escalation). */
    async reassignTask(input: { taskId: string; toUserId: string; fromUserId: string | null; escalationLevel?: number }): Promise<void> {
      await db.task.updateMany({
        where: { id: input.taskId, status: 'open' },
        data: {
          assigneeId: input.toUserId,
          delegatedFromId: input.fromUserId,
          ...(input.escalationLevel !== undefined ? { escalationLevel: input.escalationLevel } : {}),
        },
      });
    },

    async markEscalated(input: { taskId: string; level: number }): Promise<void> {
      await db.task.updateMany({ where: { id: input.taskId, status: 'open' }, data: { escalationLevel: input.level } });
    },

    /**
     * Whom an overdue task escalates to: the assignee's superior. For a role task nobody has
     * claimed: the superior of the role's holders (the first who is not a holder too), else
     * the merchandise manager.
     */
    async resolveEscalationTarget(task: TaskAudience): Promise<{ userId: string } | null> {
      if (task.assigneeId) {
        const up = await superiorOf(db, task.assigneeId, 1);
        return up ? { userId: up } : null;
      }
      const holders = task.candidateRole ? await roleHolders(db, task.candidateRole, task.candidateRegionId) : [];
      for (const holder of holders) {
        const up = await superiorOf(db, holder, 1);
        if (up && !holders.includes(up)) return { userId: up };
      }
      const manager = (await roleHolders(db, 'manager', null)).find((id) => !holders.includes(id));
      return manager ? { userId: manager } : null;
    },

    /** The users a task's mail goes to: its assignee, or every holder of its role. */
    async taskRecipients(task: TaskAudience): Promise<string[]> {
      if (task.assigneeId) return [task.assigneeId];
      return task.candidateRole ? roleHolders(db, task.candidateRole, task.candidateRegionId) : [];
    },

    /** cc (抄送) and other references resolved to users. */
    async resolveUsers(input: { refs: AssigneeRef[]; submitterId: string }): Promise<string[]> {
      const ids = new Set<string>();
      for (const ref of input.refs) {
        if ('userId' in ref) ids.add(ref.userId);
        else if ('role' in ref) for (const id of await roleHolders(db, ref.role, ref.regionId ?? null)) ids.add(id);
        else {
          const up = await superiorOf(db, input.submitterId, ref.levels ?? 1);
          if (up) ids.add(up);
        }
      }
      return [...ids];
    },
  };
}
