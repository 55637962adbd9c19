import type { RaRecord } from 'react-admin';
import { SHIPMENT_TRACKER_ROLES } from '../roles/access';

/**
 * Shipment tracking (发货 → 在途 → 到仓入库): the shapes of GET /api/shipments, GET
 * /api/shipments/:id and GET /api/reports/order-balance. Instants ISO-8601; dates YYYY-MM-DD.
 */

export const SHIPMENT_STATUSES = ['created', 'dispatched', 'in_transit', 'arrived', 'received', 'reconciled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** What carriers and head office report (POST /api/shipments/:id/events). */
export const EVENT_TYPES = ['dispatched', 'in_transit', 'arrived', 'eta_changed'] as const;
export type ShipmentEventType = (typeof EVENT_TYPES)[number];

export const DISCREPANCY_KINDS = ['short', 'over', 'wrong_item', 'damaged'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export type DelayReason = 'late' | 'silent';
export type Resolution = 'exact' | 'accepted' | 'claimed';

/** Who each rung of the escalation ladder goes to: 1 the order follower, 2 the supervisor, 3 the manager. */
export const LADDER_ROLES = ['follower', 'supervisor', 'manager'] as const;
export const rungRole = (level: number): string => LADDER_ROLES[Math.min(Math.max(level, 1), LADDER_ROLES.length) - 1]!;

export interface ShipmentLine {
  position: number;
  sku: string;
  productName?: string | null;
  size: string;
  qty: number;
  /** Null: not against any franchisee's order. */
  franchiseeId: string | null;
  receivedQty: number;
  damagedQty: number;
}

export interface ShipmentEvent {
  eventId: string;
  type: ShipmentEventType | string;
  at: string;
  location?: string | null;
  expectedArrival?: string | null;
  recordedAt: string;
  /** False: older than the latest applied event; kept for history, changed nothing. */
  applied: boolean;
}

export interface ReceiptLine {
  sku: string;
  size: string;
  qty: number;
  damaged: number;
}

export interface Discrepancy {
  sku: string;
  size: string;
  kind: DiscrepancyKind;
  expected: number;
  received: number;
  damaged: number;
}

export interface Receipt {
  number?: number;
  receivedAt: string;
  byName?: string | null;
  lines: ReceiptLine[];
  discrepancies: Discrepancy[];
}

export interface Shipment extends RaRecord<string> {
  id: string;
  code: string;
  externalRef?: string | null;
  bookingId?: string | null;
  season?: string | null;
  status: ShipmentStatus;
  expectedArrival: string;
  dispatchedAt?: string | null;
  arrivedAt?: string | null;
  lastEventAt?: string | null;
  location?: string | null;
  carrier?: string | null;
  trackingNo?: string | null;
  delayed: boolean;
  delayReason?: DelayReason | null;
  delayedSince?: string | null;
  escalationLevel: number;
  resolution?: Resolution | null;
  resolutionNote?: string | null;
  workflowId?: string | null;
  createdAt: string;
  createdByName?: string | null;
  totalQty: number;
  /** Only in GET /api/shipments/:id (and write responses). */
  lines?: ShipmentLine[];
  events?: ShipmentEvent[];
  receipt?: Receipt | null;
}

export interface BalanceRow {
  franchiseeId: string;
  franchiseeName: string;
  sku: string;
  productName: string;
  orderedQty: number;
  shippedQty: number;
  owedQty: number;
  receivedQty: number;
}

export type BalanceTotals = Pick<BalanceRow, 'orderedQty' | 'shippedQty' | 'owedQty' | 'receivedQty'>;

export interface OrderBalance {
  season: string;
  rows: BalanceRow[];
  totals: BalanceTotals;
}

export type ChipColor = 'default' | 'primary' | 'info' | 'warning' | 'success' | 'error';

/** created grey, on the way blue, arrived / being reconciled orange, reconciled green. */
export const shipmentStatusColor = (status: string | undefined): ChipColor => {
  switch (status) {
    case 'dispatched':
    case 'in_transit':
      return 'info';
    case 'arrived':
    case 'received':
      return 'warning';
    case 'reconciled':
      return 'success';
    default:
      return 'default';
  }
};

export const discrepancyColor = (kind: string): ChipColor =>
  kind === 'over' ? 'info' : kind === 'short' || kind === 'damaged' ? 'error' : 'warning';

export const shipmentStatusChoices = SHIPMENT_STATUSES.map((id) => ({ id, name: `app.shipment.status.${id}` }));

/** Statuses before the receipt: events may still come in. */
export const OPEN_STATUSES: readonly string[] = ['created', 'dispatched', 'in_transit', 'arrived'];
/** Statuses from which the warehouse scans a shipment in. */
export const SCANNABLE_STATUSES: readonly string[] = ['in_transit', 'arrived'];

/** Roles the API lets create shipments, record events and scan in (roles/access.ts). */
export const SHIPMENT_ROLES: readonly string[] = SHIPMENT_TRACKER_ROLES;
/** Roles that see the order balance (期货订发欠): the shipment staff and finance. */
export const BALANCE_ROLES = [...SHIPMENT_ROLES, 'finance'];

/** A product of GET /api/products (for the line grid). */
export interface Product extends RaRecord<string> {
  id: string;
  sku: string;
  name: string;
  seasonCode: string;
  sizes: string[];
}
