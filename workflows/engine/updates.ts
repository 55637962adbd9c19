// The Updates every process shares (decide, delegate, claim, 加签, withdraw, urge, resubmit,
// settled) and the processState Query: validators refuse synchronously, handlers change state
// before their first await, and each answers once the run is quiet (QuietAnswers.onUpdate).
import { setHandler } from '@temporalio/workflow';
import { Duration } from 'luxon';
import { COMMENT_REQUIRED, mayDecide } from '../../domain/approval';
import {
  addApproverUpdate,
  claimUpdate,
  decideUpdate,
  delegateUpdate,
  processStateQuery,
  resubmitUpdate,
  settledUpdate,
  urgeUpdate,
  withdrawUpdate,
  type ProcessStateView,
} from '../messages/engine';
import { refuse } from './refuse';
import { TaskLifecycle } from './tasks';
import { REVISE_STEP } from './types';
import { withoutNull } from './withoutNull';
import { writes as acts } from './writes';

const MAX_COMMENT = 2000;

export abstract class EngineUpdates extends TaskLifecycle {
  abstract view(): ProcessStateView;

  protected registerHandlers(): void {
    setHandler(processStateQuery, () => this.view());
    // Sent by the API right after a start: answered once the first tasks exist.
    this.onUpdate(settledUpdate, () => this.view(), { answer: () => this.view() });

    this.onUpdate(
      decideUpdate,
      ({ taskId, actor, decision, comment, data }) => this.recordDecision(this.tasks.get(taskId)!, actor, decision, comment, data),
      {
        validator: (input) => {
          const { taskId, actor, decision, comment } = input;
          const task = this.openTaskFor(taskId);
          if (!mayDecide(task, actor)) refuse('forbidden', 'This task is not yours to decide');
          if (!task.allowedDecisions.includes(decision)) {
            refuse('validation_failed', `Decision must be one of: ${task.allowedDecisions.join(', ')}`, {
              decision: `must be one of ${task.allowedDecisions.join(', ')}`,
            });
          }
          if (COMMENT_REQUIRED.has(decision) && !comment?.trim()) {
            refuse('validation_failed', `A ${decision} needs a comment`, {
              comment: decision === 'reject' ? 'give the reason' : 'say what to change',
            });
          }
          if (comment && comment.length > MAX_COMMENT)
            refuse('validation_failed', 'Comment too long', { comment: `at most ${MAX_COMMENT} characters` });
          this.hooks.validateDecision?.(task, input);
        },
      },
    );

    this.onUpdate(
      delegateUpdate,
      async ({ taskId, actor, toUserId, comment }) => {
        const task = this.tasks.get(taskId)!;
        const from = task.assigneeId;
        task.assigneeId = toUserId;
        task.candidateRole = null;
        task.candidateRegionId = null;
        await acts.reassignTask({ taskId, toUserId, fromUserId: from ?? actor.userId });
        await this.audit(
          'delegated',
          { actorId: actor.userId, actorName: actor.name },
          withoutNull({ taskId, reason: 'delegation', fromUserId: from ?? actor.userId, toUserId, comment }),
        );
        this.send(
          'task_reassigned',
          [toUserId],
          withoutNull({
            processTitle: this.process.title,
            taskTitle: task.title,
            dueAt: task.dueAt,
            reason: 'delegation',
            comment,
            link: this.taskLink(task),
          }),
          { fromName: actor.userId },
        );
        return { ...task };
      },
      {
        validator: ({ taskId, actor, toUserId }) => {
          const task = this.openTaskFor(taskId);
          if (!mayDecide(task, actor)) refuse('forbidden', 'Only who may decide a task may delegate it');
          if (toUserId === task.assigneeId) refuse('validation_failed', 'The task is already theirs', { toUserId: 'already the assignee' });
        },
      },
    );

    this.onUpdate(
      claimUpdate,
      async ({ taskId, actor }) => {
        const task = this.tasks.get(taskId)!;
        task.assigneeId = actor.userId;
        await acts.reassignTask({ taskId, toUserId: actor.userId, fromUserId: null });
        await this.audit('claimed', { actorId: actor.userId, actorName: actor.name }, { taskId });
        return { ...task };
      },
      {
        validator: ({ taskId, actor }) => {
          const task = this.openTaskFor(taskId);
          // Who may not act is told so (403) before anything about the task's state (409).
          if (!mayDecide(task, actor)) refuse('forbidden', `Only holders of the role ${task.candidateRole} may claim this task`);
          if (task.assigneeId) refuse('not_open', 'This task already has an assignee');
        },
      },
    );

    this.onUpdate(
      addApproverUpdate,
      async ({ taskId, actor, userId, position, comment }) => {
        const task = this.tasks.get(taskId)!;
        const current = this.steps[this.stepIndex]!;
        if (position === 'after') {
          this.steps.splice(this.stepIndex + 1, 0, {
            key: `${current.key}+${++this.addSeq}`,
            title: { 'zh-CN': `加签：${current.title['zh-CN']}`, en: `Added: ${current.title.en}` },
            assignees: [{ userId }],
            due: current.due,
            ...(current.dueAt ? { dueAt: current.dueAt } : {}),
          });
        } else {
          this.pendingAdds += 1;
          const slot = `added-${++this.addSeq}`;
          try {
            const deadlines = this.local ? undefined : await this.deadlinesFor(current);
            this.stepTasks.push(await this.openTask(current, { userId }, slot, deadlines));
          } finally {
            this.pendingAdds -= 1;
          }
        }
        await this.audit(
          'approver_added',
          { actorId: actor.userId, actorName: actor.name },
          withoutNull({ taskId, userId, position, comment }),
        );
        return { ...task };
      },
      {
        validator: ({ taskId, actor, userId, position }) => {
          const task = this.openTaskFor(taskId);
          if (task.stepKey === REVISE_STEP || this.stepIndex < 0) refuse('not_open', 'Approvers can be added only to an approval step');
          if (!mayDecide(task, actor)) refuse('forbidden', 'Only who may decide a task may add an approver');
          if (position !== 'after' && position !== 'with')
            refuse('validation_failed', 'position must be after or with', { position: 'after | with' });
          if (userId === actor.userId) refuse('validation_failed', 'You cannot add yourself', { userId: 'someone else' });
        },
      },
    );

    this.onUpdate(
      withdrawUpdate,
      ({ actor, reason }) => {
        this.withdrawal = { byUserId: actor.userId, reason: reason?.trim() || null };
        return Promise.resolve({ withdrawn: true as const });
      },
      {
        validator: ({ actor }) => {
          this.refuseIfFinished();
          if (this.options.withdrawable === false)
            refuse('not_open', 'This process cannot be withdrawn; ask the merchandise manager to cancel it');
          if (actor.userId !== this.process.submitterId) refuse('forbidden', 'Only the submitter may withdraw');
          if (this.withdrawal) refuse('process_finished', 'Already withdrawn');
          if (this.decisionsThisRound > 0 && this.status !== 'sent_back') {
            refuse('already_decided', 'An approver has already decided; it can no longer be withdrawn');
          }
        },
      },
    );

    this.onUpdate(
      urgeUpdate,
      async ({ actor, comment }) => {
        this.lastUrgeAt = Date.now();
        const open = [...this.tasks.values()].filter((t) => t.status === 'open' && t.stepKey !== REVISE_STEP);
        let notified = 0;
        for (const task of open) {
          const to = await this.recipients(task);
          this.send(
            'task_urged',
            to,
            withoutNull({ processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, comment, link: this.taskLink(task) }),
            { submitterName: actor.userId },
          );
          notified += to.length;
          await this.audit('urged', { actorId: actor.userId, actorName: actor.name }, withoutNull({ taskId: task.id, to, comment }));
        }
        return { notified };
      },
      {
        validator: ({ actor }) => {
          this.refuseIfFinished();
          if (actor.userId !== this.process.submitterId && !actor.roles.includes('admin'))
            refuse('forbidden', 'Only the submitter may urge');
          if (![...this.tasks.values()].some((t) => t.status === 'open' && t.stepKey !== REVISE_STEP)) {
            refuse('not_open', 'Nothing is waiting for an approver');
          }
          const minMs = Duration.fromISO(this.settings.urgeMinInterval).toMillis();
          if (this.lastUrgeAt !== undefined && Date.now() - this.lastUrgeAt < minMs) {
            refuse('urge_too_soon', `Urged already; wait ${this.settings.urgeMinInterval} between urges`);
          }
        },
      },
    );

    this.onUpdate(
      resubmitUpdate,
      async ({ actor, comment }) => {
        const task = this.openReviseTask()!;
        task.status = 'done';
        task.decision = {
          decision: 'resubmit',
          comment: comment?.trim() || null,
          byUserId: actor.userId,
          byName: actor.name,
          at: this.now(),
        };
        await this.persistDecision(task, actor);
        return { ...task };
      },
      {
        validator: ({ actor }) => {
          this.refuseIfFinished();
          // 403 for someone else before 409 about the state, as everywhere else.
          if (actor.userId !== this.process.submitterId && !actor.roles.includes('admin'))
            refuse('forbidden', 'Only the submitter may resubmit');
          if (!this.openReviseTask()) refuse('not_open', 'Nothing was sent back: there is nothing to resubmit');
        },
      },
    );
  }

  protected refuseIfFinished(): void {
    if (this.status !== 'running' && this.status !== 'sent_back') refuse('process_finished', 'This process has ended');
  }
}
