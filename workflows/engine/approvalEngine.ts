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
// - one answer, one truth: an Update answers only once the run is quiet again (see quiet()):
//   every write the act caused is committed (the task closed, the next tasks open, the
//   process in its next state), so whoever reads after a 2xx sees it;
// - the workflow ends only after every handler has finished.
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Duration } from 'luxon';
import type { Activities } from '../../activities';
import {
  BASE_DECISIONS,
  type Actor,
  COMMENT_REQUIRED,
  mayDecide,
  type AssigneeRef,
  type ChainOutcome,
  type ChainSpec,
  type DecideInput,
  type Deadlines,
  type ProcessOutcome,
  type ProcessRef,
  type StepSpec,
  type TaskState,
} from '../../domain/approval';
import type { MailParams, MailTemplateName } from '../../domain/mail';
import type { EngineSettings } from '../../domain/processSettings';
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
import { chooseWritePath, writes as acts, writesInFlight } from './writes';

// Mail is retried until the SMTP server takes it (an outage delays mail, never loses it),
// and never holds up a decision: it goes out from the outbox (see send()).
const mailActs = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // sendMail heartbeats while it works: a worker killed mid-send is retried after 20 s, not 2 minutes.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** How a human step ended. Custom decisions (e.g. extend, cancel) come back as 'decided'. */
export type StepOutcome =
  | { kind: 'approved' }
  | { kind: 'rejected'; task: TaskState }
  | { kind: 'sent_back'; task: TaskState }
  | { kind: 'decided'; decision: string; task: TaskState }
  | { kind: 'withdrawn' }
  /** The process's own condition (StepOptions.until) ended the step before anyone decided. */
  | { kind: 'interrupted' };

export interface StepOptions {
  /** Ends the step early (its open tasks cancelled), e.g. a booking paid while its manager decides. */
  until?: () => boolean;
}

interface Withdrawal {
  byUserId: string;
  reason: string | null;
}

/** Params to fill with a user's name, by user id (see the notify activity). */
type MailNames = Parameters<Activities['notify']>[0]['names'];

const REVISE_STEP = 'revise';
const MAX_COMMENT = 2000;

/** Drops null and undefined fields: audit details and mail params leave them out. */
function withoutNull<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}

/** What a process does at the engine's turning points (its own rows, e.g. a plan's status). */
export interface EngineHooks {
  /** After a send back, before the submitter's revise task opens. */
  onSentBack?(task: TaskState): Promise<void>;
  /** After the submitter resubmitted, before the chain resumes. */
  onResubmitted?(comment: string | null): Promise<void>;
  /** A process's own check of a decision (e.g. extend's data); refuses by throwing refuse(…). */
  validateDecision?(task: TaskState, input: DecideInput): void;
}

export interface EngineOptions {
  /** false: the submitter cannot withdraw (a booking is cancelled by the manager instead). */
  withdrawable?: boolean;
}

export interface UpdateOptions<Ret, Args extends unknown[]> {
  /** Refuses a bad Update before it is accepted (synchronous; throw refuse(…)). */
  validator?: (...args: Args) => void;
  /** The answer, built once the run is quiet (e.g. a booking's state after the payment confirmed it). */
  answer?: (result: Ret) => Ret;
}

