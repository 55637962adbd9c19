// Sends Updates to process workflows and turns their refusals into HTTP errors: a validator's
// ApplicationFailure type is one of domain/approval.ts REFUSALS.
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition, Workflow } from '@temporalio/common';
import { REFUSALS, type Actor } from '../domain/approval';
import { logger } from '../lib/logger';
import { settledUpdate } from '../workflows/messages';
import type { CurrentUser } from './auth';
import { ApiError } from './errors';

const log = logger('api');

export function actorOf(user: CurrentUser): Actor {
  return { userId: user.id, name: user.name, roles: user.roles, regionId: user.regionId };
}

export async function sendUpdate<Ret, Args extends [unknown]>(
  temporal: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  arg: Args[0],
): Promise<Ret> {
  try {
    return await temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] as unknown as Args });
  } catch (err) {
    throw toApiError(err);
  }
}

/**
 * Starts a process workflow and returns once its first tasks exist (the run's first quiet
 * moment, see ApprovalEngine.quiet), so a 201 is already true for whoever reads next: one call,
 * the start and the 'settled' Update together, answered by the run's first workflow task.
 * Throws only when nothing was started (WorkflowExecutionAlreadyStartedError included). Once
 * started it never throws: true when settled, false when not within SETTLE_TIMEOUT_MS (202).
 */
export async function startProcess<W extends Workflow>(temporal: Client, workflow: W, options: WorkflowStartOptions<W>): Promise<boolean> {
  const start = new WithStartWorkflowOperation(workflow, { ...options, workflowIdConflictPolicy: 'FAIL' });
  try {
    await temporal.withDeadline(Date.now() + SETTLE_TIMEOUT_MS, () =>
      temporal.workflow.executeUpdateWithStart(settledUpdate, { startWorkflowOperation: start }),
    );
    return true;
  } catch (err) {
    const started = await start.workflowHandle().then(
      () => true,
      // No answer to the start (a deadline, a cut connection): whether it happened is asked.
      (startErr: unknown) => (isAmbiguous(startErr) ? exists(temporal, options.workflowId) : Promise.reject(startErr)),
    );
    if (!started) throw err;
    const refused = toApiError(err);
    if (refused instanceof ApiError && refused.code === 'process_finished') return true;
    log.warn(`process ${options.workflowId} started; waiting for its first tasks failed`, err instanceof Error ? err.message : String(err));
    return false;
  }
}

function isAmbiguous(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  return /deadline|cancel|unavailable|timed? ?out|ECONNRESET|socket/i.test(text);
}

async function exists(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** How long a start waits for its first tasks; past it (no worker running, say) the answer is 202. */
export const SETTLE_TIMEOUT_MS = 10_000;

/**
 * Waits until a started process is quiet: its first tasks exist, or it has ended. Never throws:
 * the process is started, and a request that failed now would be retried into a second start.
 * False when it did not settle in SETTLE_TIMEOUT_MS or Temporal could not be asked: the answer
 * then precedes the first tasks and says so (202).
 */
export async function settle(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    await temporal.withDeadline(Date.now() + SETTLE_TIMEOUT_MS, () => temporal.workflow.getHandle(workflowId).executeUpdate(settledUpdate));
    return true;
  } catch (err) {
    const refused = toApiError(err);
    if (refused instanceof ApiError && refused.code === 'process_finished') return true; // ended already, its end written
    log.warn(`process ${workflowId} started; waiting for its first tasks failed`, err instanceof Error ? err.message : String(err));
    return false;
  }
}

export function toApiError(err: unknown): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const type = err.cause.type ?? '';
    if (type in REFUSALS) {
      const details = err.cause.details?.[0];
      return new ApiError(REFUSALS[type as keyof typeof REFUSALS], type, err.cause.message, details ?? undefined);
    }
  }
  if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) {
    return new ApiError(409, 'process_finished', 'This process has ended');
  }
  return err;
}

function isClosedWorkflowError(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : '';
  return /workflow execution already completed|AcceptedUpdateCompletedWorkflow/i.test(message);
}
