// The engine's vocabulary for the process workflows: how a step ends, what a process may hook
// into, and the options of its Updates. Shared by the engine's files.
import type { DecideInput, TaskState } from '../../domain/approval';

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

export interface Withdrawal {
  byUserId: string;
  reason: string | null;
}

/** The submitter's step after a send back: revise and resubmit. */
export const REVISE_STEP = 'revise';

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
