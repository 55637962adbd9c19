// Process 1, plan approval (计划审批): a season purchase or launch plan goes up the chain
// (supervisor → merchandise manager → finance and general manager above the threshold); a
// send back lets the owner edit a new revision and resubmit, resuming at the step that sent
// it back; approval locks the plan as the source of quotas and the shipment schedule.
import { workflowInfo } from '@temporalio/workflow';
import type { ChainOutcome, ChainSpec } from '../domain/approval';
import { ApprovalEngine } from './engine/approvalEngine';
import { writes } from './engine/writes';

const { planSubmitted, planSentBack, planResubmitted, planFinished } = writes;

export interface PlanApprovalInput {
  planId: string;
  title: string;
  submitterId: string;
  seasonCode: string;
  /** Built by the API from domain/plans.ts planChainTemplate and the plan's total. */
  chain: ChainSpec;
}

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
  await engine.start();
  await planSubmitted({ planId: input.planId, workflowId, at: now() });
  const outcome = await engine.runChain(input.chain);
  await planFinished({ planId: input.planId, result: outcome.result, reason: 'reason' in outcome ? outcome.reason : null, at: now() });
  await engine.finish(outcome, input.chain.cc);
  return outcome;
}
