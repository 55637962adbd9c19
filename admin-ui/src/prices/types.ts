import type { RaRecord } from 'react-admin';

/**
 * Price adjustment (调价): the shapes of GET /api/price-adjustments(/:id), GET
 * /api/price-adjustments/context and GET /api/prices. Money is integer fen; instants ISO-8601;
 * dates YYYY-MM-DD in the business zone.
 */

export const PRICE_STATUSES = ['pending_approval', 'approved', 'effective', 'rejected', 'superseded', 'withdrawn'] as const;
export type PriceStatus = (typeof PRICE_STATUSES)[number];

/** Not yet in effect: a later proposal for the same SKU and store must supersede it. */
export const PENDING_PRICE_STATUSES: readonly string[] = ['pending_approval', 'approved'];

export interface PriceLine {
  sku: string;
  productName?: string | null;
  oldPriceFen: number;
  newPriceFen: number;
  suggestedPriceFen?: number | null;
}

export interface PriceNotification {
  kind: 'finance' | 'store';
  storeId: string | null;
  storeName: string | null;
  taskId: string;
  status?: string;
  assigneeName: string | null;
  candidateRole?: string | null;
  sentAt: string;
  dueAt?: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
}

export interface PriceAdjustment extends RaRecord<string> {
  id: string;
  code: string;
  status: PriceStatus;
  urgent: boolean;
  reason: string;
  allocationDate: string;
  arrivalDate: string;
  effectiveDate: string;
  approvalDueAt: string;
  notifyBy: string;
  storeIds: string[];
  skus?: string[];
  workflowId?: string | null;
  createdById?: string | null;
  createdByName?: string | null;
  createdAt: string;
  supersedes?: string | null;
  supersededBy?: string | null;
  decisionNote?: string | null;
  effectiveAt?: string | null;
  /** Only in GET /api/price-adjustments/:id (and the POST response). */
  storeNames?: string[];
  supersedesCode?: string | null;
  supersededByCode?: string | null;
  lines?: PriceLine[];
  notifications?: PriceNotification[];
}

export interface MarkdownBand {
  minAgeDays: number;
  discountBp: number;
}

export interface StoreContext {
  storeId: string;
  storeName: string;
  currentPriceFen: number;
  onHand: number;
  stockAgeDays: number | null;
  soldQty: number;
  sellThroughBp: number | null;
  suggestedPriceFen: number | null;
}

export interface PriceContext {
  sku: string;
  productName: string;
  retailPriceFen: number;
  rule: MarkdownBand[];
  stockAgeDays: number | null;
  suggestedPriceFen: number | null;
  stores: StoreContext[];
}

export interface PriceHistoryEntry {
  /** regular (an adjustment), clearance (its price, for its period), clearance_end (the return after it). */
  kind?: 'regular' | 'clearance' | 'clearance_end';
  priceFen: number;
  previousFen: number;
  effectiveAt: string;
  adjustmentCode: string | null;
  /** What else set it, e.g. "清货 RT000004" (when the API sends it). */
  note?: string | null;
  /** A clearance's end (exclusive: the start of the day after its last day). */
  endsAt?: string | null;
  pending: boolean;
}

/** A clearance in force: its price until `endsAt` (exclusive). */
export interface RunningClearance {
  priceFen: number;
  since: string;
  endsAt: string;
  note: string | null;
}

export interface StorePrice {
  sku: string;
  productName: string;
  storeId: string;
  storeName: string;
  currentPriceFen: number;
  since: string | null;
  /** The price without the clearance in force (the latest adjustment, else retail). */
  regularPriceFen?: number;
  clearance?: RunningClearance | null;
  history: PriceHistoryEntry[];
}

export type ChipColor = 'default' | 'primary' | 'info' | 'warning' | 'success' | 'error';

/** Waiting for approval orange, approved (waiting for its date) blue, effective green, rejected red. */
export const priceStatusColor = (status: string | undefined): ChipColor => {
  switch (status) {
    case 'pending_approval':
      return 'warning';
    case 'approved':
      return 'info';
    case 'effective':
      return 'success';
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
};

export const priceStatusChoices = PRICE_STATUSES.map((id) => ({ id, name: `app.price.status.${id}` }));

/**
 * Who proposes prices, and who reads adjustments and prices (staff, and store managers: their
 * notices, their store's prices): as the API's guards (roles/access.ts).
 */
export { PRICE_PROPOSER_ROLES, PRICE_READER_ROLES } from '../roles/access';

/**
 * Staff as the API counts them (api/auth.ts isStaff): anyone holding a role other than those of
 * store and franchise partners. They may read master data (stores, products) and see everything.
 */
export const isBrandStaff = (permissions: unknown): boolean =>
  Array.isArray(permissions) && permissions.some((r) => !['franchisee', 'store_manager'].includes(String(r)));
