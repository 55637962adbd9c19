import type { RaRecord } from 'react-admin';

/**
 * Order-fair booking (订货会期货订单与预付款): the shapes of GET /api/bookings, GET /api/bookings/:id
 * and GET /api/bookings/summary. Money is integer fen; instants ISO-8601; dates YYYY-MM-DD.
 */

export const BOOKING_STATUSES = ['awaiting_approval', 'awaiting_payment', 'overdue', 'confirmed', 'cancelled', 'rejected'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses in which a payment may still be recorded (the `payable=true` filter). */
export const PAYABLE_STATUSES: readonly string[] = ['awaiting_approval', 'awaiting_payment', 'overdue'];

export const QUOTA_CHECKS = ['within', 'below', 'above', 'no_quota'] as const;
export type QuotaCheck = (typeof QUOTA_CHECKS)[number];

export interface BookingLine {
  position: number;
  sku: string;
  productName?: string | null;
  size: string;
  qty: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface BookingPayment {
  id: string;
  amountFen: number;
  reference: string;
  paidOn?: string | null;
  note?: string | null;
  recordedById?: string | null;
  recordedByName?: string | null;
  recordedAt: string;
}

export interface Booking extends RaRecord<string> {
  id: string;
  code: string;
  franchiseeId: string;
  franchiseeName?: string | null;
  regionId?: string | null;
  regionName?: string | null;
  season: string;
  status: BookingStatus;
  amountFen: number;
  prepaymentShareBp?: number | null;
  prepaymentDueFen: number;
  paidFen: number;
  outstandingFen: number;
  /** null until the order statement is sent: the payment window runs from then. */
  paymentDeadline?: string | null;
  statementSentAt?: string | null;
  quotaFen?: number | null;
  quotaCheck?: QuotaCheck | null;
  totalQty?: number | null;
  note?: string | null;
  workflowId?: string | null;
  createdById?: string | null;
  createdByName?: string | null;
  createdAt: string;
  confirmedAt?: string | null;
  cancelledAt?: string | null;
  reason?: string | null;
  /** Only in GET /api/bookings/:id (and write responses). */
  lines?: BookingLine[];
  payments?: BookingPayment[];
}

/** The figures of a franchisee, a region or the whole season in the summary. */
export interface Figures {
  quotaFen: number | null;
  orderedFen: number;
  quotaUsedBp: number | null;
  prepaymentDueFen: number;
  receivedFen: number;
  outstandingFen: number;
  bookings: number;
  confirmed: number;
  overdue: number;
}

export interface SummaryFranchisee extends Figures {
  franchiseeId: string;
  franchiseeName: string;
}

export interface SummaryRegion extends Figures {
  regionId: string | null;
  regionName: string | null;
  franchisees: SummaryFranchisee[];
}

export interface BookingSummary {
  season: string;
  totals: Figures;
  regions: SummaryRegion[];
}

/** A product of GET /api/products (for the line grid). */
export interface Product extends RaRecord<string> {
  id: string;
  sku: string;
  name: string;
  category?: string;
  seasonCode: string;
  wholesalePriceFen: number;
  sizes: string[];
}

/** A franchisee of GET /api/franchisees. */
export interface Franchisee extends RaRecord<string> {
  id: string;
  name: string;
  regionId?: string;
  prepaymentShareBp?: number | null;
  quotas?: { seasonCode: string; quotaFen: number | string }[];
}

export type ChipColor = 'default' | 'info' | 'warning' | 'success' | 'error';

/** overdue red, awaiting_* orange, confirmed green, cancelled / rejected grey. */
export const bookingStatusColor = (status: string | undefined): ChipColor => {
  switch (status) {
    case 'overdue':
      return 'error';
    case 'awaiting_approval':
    case 'awaiting_payment':
      return 'warning';
    case 'confirmed':
      return 'success';
    default:
      return 'default';
  }
};

export const quotaCheckColor = (check: string | null | undefined): ChipColor => {
  switch (check) {
    case 'below':
      return 'warning';
    case 'above':
      return 'error';
    case 'within':
      return 'success';
    default:
      return 'default';
  }
};

export const bookingStatusChoices = BOOKING_STATUSES.map((id) => ({ id, name: `app.booking.status.${id}` }));

/**
 * Who reads bookings (staff, franchisees their own), creates and imports them, records payments
 * received, cancels: as the API's guards (roles/access.ts).
 */
export { BOOKING_READER_ROLES, BOOKING_WRITER_ROLES, PAYMENT_ROLES, BOOKING_CANCEL_ROLES as CANCEL_ROLES } from '../roles/access';

/** The default quota tolerance (setting booking.quotaTolerance, 0.1) in basis points, when the setting cannot be read. */
export const DEFAULT_QUOTA_TOLERANCE_BP = 1000;

/** The default prepayment share (setting booking.prepaymentShare) for the estimate in the form. */
export const DEFAULT_PREPAYMENT_BP = 3000;
