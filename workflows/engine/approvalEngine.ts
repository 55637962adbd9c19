// The approval engine: the human-step mechanics every process shares, written once.
// A process workflow creates one engine, declares its chain of steps, and gets back the
// outcome; tasks, due dates, reminders, escalation, delegation, send-back and resubmission,
// withdrawal, urging, 加签 and the audit trail are handled here.
//
// Rules that keep this correct under concurrency and replay:
// - an Update handler changes workflow state synchronously before its first await, so the
//   validator of the next Update (e.g. a second decision) already sees it;
// - the main loop moves on only when the handler has persisted the decision, so the audit
//   trail lists events in the order they happened;
// - one answer, one truth: an Update answers only once the run is quiet again (see quiet.ts):
//   every write the act caused is committed (the task closed, the next tasks open, the
//   process in its next state), so whoever reads after a 2xx sees it;
// - the workflow ends only after every handler has finished.
//
// The engine is layered, one file per concern, each class extending the one before:
// state.ts (what it knows) → quiet.ts (when an answer is true) → timeline.ts (audit trail) →
// mail.ts → deadlines.ts (reminders, escalation) → tasks.ts (a task's life) → updates.ts
// (the shared Updates) → reschedule.ts (deadlines moved by the calendar) → this file (start, chains, steps, finish: what a process calls).
import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { AssigneeRef, ChainOutcome, ChainSpec, ProcessOutcome, StepSpec, TaskState } from '../../domain/approval';
import type { ProcessSection, ProcessSettings } from '../../domain/processSettings';
import type { ProcessStateView } from '../messages/engine';
import { REVISE_STEP, type StepOptions, type StepOutcome } from './types';
import { EngineReschedule } from './reschedule';
import { withoutNull } from './withoutNull';
import { writes as acts } from './writes';

export type { EngineHooks, EngineOptions, StepOptions, StepOutcome, UpdateOptions } from './types';

export class ApprovalEngine extends EngineReschedule {
  /**
   * A process's own settings as this run began with them (read by start(), recorded in its
   * history). Runs begun before start() read them have only the engine's in their history:
   * theirs came in the input, passed here as `fromOldInput`.
   */
  settingsFor<K extends ProcessSection>(section: K, fromOldInput: ProcessSettings[K] | undefined): ProcessSettings[K] {
    return ((this.settings as Partial<ProcessSettings>)[section] ?? fromOldInput)!;
  }

  /** Registers the handlers, snapshots the settings and records the start. */
  async start(): Promise<void> {
    this.registerHandlers();
    if (this.local) {
      this.settings = await acts.beginProcess({ process: this.process, auditKey: this.nextAuditKey(), at: this.now() });
    } else {
      this.settings = await acts.loadEngineSettings();
      await acts.startProcess(this.process);
      await this.audit('started', { actorId: this.process.submitterId }, { title: this.process.title });
    }
    this.startRecorded = true;
  }

  /** Runs a sequential chain; a send back waits for the resubmission and resumes at that step. */
  async runChain(chain: ChainSpec): Promise<ChainOutcome> {
    this.steps = [...chain.steps];
    let i = 0;
    while (i < this.steps.length) {
      this.stepIndex = i;
      const outcome = await this.humanStep(this.steps[i]!);
      switch (outcome.kind) {
        case 'approved':
          i += 1;
          break;
        case 'rejected':
          return {
            result: 'rejected',
            reason: outcome.task.decision?.comment ?? '',
            byUserId: outcome.task.decision?.byUserId ?? '',
            stepKey: outcome.task.stepKey,
          };
        case 'sent_back': {
          const revised = await this.awaitRevision(outcome.task);
          if (!revised) return this.withdrawnOutcome();
          break; // same i: the chain resumes at the step that sent it back
        }
        case 'withdrawn':
          return this.withdrawnOutcome();
        case 'decided':
          // A custom decision in a plain chain counts as an approval of the step.
          i += 1;
          break;
      }
    }
    this.stepIndex = -1;
    return { result: 'approved' };
  }

  /** One human step: its tasks, their deadlines, and the decision(s) that settle it. */
  async humanStep(step: StepSpec, opts: StepOptions = {}): Promise<StepOutcome> {
    const mode = step.mode ?? 'all';
    // Runs on older code computed the step's deadlines first, in an activity of their own.
    // An absolute due time is kept exactly (dueOf), never turned into a rounded duration.
    const deadlines = this.local ? undefined : await this.deadlinesFor(step);
    const tasks: TaskState[] = [];
    this.stepTasks = tasks;
    if (!this.steps.includes(step) && !this.ownSteps.some((s) => s.key === step.key)) this.ownSteps.push(step);
    const run = this.stepRuns.get(`${step.key}:${this.round}`) ?? 0;
    this.stepRuns.set(`${step.key}:${this.round}`, run + 1);
    const created = await Promise.all(
      step.assignees.map((assignee, j) => this.openTask(step, assignee, run ? `${run}.${j}` : `${j}`, deadlines)),
    );
    tasks.push(...created);

    let outcome: StepOutcome | undefined;
    await this.waitUntil(
      () => (outcome = this.withdrawal ? { kind: 'withdrawn' } : this.settle(tasks, mode)) !== undefined || !!opts.until?.(),
    );
    // A decision settles the step even when the process's condition also holds by now.
    outcome ??= { kind: 'interrupted' };
    await this.closeOpen(tasks, outcome.kind === 'interrupted' ? 'interrupted' : 'step_settled');
    return outcome!;
  }

