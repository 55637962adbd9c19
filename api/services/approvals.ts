// The general approval's start (通用审批, docs/domain.md): the assignees and season are checked, the
// chain built (without explicit steps, the department's default: domain/chains.ts defaultChain)
// and the approvalRequest workflow started. No row is written here (the run writes its own
// process row), so there is nothing to roll back; an Idempotency-Key makes a retry find the
// process its first attempt started instead of starting a second.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { AssigneeRef } from '../../domain/approval';
import { buildChain, defaultChain, type ChainTemplate } from '../../domain/chains';
import { readSettings } from '../../lib/settings';
import { approvalRequest } from '../../workflows/approvalRequest';
import type { CurrentUser } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { settle, startProcess } from '../temporal';

/** A request as sent: its chain's steps (or the default), who is copied, the amount and season it concerns. */
export interface ApprovalRequestIn {
  title: string;
  amountFen?: number;
  reason?: string;
  season?: string;
  steps?: ChainTemplate['steps'];
  cc?: AssigneeRef[];
}

/** The process started (or, for a repeated Idempotency-Key, found); settled as in startProcess. */
export interface StartedApproval {
  workflowId: string;
  processId: string;
  replay: boolean;
  settled: boolean;
}

/** A UUID-shaped id derived from `seed` (the same seed, the same id). */
function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function approvalService(ctx: AppContext) {
  return {
    async request(body: ApprovalRequestIn, key: string | undefined, user: CurrentUser): Promise<StartedApproval> {
      const refs: AssigneeRef[] = [...(body.steps ?? []).flatMap((s) => s.assignees), ...(body.cc ?? [])];
      const userIds = refs.flatMap((r) => ('userId' in r ? [r.userId] : []));
      const found = await ctx.db.user.count({ where: { id: { in: userIds }, active: true } });
      if (found !== new Set(userIds).size)
        throw new ApiError(422, 'validation_failed', 'An assignee is not an active user', { steps: 'unknown or disabled user' });

      if (body.season && !(await ctx.db.season.count({ where: { code: body.season } }))) {
        throw new ApiError(422, 'validation_failed', `Unknown season ${body.season}`, { season: 'unknown season' });
      }
      const settings = await readSettings(ctx.db);
      const template: ChainTemplate = body.steps ? { steps: body.steps } : defaultChain(settings['plan.thresholdFen']);
      const chain = buildChain({ ...template, ...(body.cc ? { cc: body.cc } : {}) }, { amountFen: body.amountFen });
      // A client retrying after a lost answer (API restarted mid-request) sends the same
      // Idempotency-Key: the same workflow id, so the process starts once (was: twice).
      if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key))
        throw new ApiError(422, 'validation_failed', 'Idempotency-Key: 1 to 200 printable ASCII characters', {
          'Idempotency-Key': '1 to 200 printable ASCII characters',
        });
      const processId = key ? uuidFrom(`${user.id}:${key}`) : randomUUID();
      const workflowId = `approval-${processId}`;
      // The facts the approvers decide on (api/subjects.ts reads them for their tasks); written
      // once per process id, so a retry with the same key writes nothing new.
      await ctx.db.approvalRequest.upsert({
        where: { id: processId },
        create: { id: processId, workflowId, amountFen: body.amountFen ?? null, reason: body.reason || null },
        update: {},
      });
      let replay = false;
      // Started, nothing may fail the request any more, or a retry would start it twice. Settled,
      // its process row and first tasks are written.
      let settled: boolean;
      try {
        settled = await startProcess(ctx.temporal, approvalRequest, {
          taskQueue: ctx.config.taskQueue,
          workflowId,
          ...(key ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
          args: [
            {
              process: { processType: 'approval', processId, title: body.title, submitterId: user.id, seasonCode: body.season ?? null },
              chain,
            },
          ],
        });
      } catch (err) {
        if (!(key && err instanceof WorkflowExecutionAlreadyStartedError)) {
          // Not started: the facts go with it, as every other process's rows do (startAfterWrite).
          await ctx.db.approvalRequest.deleteMany({ where: { id: processId } }).catch(() => undefined);
          throw err;
        }
        replay = true; // started by an earlier attempt with this key: answer with that process
        settled = await settle(ctx.temporal, workflowId);
      }
      return { workflowId, processId, replay, settled };
    },
  };
}
