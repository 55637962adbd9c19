// Sends Updates to process workflows and turns their refusals into HTTP errors: a validator's
// ApplicationFailure type is one of domain/approval.ts REFUSALS.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { REFUSALS, type Actor } from '../domain/approval';
import type { CurrentUser } from './auth';
import { ApiError } from './errors';

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
