// Process 5b, a clearance in store (清货): the merchandise manager approves the markdown and the
// period; the clearance prices take effect in the price history at the start of the period
// (the price mechanics of process 4); at its end the sell-through over the period is recorded.
import { sleep, workflowInfo } from '@temporalio/workflow';
import type { ProcessOutcome } from '../domain/approval';
import type { ClearanceWorkflowInput } from '../domain/returns';
import { ApprovalEngine } from './engine/approvalEngine';
import { writes as acts } from './engine/writes';

export async function clearance(input: ClearanceWorkflowInput): Promise<ProcessOutcome> {
  const { workflowId } = workflowInfo();
  const engine = new ApprovalEngine({
    workflowId,
    processType: 'clearance',
    processId: input.requestId,
    title: input.title,
    submitterId: input.submitterId,
    seasonCode: input.seasonCode,
  });
  const status = (s: string) => acts.returnStatusChanged({ requestId: input.requestId, status: s });
  const until = async (iso: string) => {
    const ms = Date.parse(iso) - Date.now();
    if (ms > 0) await sleep(ms);
  };

  async function run(): Promise<ProcessOutcome> {
    await engine.start();
    await status('pending_approval');
    const decided = await engine.humanStep({
      key: 'approve_clearance',
      title: { 'zh-CN': '清货折扣与周期审批', en: 'Approve the clearance markdown and period' },
      assignees: [{ role: 'manager' }],
      decisions: ['approve', 'reject'],
    });
    if (decided.kind === 'withdrawn') {
      await status('withdrawn');
      return { result: 'withdrawn', reason: null, byUserId: input.submitterId };
    }
    if (decided.kind === 'rejected') {
      await status('rejected');
      return {
        result: 'rejected',
        reason: decided.task.decision?.comment ?? '',
        byUserId: decided.task.decision?.byUserId ?? '',
        stepKey: 'approve_clearance',
      };
    }
    await status('approved');
    await until(input.startsAt);
    await acts.startClearance({ requestId: input.requestId, at: input.startsAt });
    await engine.audit('clearance_started', {}, { startsAt: input.startsAt, endsAt: input.endsAt });
    await until(input.endsAt);
    const result = await acts.finishClearance({ requestId: input.requestId });
    await engine.audit('clearance_result', {}, { ...result });
    return { result: 'completed' };
  }

  const outcome = await run();
  await engine.finish(outcome);
  return outcome;
}
