import type { RaRecord } from 'react-admin';
import type { Content, Subject } from '../tasks/subject/types';

/** A task as GET /api/tasks returns it (api/openapi/tasks.ts, Task). */
export interface Task extends RaRecord<string> {
  id: string;
  processType: string;
  processId: string;
  workflowId: string;
  processTitle?: string | null;
  stepKey?: string;
  round?: number;
  title: string;
  status: 'open' | 'done' | 'cancelled';
  assigneeId?: string | null;
  assigneeName?: string | null;
  candidateRole?: string | null;
  candidateRegionId?: string | null;
  allowedDecisions?: string[];
  dueAt: string;
  overdue?: boolean;
  escalationLevel?: number;
  delegatedFromId?: string | null;
  createdAt?: string;
  decidedAt?: string | null;
  decidedById?: string | null;
  decision?: string | null;
  comment?: string | null;
  /** What the task is about (lists and GET one; api/subjects.ts). */
  subject?: Subject | null;
  /** The object in full (GET one only). */
  content?: Content | null;
}

export interface LiveTask {
  id: string;
  stepKey: string;
  round: number;
  title: string;
  assigneeId: string | null;
  candidateRole: string | null;
  candidateRegionId: string | null;
  allowedDecisions: string[];
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  escalationLevel: number;
  decision?: { decision: string; comment: string | null; byUserId: string; byName: string; at: string };
}

/** The live state the workflow answers while it runs (`state` of GET /api/processes/:id). */
export interface ProcessState {
  status?: string;
  round?: number;
  currentStep?: string | null;
  steps?: { key: string; title: Record<string, string>; mode?: 'all' | 'any' }[];
  tasks?: LiveTask[];
}

export interface Process extends RaRecord<string> {
  id: string;
  workflowId: string;
  processType: string;
  processId: string;
  title: string;
  submitterId?: string | null;
  submitterName?: string | null;
  seasonCode?: string | null;
  status: string;
  round?: number;
  result?: unknown;
  startedAt: string;
  endedAt?: string | null;
  state?: ProcessState | null;
}

export interface TimelineEvent {
  id: string;
  at: string;
  type: string;
  actor: string | null;
  actorId?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AppInfo {
  temporalUiUrl: string | null;
  temporalNamespace: string;
  tzBusiness: string;
}

export interface BulkDecisionResult {
  results: { id: string; ok: boolean; error?: { code: string; message: string } }[];
}
