// Process 5b, a clearance in store (清货): the merchandise manager approves the markdown and the
// period; the clearance prices take effect in the price history for the period (kind clearance,
// with its end: lib/prices/current.ts), so at its end the price in force is what it would have
// been without the clearance; at its end the sell-through over the period is recorded.
import { patched, sleep, workflowInfo } from '@temporalio/workflow';
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
    // Runs that began their period before clearances ended by themselves replay as they ran;
    // their price rows were given their end by the migration 20261207000000_clearance_periods.
    if (!patched('clearance-period-ends')) {
      await acts.startClearance({ requestId: input.requestId, at: input.startsAt });
      await engine.audit('clearance_started', {}, { startsAt: input.startsAt, endsAt: input.endsAt });
      await until(input.endsAt);
      const result = await acts.finishClearance({ requestId: input.requestId });
      await engine.audit('clearance_result', {}, { ...result });
      return { result: 'completed' };
    }
    // The clearance prices hold for the period only; a line no longer below the price in force
    // at the start (a regular change since the approval) is skipped, on the timeline.
    const started = await acts.startClearance({ requestId: input.requestId, at: input.startsAt, endsAt: input.endsAt });
    for (const line of started.skipped) await engine.audit('clearance_line_skipped', {}, { ...line, reason: 'not_a_markdown' });
    await engine.audit(
      'clearance_started',
      {},
      { startsAt: input.startsAt, endsAt: input.endsAt, lines: started.applied.length, skipped: started.skipped.length },
    );
    await until(input.endsAt);
    const { returned, ...result } = await acts.finishClearance({ requestId: input.requestId, endsAt: input.endsAt });
    // The price in force after the period: what it would have been without the clearance.
    await engine.audit('clearance_ended', {}, { endsAt: input.endsAt, lines: returned ?? [] });
    await engine.audit('clearance_result', {}, { ...result });
    return { result: 'completed' };
  }

  const outcome = await run();
  await engine.finish(outcome);
  return outcome;
}
