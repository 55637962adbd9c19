// What the approval engine knows about its run: the tasks, the steps, the round, the
// settings it started with, and the counters that key its writes. The engine's other files
// (quiet, timeline, mail, deadlines, tasks, updates) each add one kind of behaviour on top.
import { patched } from '@temporalio/workflow';
import type { ProcessRef, StepSpec, TaskState } from '../../domain/approval';
import type { ProcessSettings } from '../../domain/processSettings';
import type { ProcessStateView } from '../messages/engine';
import type { EngineHooks, EngineOptions, Withdrawal } from './types';
import { chooseWritePath } from './writes';

export abstract class EngineState {
  protected settings!: ProcessSettings;
  protected readonly tasks = new Map<string, TaskState>();
  /** Decided tasks whose decision row and audit event are written. */
  protected readonly persisted = new Set<string>();
  protected steps: StepSpec[] = [];
  protected stepIndex = -1;
  protected stepTasks: TaskState[] = [];
  protected round = 0;
  protected status: ProcessStateView['status'] = 'running';
  protected decisionsThisRound = 0;
  protected withdrawal?: Withdrawal;
  protected lastUrgeAt?: number;
  /** Co-approvers (加签 'with') being added: the step may not settle until they are in. */
  protected pendingAdds = 0;
  protected addSeq = 0;
  protected auditSeq = 0;
  /** 'started' is on the timeline: an Update arriving earlier waits, so the timeline begins with it. */
  protected startRecorded = false;
  protected mailSeq = 0;
  /** How often each step ran in this run: a repeated step (a second overdue, a recount) gets new tasks. */
  protected readonly stepRuns = new Map<string, number>();
  /** Steps a process ran outside a chain (humanStep alone), for their titles in the view. */
  protected readonly ownSteps: StepSpec[] = [];
  /** Mail on its way; the workflow ends only when all of it has gone out. */
  protected readonly outbox: Promise<unknown>[] = [];
  /** What the run's flows wait for (see waitUntil): none of them may be about to move for the run to be quiet. */
  protected readonly waits = new Set<() => boolean>();
  /** Update handlers still writing their own effect. */
  protected persisting = 0;
  /** This run writes through local activities, one per moment (runs started on older code: one per write). */
  protected readonly local: boolean;
  /**
   * This run's reminders follow the engine's rule for leads already passed (domain/reminders.ts:
   * the next one ahead, or one at the opening); runs begun before it keep the reminders they
   * were given. Decided once, when the run begins, so a run takes one path to its end.
   */
  protected readonly remindersByRule: boolean;

  constructor(
    readonly process: ProcessRef,
    protected readonly hooks: EngineHooks = {},
    protected readonly options: EngineOptions = {},
  ) {
    this.local = chooseWritePath();
    this.remindersByRule = patched('engine-reminders-passed-leads');
  }

  protected now(): string {
    return new Date().toISOString();
  }

  protected taskLink(task: TaskState): string {
    return `/#/tasks/${task.id}/show`;
  }

  protected processLink(): string {
    return `/#/processes/${encodeURIComponent(this.process.workflowId)}/show`;
  }
}
