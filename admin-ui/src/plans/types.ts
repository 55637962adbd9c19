import type { RaRecord } from 'react-admin';

/** Plan approval (计划审批): the shapes of GET /api/plans and GET /api/plans/:id. Money is integer fen. */

export const PLAN_TYPES = ['purchase', 'launch'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export const PLAN_STATUSES = ['draft', 'submitted', 'sent_back', 'approved', 'rejected', 'withdrawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Statuses in which the owner may change the lines (a send back makes the next edit a new revision). */
export const EDITABLE_STATUSES: readonly string[] = ['draft', 'sent_back'];

/** Whether the plan's content may change now: a draft being submitted (it has a run already) may not. */
export const isEditable = (plan: Pick<Plan, 'status' | 'workflowId'>): boolean =>
  EDITABLE_STATUSES.includes(plan.status) && !(plan.status === 'draft' && plan.workflowId);

export interface PlanLine {
  id?: string;
  position?: number;
  category: string;
  regionId?: string | null;
  storeId?: string | null;
  qty: number;
  amountFen: number;
}

export interface PlanWave {
  name: string;
  startsOn: string;
  endsOn?: string | null;
  categories: string[];
}

export interface Amounts {
  qty: number;
  amountFen: number;
}

export interface PlanTotals extends Amounts {
  byRegion?: (Amounts & { regionId: string | null })[];
  byCategory?: (Amounts & { category: string })[];
}

export interface PlanRevision {
  number: number;
  status: 'draft' | 'submitted';
  comment?: string | null;
  submittedAt?: string | null;
  lines?: PlanLine[];
  waves?: PlanWave[];
  totals?: PlanTotals;
}

export interface Plan extends RaRecord<string> {
  id: string;
  season: string;
  type: PlanType;
  title: string;
  ownerId: string;
  ownerName?: string | null;
  status: PlanStatus;
  currentRevision: number;
  workflowId?: string | null;
  reason?: string | null;
  lockedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  revision?: PlanRevision | null;
  /** In the list: totals of the current revision. */
  totalQty?: number;
  totalAmountFen?: number;
}

/** One entry of GET /api/plans/:id/revisions. */
export interface RevisionSummary {
  number: number;
  status: 'draft' | 'submitted';
  comment?: string | null;
  submittedAt?: string | null;
  totals?: PlanTotals | null;
}

/** GET /api/plans/:id/diff?from=N&to=M */
export interface PlanDiff {
  added: PlanLine[];
  removed: PlanLine[];
  changed: { key: string; before: PlanLine; after: PlanLine }[];
  totals: { before: Amounts; after: Amounts };
}

export type PlanColor = 'default' | 'info' | 'warning' | 'success' | 'error';

export const planStatusColor = (status: string | undefined): PlanColor => {
  switch (status) {
    case 'submitted':
      return 'info';
    case 'sent_back':
      return 'warning';
    case 'approved':
      return 'success';
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
};

export const planTypeChoices = PLAN_TYPES.map((id) => ({ id, name: `app.plan.type.${id}` }));
export const planStatusChoices = PLAN_STATUSES.map((id) => ({ id, name: `app.plan.status.${id}` }));

/** Roles the API lets create and change plans (roles/access.ts). */
export { PLAN_WRITER_ROLES } from '../roles/access';
