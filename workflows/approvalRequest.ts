// A general approval request (通用审批): a title, a chain of steps and cc recipients, run by
// the shared approval engine. The five business processes use the same engine with their
// own steps; this one exists on its own for ad-hoc approvals and exercises the engine end
// to end in tests.
import { workflowInfo } from '@temporalio/workflow';
import type { ChainOutcome, ChainSpec, ProcessRef } from '../domain/approval';
import { ApprovalEngine } from './engine/approvalEngine';

export interface ApprovalRequestInput {
  process: Omit<ProcessRef, 'workflowId'>;
  chain: ChainSpec;
}

export async function approvalRequest(input: ApprovalRequestInput): Promise<ChainOutcome> {
  const engine = new ApprovalEngine({ ...input.process, workflowId: workflowInfo().workflowId });
  await engine.start();
  const outcome = await engine.runChain(input.chain);
  await engine.finish(outcome, input.chain.cc);
  return outcome;
}
