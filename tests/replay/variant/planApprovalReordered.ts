// The demonstration's nondeterministic change (tests/replay/nondeterminism.test.ts): today's
// planApproval (workflows/planApproval.ts) with two of its writes swapped — the plan is marked
// submitted before the engine's first activity instead of after it, with no patched() around
// the change. Runs recorded on the real code must fail to replay on it.
import { workflowInfo } from '@temporalio/workflow';
import type { ChainOutcome } from '../../../domain/approval';
import type { PlanApprovalInput } from '../../../workflows/planApproval';
import { ApprovalEngine } from '../../../workflows/engine/approvalEngine';
import { writes } from '../../../workflows/engine/writes';

const { planSubmitted, planSentBack, planResubmitted, planFinished } = writes;

export async function planApproval(input: PlanApprovalInput): Promise<ChainOutcome> {
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();
  const engine = new ApprovalEngine(
    {
      workflowId,
      processType: 'plan',
      processId: input.planId,
      title: input.title,
      submitterId: input.submitterId,
      seasonCode: input.seasonCode,
    },
    {
      onSentBack: (task) => planSentBack({ planId: input.planId, comment: task.decision?.comment ?? null }),
      onResubmitted: async (comment) => {
        await planResubmitted({ planId: input.planId, workflowId, comment, at: now() });
      },
    },
  );
  // The change: these two were the other way round.
  await planSubmitted({ planId: input.planId, workflowId, at: now() });
  await engine.start();
  const outcome = await engine.runChain(input.chain);
  await planFinished({ planId: input.planId, result: outcome.result, reason: 'reason' in outcome ? outcome.reason : null, at: now() });
  await engine.finish(outcome, input.chain.cc);
  return outcome;
}