  /** Marks the end: waits for handlers, closes what is open, records and tells the outcome. */
  async finish(outcome: ProcessOutcome, cc: AssigneeRef[] = []): Promise<void> {
    // Handlers still writing go first on the timeline; handlers waiting for quiet are answered
    // once the end is written (so an approval's answer already says the process is approved).
    // Runs started on older code waited for every handler here, as their histories record.
    if (this.local) await this.waitUntil(() => this.persisting === 0);
    else await condition(allHandlersFinished);
    this.status = outcome.result;
    const open = [...this.tasks.values()].filter((t) => t.status === 'open');
    await this.closeOpen(open, outcome.result);
    if (outcome.result === 'withdrawn') {
      await this.audit('withdrawn', { actorId: outcome.byUserId }, withoutNull({ reason: outcome.reason }));
    }
    if (outcome.result === 'cancelled') {
      await this.audit('cancelled', { actorId: outcome.byUserId }, withoutNull({ reason: outcome.reason }));
    }
    await acts.updateProcess({ workflowId: this.process.workflowId, status: outcome.result, result: outcome, ended: true, at: this.now() });
    await this.audit('completed', {}, withoutNull({ result: outcome.result, reason: 'reason' in outcome ? outcome.reason : null }));
    const link = this.processLink();
    const params = withoutNull({
      processTitle: this.process.title,
      result: outcome.result,
      reason: 'reason' in outcome ? outcome.reason : null,
      link,
    });
    if (outcome.result !== 'withdrawn') this.send('process_result', [this.process.submitterId], params);
    if (cc.length) {
      const userIds = await acts.resolveUsers({ refs: cc, submitterId: this.process.submitterId });
      if (userIds.length) {
        this.send('process_cc', userIds, params, { submitterName: this.process.submitterId });
        await this.audit('notified', {}, { kind: 'cc', userIds });
      }
    }
    await condition(allHandlersFinished);
    await Promise.all(this.outbox);
  }

  /** After a send back: the submitter revises; true when resubmitted, false when withdrawn. */
  protected async awaitRevision(sentBack: TaskState): Promise<boolean> {
    this.status = 'sent_back';
    await acts.updateProcess({ workflowId: this.process.workflowId, status: 'sent_back' });
    await this.hooks.onSentBack?.(sentBack);
    const step: StepSpec = {
      key: REVISE_STEP,
      title: { 'zh-CN': '修改后重新提交', en: 'Revise and resubmit' },
      assignees: [{ userId: this.process.submitterId }],
      decisions: ['resubmit'],
    };
    const deadlines = this.local ? undefined : await this.deadlinesFor(step);
    const revise = await this.openTask(step, step.assignees[0]!, 'submitter', deadlines);
    this.send(
      'task_sent_back',
      [this.process.submitterId],
      withoutNull({
        processTitle: this.process.title,
        comment: sentBack.decision?.comment,
        link: this.taskLink(revise),
      }),
      { byName: sentBack.decision?.byUserId ?? null },
    );
    await this.waitUntil(() => this.withdrawal !== undefined || (revise.status === 'done' && this.persisted.has(revise.id)));
    if (this.withdrawal) return false;
    this.round += 1;
    this.decisionsThisRound = 0;
    await this.hooks.onResubmitted?.(revise.decision?.comment ?? null);
    this.status = 'running';
    await acts.updateProcess({ workflowId: this.process.workflowId, status: 'running', round: this.round });
    await this.audit(
      'resubmitted',
      { actorId: revise.decision?.byUserId ?? null },
      withoutNull({ round: this.round, comment: revise.decision?.comment }),
    );
    return true;
  }

  protected withdrawnOutcome(): ChainOutcome {
    return {
      result: 'withdrawn',
      reason: this.withdrawal?.reason ?? null,
      byUserId: this.withdrawal?.byUserId ?? this.process.submitterId,
    };
  }

  view(): ProcessStateView {
    return {
      ...this.process,
      status: this.status,
      round: this.round,
      currentStep: this.openReviseTask() ? REVISE_STEP : (this.steps[this.stepIndex]?.key ?? null),
      steps: [...this.steps, ...this.ownSteps].map((s) => ({ key: s.key, title: s.title, mode: s.mode ?? 'all' })),
      tasks: [...this.tasks.values()].map((t) => ({ ...t })),
    };
  }
}
