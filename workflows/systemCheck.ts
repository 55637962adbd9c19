// A minimal end-to-end process used by tests and operators to prove the whole chain works:
// workflow → activity → database, across a durable timer.
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { recordAuditEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '30 seconds' },
});

export interface SystemCheckInput {
  /** How long the durable timer waits, in milliseconds. */
  waitMs: number;
}

export interface SystemCheckResult {
  startedAt: string;
  finishedAt: string;
}

export async function systemCheck(input: SystemCheckInput): Promise<SystemCheckResult> {
  const { workflowId } = workflowInfo();
  const base = { workflowId, processType: 'system_check', processId: workflowId };
  const startedAt = new Date().toISOString();
  await recordAuditEvent({ ...base, idempotencyKey: `${workflowId}:started`, type: 'started', at: startedAt });
  await sleep(input.waitMs);
  const finishedAt = new Date().toISOString();
  await recordAuditEvent({ ...base, idempotencyKey: `${workflowId}:completed`, type: 'completed', at: finishedAt });
  return { startedAt, finishedAt };
}
