// A task's life: opened (row, timeline, mail, watch), decided (row and timeline in one
// write), or closed without a decision; and when the decisions settle a step.
import { condition, workflowInfo } from '@temporalio/workflow';
import { BASE_DECISIONS, type Actor, type AssigneeRef, type Deadlines, type StepSpec, type TaskState } from '../../domain/approval';
import { TaskDeadlines } from './deadlines';
import { refuse } from './refuse';
import { REVISE_STEP, type StepOutcome } from './types';
import { withoutNull } from './withoutNull';
import { writes as acts } from './writes';

export abstract class TaskLifecycle extends TaskDeadlines {
  protected settle(tasks: TaskState[], mode: 'all' | 'any'): StepOutcome | undefined {
    if (this.pendingAdds > 0) return undefined;
    const live = tasks.filter((t) => t.status !== 'cancelled');
    const decided = live.filter((t) => t.status === 'done');
    if (decided.some((t) => !this.persisted.has(t.id))) return undefined;
    const first = (d: string) => decided.find((t) => t.decision?.decision === d);
    const rejected = first('reject');
    if (rejected) return { kind: 'rejected', task: rejected };
    const sentBack = first('send_back');
    if (sentBack) return { kind: 'sent_back', task: sentBack };
    const custom = decided.find((t) => !BASE_DECISIONS.includes(t.decision!.decision as (typeof BASE_DECISIONS)[number]));
    if (custom) return { kind: 'decided', decision: custom.decision!.decision, task: custom };
    if (mode === 'any') return decided.length > 0 ? { kind: 'approved' } : undefined;
    return live.length > 0 && decided.length === live.length ? { kind: 'approved' } : undefined;
  }

  /**
   * Opens one task of a step: its deadlines, row and timeline entries in one activity, then
   * its mail and its watch. Its due time is the step's (dueOf): an absolute `dueAt` exactly,
   * else its duration from this moment of the workflow's clock. `legacyDeadlines`: computed
   * beforehand, for runs on older code.
   */
  protected async openTask(step: StepSpec, assignee: AssigneeRef, slot: string, legacyDeadlines?: Deadlines): Promise<TaskState> {
    const { workflowId, runId } = workflowInfo();
    const spec = {
      idempotencyKey: `${workflowId}:${runId}:${step.key}:${this.round}:${slot}`,
      process: this.process,
      stepKey: step.key,
      round: this.round,
      title: `${step.title['zh-CN']} · ${this.process.title}`,
      stepTitle: step.title,
      assignee,
      allowedDecisions: step.decisions ?? [...BASE_DECISIONS],
      at: this.now(),
    };
    let task: TaskState;
    let deadlines: Deadlines;
    let recipients: string[];
    if (this.local) {
      if (!this.startRecorded) await condition(() => this.startRecorded);
      const opened = await acts.openTask({
        ...spec,
        deadlines: {
          ...this.dueOf(step),
          leadTimes: this.settings.leadTimes,
          escalationSteps: this.settings.escalationSteps,
          businessDays: this.settings.businessDays,
        },
        auditKeys: [this.nextAuditKey(), this.nextAuditKey()],
      });
      task = opened.task;
      deadlines = opened.deadlines;
      recipients = opened.recipients;
      this.tasks.set(task.id, task);
    } else {
      deadlines = legacyDeadlines!;
      const created = await acts.createTask({ ...spec, dueAt: deadlines.dueAt });
      task = created.task;
      this.tasks.set(task.id, task);
      await this.audit(
        'task_created',
        {},
        withoutNull({
          taskId: task.id,
          stepKey: step.key,
          round: this.round,
          assigneeId: task.assigneeId,
          candidateRole: task.candidateRole,
          candidateRegionId: task.candidateRegionId,
          dueAt: task.dueAt,
        }),
      );
      if (created.outOfOffice) {
        await this.audit(
          'delegated',
          {},
          { taskId: task.id, reason: 'out_of_office', fromUserId: created.outOfOffice.fromUserId, toUserId: created.outOfOffice.toUserId },
        );
      }
      recipients = await this.recipients(task);
    }
    const leads = step.escalate === false ? [] : this.settings.leadTimes;
    if (step.escalate === false) deadlines = { ...deadlines, reminders: [], escalations: [] };
    const taskParams = { processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, link: this.taskLink(task) };
    if (step.notice) this.send(step.notice.template, recipients, { ...step.notice.params, ...taskParams });
    else this.send('task_assigned', recipients, taskParams, { submitterName: this.process.submitterId });
    void this.watch(task, deadlines, { openedAt: spec.at, leads });
    return task;
  }

  protected async closeOpen(tasks: TaskState[], reason: string): Promise<void> {
    const open = tasks.filter((t) => t.status === 'open');
    if (!open.length) return;
    for (const t of open) t.status = 'cancelled';
    await acts.cancelTasks({ taskIds: open.map((t) => t.id), at: this.now() });
    for (const t of open) await this.audit('task_cancelled', {}, { taskId: t.id, reason });
  }

  /**
   * Decides the open tasks of a step on a person's behalf, when their act happened elsewhere
   * (a scan-in closes the scan task). Synchronous state change first, like an Update.
   */
  async decideOpen(stepKey: string, actor: Actor, decision: string, comment: string | null = null): Promise<void> {
    const open = [...this.tasks.values()].filter((t) => t.stepKey === stepKey && t.status === 'open');
    await Promise.all(open.map((t) => this.recordDecision(t, actor, decision, comment)));
  }

  protected async recordDecision(
    task: TaskState,
    actor: Actor,
    decision: string,
    comment?: string | null,
    data?: Record<string, unknown> | null,
  ): Promise<TaskState> {
    task.status = 'done';
    task.decision = {
      decision,
      comment: comment?.trim() || null,
      byUserId: actor.userId,
      byName: actor.name,
      at: this.now(),
      ...(data ? { data } : {}),
    };
    this.decisionsThisRound += 1;
    await this.persistDecision(task, actor);
    return { ...task };
  }

  /** Writes a decision: the task closed and its timeline entry, in one transaction. */
  protected async persistDecision(task: TaskState, actor: Actor): Promise<void> {
    const d = task.decision!;
    const detail = withoutNull({ taskId: task.id, stepKey: task.stepKey, decision: d.decision, comment: d.comment, data: d.data });
    const closed = { taskId: task.id, decision: d.decision, comment: d.comment, byUserId: actor.userId, at: d.at };
    if (this.local) {
      if (!this.startRecorded) await condition(() => this.startRecorded);
      const { workflowId } = workflowInfo();
      await acts.decideTask({
        ...closed,
        audit: {
          idempotencyKey: this.nextAuditKey(),
          workflowId,
          processType: this.process.processType,
          processId: this.process.processId,
          actorId: actor.userId,
          actorName: actor.name,
          detail,
        },
      });
    } else {
      await acts.completeTask(closed);
      await this.audit('decided', { actorId: actor.userId, actorName: actor.name }, detail);
    }
    this.persisted.add(task.id);
  }

  protected openTaskFor(taskId: string): TaskState {
    const task = this.tasks.get(taskId);
    if (!task) refuse('not_found', `Task ${taskId} is not part of this process`);
    if (task.status === 'done') refuse('task_already_decided', 'This task has already been decided');
    if (task.status === 'cancelled') refuse('not_open', 'This task was closed without a decision');
    return task;
  }

  /** The submitter's open revise task after a send back, as soon as the workflow holds it. */
  protected openReviseTask(): TaskState | undefined {
    return [...this.tasks.values()].find((t) => t.stepKey === REVISE_STEP && t.status === 'open');
  }
}
