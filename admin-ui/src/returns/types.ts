import type { RaRecord } from 'react-admin';

/**
 * Return or clearance (返货 / 残次 / 清货): the shapes of GET /api/returns(/:id). Money is integer
 * fen; instants ISO-8601; dates YYYY-MM-DD in the business zone.
 */

export const RETURN_KINDS = ['return', 'clearance'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

export const RETURN_CONDITIONS = ['new', 'defective', 'worn'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** return: checking → pending_approval → in_transit → (defect_handling → accounting →) completed, or refused / rejected / withdrawn; clearance: pending_approval → approved → running → completed. */
export const RETURN_STATUSES = [
  'checking',
  'refused',
  'pending_approval',
  'rejected',
  'approved',
  'in_transit',
  'defect_handling',
  'accounting',
  'running',
  'completed',
  'withdrawn',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** Statuses in which the request still changes by itself or waits for someone. */
export const LIVE_RETURN_STATUSES: readonly string[] = [
  'checking',
  'pending_approval',
  'approved',
  'in_transit',
  'defect_handling',
  'accounting',
  'running',
];

export interface ReturnLine {
  position: number;
  sku: string;
  size: string | null;
  qty: number;
  condition: ReturnCondition | string;
  clearancePriceFen: number | null;
  receivedQty: number | null;
  defectiveQty: number | null;
}

export interface ReturnShipment {
  id: string;
  code: string;
  status: string;
  delayed: boolean;
  escalationLevel: number;
}

export interface ReturnResult {
  /** A return with defects: the after-sales decision. */
  defectDecision?: string | null;
  defectComment?: string | null;
  defectiveQty?: number;
  /** A clearance: the sell-through over its period. */
  soldQty?: number;
  remainingQty?: number;
  sellThroughBp?: number | null;
}

export interface ReturnRequest extends RaRecord<string> {
  id: string;
  code: string;
  kind: ReturnKind;
  status: ReturnStatus;
  storeId: string | null;
  storeName: string | null;
  franchiseeId: string | null;
  franchiseeName: string | null;
  reason: string;
  refusalReasons: string[];
  startsOn: string | null;
  endsOn: string | null;
  shipment: ReturnShipment | null;
  result: ReturnResult | null;
  workflowId: string | null;
  createdByName: string | null;
  createdAt: string;
  totalQty: number;
  lines: ReturnLine[];
}

export type ChipColor = 'default' | 'primary' | 'info' | 'warning' | 'success' | 'error';

/** Refused / rejected red, waiting for someone orange, moving blue, completed green. */
export const returnStatusColor = (status: string | undefined): ChipColor => {
  switch (status) {
    case 'refused':
    case 'rejected':
      return 'error';
    case 'pending_approval':
    case 'defect_handling':
    case 'accounting':
      return 'warning';
    case 'approved':
    case 'in_transit':
    case 'running':
      return 'info';
    case 'completed':
      return 'success';
    default:
      return 'default';
  }
};

export const conditionColor = (condition: string): ChipColor =>
  condition === 'defective' ? 'warning' : condition === 'worn' ? 'error' : 'default';

export const returnStatusChoices = RETURN_STATUSES.map((id) => ({ id, name: `app.return.status.${id}` }));
export const returnKindChoices = RETURN_KINDS.map((id) => ({ id, name: `app.return.kind.${id}` }));
export const conditionChoices = RETURN_CONDITIONS.map((id) => ({ id, name: `app.return.condition.${id}` }));

/**
 * Staff who may ask on behalf of a store or franchisee; who may ask at all (those, store managers
 * for their store, franchisees for their own returns); who reads returns (staff all, store
 * managers their store's, franchisees their own): as the API's guards (roles/access.ts).
 */
export { RETURN_READER_ROLES, RETURN_STAFF_REQUESTER_ROLES, RETURN_WRITER_ROLES } from '../roles/access';
