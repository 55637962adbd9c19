// The engine's messages, shared by every process workflow that uses the approval engine. The
// API imports these definitions to send Updates and Queries; the engine registers their handlers.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AddApproverInput,
  ClaimInput,
  DecideInput,
  DelegateInput,
  ProcessOutcome,
  ResubmitInput,
  TaskState,
  UrgeInput,
  WithdrawInput,
} from '../../domain/approval';

export const decideUpdate = defineUpdate<TaskState, [DecideInput]>('decide');
export const delegateUpdate = defineUpdate<TaskState, [DelegateInput]>('delegate');
export const claimUpdate = defineUpdate<TaskState, [ClaimInput]>('claim');
export const addApproverUpdate = defineUpdate<TaskState, [AddApproverInput]>('addApprover');
export const withdrawUpdate = defineUpdate<{ withdrawn: true }, [WithdrawInput]>('withdraw');
export const urgeUpdate = defineUpdate<{ notified: number }, [UrgeInput]>('urge');
export const resubmitUpdate = defineUpdate<TaskState, [ResubmitInput]>('resubmit');
/** Answers once the run is quiet: after a start, its first tasks exist (sent by the API with the start). */
export const settledUpdate = defineUpdate<ProcessStateView, []>('settled');

export interface ProcessStateView {
  workflowId: string;
  processType: string;
  processId: string;
  title: string;
  submitterId: string;
  status: 'running' | 'sent_back' | ProcessOutcome['result'];
  round: number;
  currentStep: string | null;
  steps: { key: string; title: { 'zh-CN': string; en: string }; mode: 'all' | 'any' }[];
  tasks: TaskState[];
}

export const processStateQuery = defineQuery<ProcessStateView>('processState');