export class ApprovalEngine {
  private settings!: EngineSettings;
  private readonly tasks = new Map<string, TaskState>();
  /** Decided tasks whose decision row and audit event are written. */
  private readonly persisted = new Set<string>();
  private steps: StepSpec[] = [];
  private stepIndex = -1;
  private stepTasks: TaskState[] = [];
  private round = 0;
  private status: ProcessStateView['status'] = 'running';
  private decisionsThisRound = 0;
  private withdrawal?: Withdrawal;
  private lastUrgeAt?: number;
  /** Co-approvers (加签 'with') being added: the step may not settle until they are in. */
  private pendingAdds = 0;
  private addSeq = 0;
  private auditSeq = 0;
  /** 'started' is on the timeline: an Update arriving earlier waits, so the timeline begins with it. */
  private startRecorded = false;
  private mailSeq = 0;
  /** How often each step ran in this run: a repeated step (a second overdue, a recount) gets new tasks. */
  private readonly stepRuns = new Map<string, number>();
  /** Steps a process ran outside a chain (humanStep alone), for their titles in the view. */
  private readonly ownSteps: StepSpec[] = [];
  /** Mail on its way; the workflow ends only when all of it has gone out. */
  private readonly outbox: Promise<unknown>[] = [];
  /** What the run's flows wait for (see waitUntil): none of them may be about to move for the run to be quiet. */
  private readonly waits = new Set<() => boolean>();
  /** Update handlers still writing their own effect. */
  private persisting = 0;
  /** This run writes through local activities, one per moment (runs started on older code: one per write). */
  private readonly local: boolean;

  constructor(
    readonly process: ProcessRef,
    private readonly hooks: EngineHooks = {},
    private readonly options: EngineOptions = {},
  ) {
    this.local = chooseWritePath();
  }

  // ---- quiet: when an act's answer is true ------------------------------------------------

  /**
   * Waits for a condition of the process (a decision, a payment, an event), optionally at most
   * `timeoutMs`; true when it holds, false on the timeout. Every wait of a process for people or
   * the outside world goes through here, so the engine knows when nothing is left to do.
   */
  async waitUntil(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.waits.add(fn);
    try {
      if (timeoutMs === undefined) {
        await condition(fn);
        return true;
      }
      return await condition(fn, timeoutMs);
    } finally {
      this.waits.delete(fn);
    }
  }

  /**
   * Quiet: no write in flight, no handler writing, and every flow waiting on a condition that
   * does not hold (so none is about to move). Conditions are checked only once the workflow's
   * microtasks have run, so a flow between two writes is never seen as quiet.
   */
  private quiet(): boolean {
    return writesInFlight() === 0 && this.persisting === 0 && ![...this.waits].some((fn) => fn());
  }

