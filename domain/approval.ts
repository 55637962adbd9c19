// The approval engine's shared vocabulary: workflows, activities and the API all speak it.
// Pure types and rules only (workflow code imports this file).

import type { MailParams, MailTemplateName } from './mail';

/** Every role, in the order the admin UI lists them; the database enum `Role` holds the same. */
export const ROLES = [
  'admin',
  'general_manager',
  'manager',
  'supervisor',
  'specialist',
  'follower',
  'buyer',
  'store_lead',
  'after_sales',
  'finance',
  'store_manager',
  'franchisee',
  'area_manager',
] as const;
export type RoleName = (typeof ROLES)[number];

/** Who acts: the API passes the authenticated user into every Update. */
export interface Actor {
  userId: string;
  name: string;
  roles: RoleName[];
  regionId: string | null;
}

/** Who a human step goes to. Resolved to a user or a role when the task is created. */
export type AssigneeRef =
  | { userId: string }
  | { role: RoleName; regionId?: string | null }
  /** The submitter's superior, `levels` up (1 = direct superior). */
  | { superiorOf: 'submitter'; levels?: number };

/** 会签 (all must approve) or 或签 (the first decision settles the step). */
export type StepMode = 'all' | 'any';

export interface StepSpec {
  key: string;
  title: { 'zh-CN': string; en: string };
  assignees: AssigneeRef[];
  /** Default 'all' (with one assignee both are the same). */
  mode?: StepMode;
  /** ISO-8601 duration; default the task.defaultDue setting. */
  due?: string;
  /** Allowed decisions; default approve, reject, send_back. */
  decisions?: string[];
  /** false: no reminders or escalation of the task's own (the process escalates by itself). */
  escalate?: boolean;
  /** An absolute due instant (ISO), instead of `due`: e.g. three days before an allocation. */
  dueAt?: string;
  /** The mail a new task sends instead of task_assigned (e.g. a price notice to acknowledge). */
  notice?: { template: MailTemplateName; params: MailParams };
}

export interface ChainSpec {
  steps: StepSpec[];
  /** 抄送: told of the outcome by mail; they do not decide. */
  cc?: AssigneeRef[];
}

export const BASE_DECISIONS = ['approve', 'reject', 'send_back'] as const;
/** Decisions that need a comment (the reason or what to change). */
export const COMMENT_REQUIRED = new Set(['reject', 'send_back', 'cancel', 'claim', 'recount', 'followed_up']);

export interface ProcessRef {
  workflowId: string;
  processType: string;
  processId: string;
  title: string;
  submitterId: string;
  /** The season the process concerns, when it concerns one. */
  seasonCode?: string | null;
}

/** A task as the workflow holds it (the DB row mirrors it for the inbox). */
export interface TaskState {
  id: string;
  stepKey: string;
  round: number;
  title: string;
  assigneeId: string | null;
  candidateRole: RoleName | null;
  candidateRegionId: string | null;
  allowedDecisions: string[];
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  escalationLevel: number;
  decision?: { decision: string; comment: string | null; byUserId: string; byName: string; at: string; data?: Record<string, unknown> };
}

/** When a task is due, and when its reminders and escalation levels fire (ISO instants). */
export interface Deadlines {
  dueAt: string;
  reminders: { lead: string; at: string }[];
  escalations: { level: number; after: string; at: string }[];
}

export type ChainOutcome =
  | { result: 'approved' }
  | { result: 'rejected'; reason: string; byUserId: string; stepKey: string }
  | { result: 'withdrawn'; reason: string | null; byUserId: string };

/** How a process ends: a chain's outcome, or a process of its own kind completed or cancelled. */
export type ProcessOutcome =
  ChainOutcome | { result: 'completed' } | { result: 'cancelled'; reason: string | null; byUserId: string | null };

// ---- Updates (the API sends them; validators refuse with the codes below) --------------

/** `data`: what a process's own decision carries (e.g. extend's new paymentDeadline). */
export interface DecideInput {
  taskId: string;
  actor: Actor;
  decision: string;
  comment?: string | null;
  data?: Record<string, unknown> | null;
}
export interface DelegateInput {
  taskId: string;
  actor: Actor;
  toUserId: string;
  comment?: string | null;
}
export interface ClaimInput {
  taskId: string;
  actor: Actor;
}
export interface WithdrawInput {
  actor: Actor;
  reason?: string | null;
}
export interface UrgeInput {
  actor: Actor;
  comment?: string | null;
}
/** 加签: 'after' adds a step after the current one; 'with' adds a co-approver to it. */
export interface AddApproverInput {
  taskId: string;
  actor: Actor;
  userId: string;
  position: 'after' | 'with';
  comment?: string | null;
}
export interface ResubmitInput {
  actor: Actor;
  comment?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Error types an Update validator or the API refuses with; ApplicationFailure.type carries
 * them from the workflow, and the API maps them to HTTP (see HTTP_STATUS).
 */
export const REFUSALS = {
  not_found: 404,
  forbidden: 403,
  task_already_decided: 409,
  not_open: 409,
  already_decided: 409,
  process_finished: 409,
  validation_failed: 422,
  urge_too_soon: 429,
  duplicate_payment_reference: 409,
  booking_closed: 409,
  payment_date_in_future: 422,
  receipt_exists: 409,
} as const;
export type RefusalCode = keyof typeof REFUSALS;

/** Whether the actor may act on a task as its decider (assignee, role holder, or admin). */
export function mayDecide(task: Pick<TaskState, 'assigneeId' | 'candidateRole' | 'candidateRegionId'>, actor: Actor): boolean {
  if (actor.roles.includes('admin')) return true;
  if (task.assigneeId) return task.assigneeId === actor.userId;
  if (!task.candidateRole || !actor.roles.includes(task.candidateRole)) return false;
  return !task.candidateRegionId || task.candidateRegionId === actor.regionId;
}