  /**
   * Registers an Update whose answer waits until the run is quiet: when the caller gets it,
   * every consequence is written (the next task open, the process sent back and editable, the
   * booking confirmed). Every Update of every process is registered through here.
   */
  onUpdate<Ret, Args extends unknown[]>(def: UpdateDefinition<Ret, Args>, handler: (...args: NoInfer<Args>) => Promise<Ret> | Ret, options: UpdateOptions<NoInfer<Ret>, NoInfer<Args>> = {}): void {
    setHandler(
      def,
      async (...args: Args): Promise<Ret> => {
        this.persisting += 1;
        let result: Ret;
        try {
          result = await handler(...args);
        } finally {
          this.persisting -= 1;
        }
        // Runs started on older code answered right after their own writes; their histories say so.
        if (this.local) await condition(() => this.quiet());
        return options.answer ? options.answer(result) : result;
      },
      options.validator ? { validator: options.validator } : {},
    );
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

  // ---- chains ---------------------------------------------------------------------------

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
    // An absolute due time is a duration from now in clock time (PTnS is never counted in working days).
    const due = step.dueAt ? `PT${Math.max(1, Math.ceil((Date.parse(step.dueAt) - Date.now()) / 1000))}S` : step.due;
    // Runs on older code computed the step's deadlines first, in an activity of their own.
    const deadlines = this.local ? undefined : await this.deadlinesFor(due);
    const tasks: TaskState[] = [];
    this.stepTasks = tasks;
    if (!this.steps.includes(step) && !this.ownSteps.some((s) => s.key === step.key)) this.ownSteps.push(step);
    const run = this.stepRuns.get(`${step.key}:${this.round}`) ?? 0;
    this.stepRuns.set(`${step.key}:${this.round}`, run + 1);
    const created = await Promise.all(
      step.assignees.map((assignee, j) => this.openTask(step, assignee, run ? `${run}.${j}` : `${j}`, due, deadlines)),
    );
    tasks.push(...created);

    let outcome: StepOutcome | undefined;
    await this.waitUntil(() => (outcome = this.withdrawal ? { kind: 'withdrawn' } : this.settle(tasks, mode)) !== undefined || !!opts.until?.());
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
    const params = withoutNull({ processTitle: this.process.title, result: outcome.result, reason: 'reason' in outcome ? outcome.reason : null, link });
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

  // ---- steps internals --------------------------------------------------------------------

  private settle(tasks: TaskState[], mode: 'all' | 'any'): StepOutcome | undefined {
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

  private async deadlinesFor(due: string | undefined): Promise<Deadlines> {
    return acts.computeDeadlines({
      from: this.now(),
      due: due ?? this.settings.defaultDue,
      leadTimes: this.settings.leadTimes,
      escalationSteps: this.settings.escalationSteps,
      businessDays: this.settings.businessDays,
    });
  }

  /**
   * Opens one task of a step: its deadlines, row and timeline entries in one activity, then
   * its mail and its watch. `legacyDeadlines`: computed beforehand, for runs on older code.
   */
  private async openTask(step: StepSpec, assignee: AssigneeRef, slot: string, due: string | undefined, legacyDeadlines?: Deadlines): Promise<TaskState> {
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
        deadlines: { due: due ?? this.settings.defaultDue, leadTimes: this.settings.leadTimes, escalationSteps: this.settings.escalationSteps, businessDays: this.settings.businessDays },
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
      await this.audit('task_created', {}, withoutNull({
        taskId: task.id,
        stepKey: step.key,
        round: this.round,
        assigneeId: task.assigneeId,
        candidateRole: task.candidateRole,
        candidateRegionId: task.candidateRegionId,
        dueAt: task.dueAt,
      }));
      if (created.outOfOffice) {
        await this.audit('delegated', {}, { taskId: task.id, reason: 'out_of_office', fromUserId: created.outOfOffice.fromUserId, toUserId: created.outOfOffice.toUserId });
      }
      recipients = await this.recipients(task);
    }
    if (step.escalate === false) deadlines = { ...deadlines, reminders: [], escalations: [] };
    const taskParams = { processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, link: this.taskLink(task) };
    if (step.notice) this.send(step.notice.template, recipients, { ...step.notice.params, ...taskParams });
    else this.send('task_assigned', recipients, taskParams, { submitterName: this.process.submitterId });
    void this.watch(task, deadlines);
    return task;
  }

  private async closeOpen(tasks: TaskState[], reason: string): Promise<void> {
    const open = tasks.filter((t) => t.status === 'open');
    if (!open.length) return;
    for (const t of open) t.status = 'cancelled';
    await acts.cancelTasks({ taskIds: open.map((t) => t.id), at: this.now() });
    for (const t of open) await this.audit('task_cancelled', {}, { taskId: t.id, reason });
  }

  /** After a send back: the submitter revises; true when resubmitted, false when withdrawn. */
  private async awaitRevision(sentBack: TaskState): Promise<boolean> {
    this.status = 'sent_back';
    await acts.updateProcess({ workflowId: this.process.workflowId, status: 'sent_back' });
    await this.hooks.onSentBack?.(sentBack);
    const step: StepSpec = {
      key: REVISE_STEP,
      title: { 'zh-CN': '修改后重新提交', en: 'Revise and resubmit' },
      assignees: [{ userId: this.process.submitterId }],
      decisions: ['resubmit'],
    };
    const deadlines = this.local ? undefined : await this.deadlinesFor(undefined);
    const revise = await this.openTask(step, step.assignees[0]!, 'submitter', undefined, deadlines);
    this.send('task_sent_back', [this.process.submitterId], withoutNull({
      processTitle: this.process.title,
      comment: sentBack.decision?.comment,
      link: this.taskLink(revise),
    }), { byName: sentBack.decision?.byUserId ?? null });
    await this.waitUntil(() => this.withdrawal !== undefined || (revise.status === 'done' && this.persisted.has(revise.id)));
    if (this.withdrawal) return false;
    this.round += 1;
    this.decisionsThisRound = 0;
    await this.hooks.onResubmitted?.(revise.decision?.comment ?? null);
    this.status = 'running';
    await acts.updateProcess({ workflowId: this.process.workflowId, status: 'running', round: this.round });
    await this.audit('resubmitted', { actorId: revise.decision?.byUserId ?? null }, withoutNull({ round: this.round, comment: revise.decision?.comment }));
    return true;
  }

  private withdrawnOutcome(): ChainOutcome {
    return { result: 'withdrawn', reason: this.withdrawal?.reason ?? null, byUserId: this.withdrawal?.byUserId ?? this.process.submitterId };
  }

  // ---- deadlines: reminders and escalation ------------------------------------------------

  /** Sleeps to each reminder and escalation moment of a task; stops the moment it is closed. */
  private async watch(task: TaskState, deadlines: Deadlines): Promise<void> {
    const moments = [
      ...deadlines.reminders.map((r) => ({ at: Date.parse(r.at), order: 0, fire: () => this.remind(task, r.lead) })),
      ...deadlines.escalations.map((e) => ({ at: Date.parse(e.at), order: 1, fire: () => this.escalate(task, e.level) })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    for (const m of moments) {
      const wait = m.at - Date.now();
      if (wait > 0 && (await condition(() => task.status !== 'open', wait))) return;
      if (task.status !== 'open') return;
      await m.fire();
    }
  }

  private async remind(task: TaskState, lead: string): Promise<void> {
    const to = await this.recipients(task);
    this.send('task_reminder', to, { processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, lead, link: this.taskLink(task) });
    await this.audit('reminder_sent', {}, { taskId: task.id, lead, to });
  }

  /** Level 1 tells the superior; every later level hands the task one level higher. */
  private async escalate(task: TaskState, level: number): Promise<void> {
    const target = await acts.resolveEscalationTarget({ assigneeId: task.assigneeId, candidateRole: task.candidateRole, candidateRegionId: task.candidateRegionId });
    if (task.status !== 'open') return;
    if (!target) {
      await this.audit('escalation_skipped', {}, { taskId: task.id, level, reason: 'no superior' });
      return;
    }
    task.escalationLevel = level;
    const common = { processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, level, link: this.taskLink(task) };
    if (level === 1) {
      await acts.markEscalated({ taskId: task.id, level });
      await this.audit('escalated', {}, withoutNull({ taskId: task.id, level, action: 'notified', toUserId: target.userId, assigneeId: task.assigneeId }));
      this.send('task_overdue', [target.userId], common, { assigneeName: task.assigneeId });
      return;
    }
    const from = task.assigneeId;
    task.assigneeId = target.userId;
    task.candidateRole = null;
    task.candidateRegionId = null;
    await acts.reassignTask({ taskId: task.id, toUserId: target.userId, fromUserId: from, escalationLevel: level });
    await this.audit('escalated', {}, withoutNull({ taskId: task.id, level, action: 'reassigned', fromUserId: from, toUserId: target.userId }));
    this.send('task_reassigned', [target.userId], { ...common, reason: 'escalation' }, { fromName: from });
  }

  // ---- Updates ------------------------------------------------------------------------------

  private registerHandlers(): void {
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
            refuse('validation_failed', `Decision must be one of: ${task.allowedDecisions.join(', ')}`, { decision: `must be one of ${task.allowedDecisions.join(', ')}` });
          }
          if (COMMENT_REQUIRED.has(decision) && !comment?.trim()) {
            refuse('validation_failed', `A ${decision} needs a comment`, { comment: decision === 'reject' ? 'give the reason' : 'say what to change' });
          }
          if (comment && comment.length > MAX_COMMENT) refuse('validation_failed', 'Comment too long', { comment: `at most ${MAX_COMMENT} characters` });
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
        await this.audit('delegated', { actorId: actor.userId, actorName: actor.name }, withoutNull({ taskId, reason: 'delegation', fromUserId: from ?? actor.userId, toUserId, comment }));
        this.send('task_reassigned', [toUserId], withoutNull({ processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, reason: 'delegation', comment, link: this.taskLink(task) }), { fromName: actor.userId });
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
          });
        } else {
          this.pendingAdds += 1;
          const slot = `added-${++this.addSeq}`;
          try {
            const deadlines = this.local ? undefined : await this.deadlinesFor(current.due);
            this.stepTasks.push(await this.openTask(current, { userId }, slot, current.due, deadlines));
          } finally {
            this.pendingAdds -= 1;
          }
        }
        await this.audit('approver_added', { actorId: actor.userId, actorName: actor.name }, withoutNull({ taskId, userId, position, comment }));
        return { ...task };
      },
      {
        validator: ({ taskId, actor, userId, position }) => {
          const task = this.openTaskFor(taskId);
          if (task.stepKey === REVISE_STEP || this.stepIndex < 0) refuse('not_open', 'Approvers can be added only to an approval step');
          if (!mayDecide(task, actor)) refuse('forbidden', 'Only who may decide a task may add an approver');
          if (position !== 'after' && position !== 'with') refuse('validation_failed', 'position must be after or with', { position: 'after | with' });
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
          if (this.options.withdrawable === false) refuse('not_open', 'This process cannot be withdrawn; ask the merchandise manager to cancel it');
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
          this.send('task_urged', to, withoutNull({ processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, comment, link: this.taskLink(task) }), { submitterName: actor.userId });
          notified += to.length;
          await this.audit('urged', { actorId: actor.userId, actorName: actor.name }, withoutNull({ taskId: task.id, to, comment }));
        }
        return { notified };
      },
      {
        validator: ({ actor }) => {
          this.refuseIfFinished();
          if (actor.userId !== this.process.submitterId && !actor.roles.includes('admin')) refuse('forbidden', 'Only the submitter may urge');
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
        task.decision = { decision: 'resubmit', comment: comment?.trim() || null, byUserId: actor.userId, byName: actor.name, at: this.now() };
        await this.persistDecision(task, actor);
        return { ...task };
      },
      {
        validator: ({ actor }) => {
          this.refuseIfFinished();
          // 403 for someone else before 409 about the state, as everywhere else.
          if (actor.userId !== this.process.submitterId && !actor.roles.includes('admin')) refuse('forbidden', 'Only the submitter may resubmit');
          if (!this.openReviseTask()) refuse('not_open', 'Nothing was sent back: there is nothing to resubmit');
        },
      },
    );
  }

  /**
   * Decides the open tasks of a step on a person's behalf, when their act happened elsewhere
   * (a scan-in closes the scan task). Synchronous state change first, like an Update.
   */
  async decideOpen(stepKey: string, actor: Actor, decision: string, comment: string | null = null): Promise<void> {
    const open = [...this.tasks.values()].filter((t) => t.stepKey === stepKey && t.status === 'open');
    await Promise.all(open.map((t) => this.recordDecision(t, actor, decision, comment)));
  }

  private async recordDecision(task: TaskState, actor: Actor, decision: string, comment?: string | null, data?: Record<string, unknown> | null): Promise<TaskState> {
    task.status = 'done';
    task.decision = { decision, comment: comment?.trim() || null, byUserId: actor.userId, byName: actor.name, at: this.now(), ...(data ? { data } : {}) };
    this.decisionsThisRound += 1;
    await this.persistDecision(task, actor);
    return { ...task };
  }

  /** Writes a decision: the task closed and its timeline entry, in one transaction. */
  private async persistDecision(task: TaskState, actor: Actor): Promise<void> {
    const d = task.decision!;
    const detail = withoutNull({ taskId: task.id, stepKey: task.stepKey, decision: d.decision, comment: d.comment, data: d.data });
    const closed = { taskId: task.id, decision: d.decision, comment: d.comment, byUserId: actor.userId, at: d.at };
    if (this.local) {
      if (!this.startRecorded) await condition(() => this.startRecorded);
      const { workflowId } = workflowInfo();
      await acts.decideTask({
        ...closed,
        audit: { idempotencyKey: this.nextAuditKey(), workflowId, processType: this.process.processType, processId: this.process.processId, actorId: actor.userId, actorName: actor.name, detail },
      });
    } else {
      await acts.completeTask(closed);
      await this.audit('decided', { actorId: actor.userId, actorName: actor.name }, detail);
    }
    this.persisted.add(task.id);
  }

  private openTaskFor(taskId: string): TaskState {
    const task = this.tasks.get(taskId);
    if (!task) refuse('not_found', `Task ${taskId} is not part of this process`);
    if (task.status === 'done') refuse('task_already_decided', 'This task has already been decided');
    if (task.status === 'cancelled') refuse('not_open', 'This task was closed without a decision');
    return task;
  }

  /** The submitter's open revise task after a send back, as soon as the workflow holds it. */
  private openReviseTask(): TaskState | undefined {
    return [...this.tasks.values()].find((t) => t.stepKey === REVISE_STEP && t.status === 'open');
  }

  private refuseIfFinished(): void {
    if (this.status !== 'running' && this.status !== 'sent_back') refuse('process_finished', 'This process has ended');
  }

  // ---- helpers --------------------------------------------------------------------------------

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

  private now(): string {
    return new Date().toISOString();
  }

  private taskLink(task: TaskState): string {
    return `/#/tasks/${task.id}/show`;
  }

  private processLink(): string {
    return `/#/processes/${encodeURIComponent(this.process.workflowId)}/show`;
  }

  /** One audit event, keyed by its position in this run so a retry writes it once. */
  async audit(
    type: string,
    actor: { actorId?: string | null; actorName?: string | null },
    detail: Record<string, unknown>,
  ): Promise<void> {
    if (type !== 'started' && !this.startRecorded) await condition(() => this.startRecorded);
    const { workflowId } = workflowInfo();
    await acts.recordAuditEvent({
      idempotencyKey: this.nextAuditKey(),
      workflowId,
      processType: this.process.processType,
      processId: this.process.processId,
      type,
      actorId: actor.actorId ?? null,
      actorName: actor.actorName ?? null,
      detail,
      at: this.now(),
    });
  }

  /** The key of the next timeline entry: its position in this run, so a retry writes it once. */
  private nextAuditKey(): string {
    const { workflowId, runId } = workflowInfo();
    this.auditSeq += 1;
    return `${workflowId}:${runId}:${this.auditSeq}`;
  }

  /** Who a task's mail goes to: its assignee, or the holders of its role. */
  private async recipients(task: TaskState): Promise<string[]> {
    if (task.assigneeId) return [task.assigneeId];
    return acts.taskRecipients({ assigneeId: null, candidateRole: task.candidateRole, candidateRegionId: task.candidateRegionId });
  }

  /** Queues mail to a franchisee's own address (statements, reminders) through the outbox. */
  mailFranchisee(template: MailTemplateName, franchiseeId: string, params: MailParams, bookingId?: string): void {
    const { workflowId, runId } = workflowInfo();
    this.mailSeq += 1;
    this.outbox.push(
      mailActs.notify({ key: `${workflowId}:${runId}:mail:${this.mailSeq}`, workflowId, template, params, franchiseeId, ...(bookingId ? { bookingId } : {}) }),
    );
  }

  /** Queues mail to users (see send) for a process's own events. */
  mailUsers(template: MailTemplateName, userIds: string[], params: MailParams): void {
    this.send(template, userIds, params);
  }

  /**
   * Queues mail to users without waiting for it; `names` maps params to user ids to name.
   * Each mail is keyed by its position in this run, so a retry sends nothing twice.
   */
  private send(template: MailTemplateName, userIds: string[], params: MailParams, names: MailNames = {}): void {
    if (!userIds.length) return;
    const { workflowId, runId } = workflowInfo();
    this.mailSeq += 1;
    this.outbox.push(
      mailActs.notify({ key: `${workflowId}:${runId}:mail:${this.mailSeq}`, workflowId, template, params, names, userIds }),
    );
  }
}

