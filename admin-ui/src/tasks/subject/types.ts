// What a task is about, as the API sends it (api/subjects.ts; api/openapi/tasks.ts TaskSubject and
// TaskContent): typed data per process type, money in fen, dates ISO. Rendered in the reader's language.

export type SubjectResource = 'plans' | 'bookings' | 'shipments' | 'price-adjustments' | 'returns' | 'processes';
export interface SubjectRef {
  resource: SubjectResource;
  id: string;
  code: string | null;
}

interface PlanLine {
  category: string;
  regionId?: string | null;
  storeId?: string | null;
  qty: number;
  amountFen: number;
}
interface Amounts {
  qty: number;
  amountFen: number;
}

export interface PlanSubject {
  kind: 'plan';
  ref: SubjectRef;
  planType: string;
  season: string;
  status: string;
  revision: number;
  ownerName: string;
  lineCount: number;
  totalQty: number;
  totalAmountFen: number;
}
export interface PlanContent extends PlanSubject {
  title: string;
  lines: (PlanLine & { storeName: string | null; regionName: string | null })[];
  totals: Amounts & { byCategory: (Amounts & { category: string })[]; byRegion: (Amounts & { regionId: string | null })[] };
  diff: {
    fromRevision: number;
    toRevision: number;
    added: PlanLine[];
    removed: PlanLine[];
    changed: { key: string; before: PlanLine; after: PlanLine }[];
    totals: { before: Amounts; after: Amounts };
  } | null;
}

export interface BookingSubject {
  kind: 'booking';
  ref: SubjectRef;
  status: string;
  franchiseeName: string;
  season: string;
  totalQty: number;
  amountFen: number;
  quotaFen: number | null;
  quotaCheck: string;
  prepaymentDueFen: number;
  paidFen: number;
  /** None until the order statement is sent. */
  paymentDeadline: string | null;
}
export interface BookingContent extends BookingSubject {
  prepaymentShareBp: number;
  lines: { sku: string; productName: string; size: string; qty: number; unitPriceFen: number; amountFen: number }[];
}

export interface ShipmentSubject {
  kind: 'shipment';
  ref: SubjectRef;
  status: string;
  franchiseeName: string | null;
  totalQty: number;
  expectedArrival: string;
  delayed: boolean;
}
export interface ShipmentContent extends ShipmentSubject {
  location: string | null;
  carrier: string | null;
  lastEventAt: string | null;
  delayReason: string | null;
  lines: { sku: string; size: string; qty: number }[];
  receipt: {
    receivedAt: string;
    lines: { sku: string; size: string; qty: number; damaged: number }[];
    discrepancies: { sku: string; size: string; kind: string; expected: number; received: number; damaged: number }[];
  } | null;
}

export interface PriceSubject {
  kind: 'price';
  ref: SubjectRef;
  status: string;
  urgent: boolean;
  lineCount: number;
  sku: string;
  oldPriceFen: number;
  newPriceFen: number;
  storeCount: number;
  allocationDate: string;
  effectiveDate: string;
}
export interface PriceContent extends PriceSubject {
  reason: string;
  arrivalDate: string;
  stores: { storeId: string; storeName: string }[];
  lines: {
    sku: string;
    productName: string;
    oldPriceFen: number;
    newPriceFen: number;
    suggestedPriceFen: number | null;
    stores: { storeId: string; currentPriceFen: number; onHand: number; stockAgeDays: number | null; sellThroughBp: number | null }[];
  }[];
}

export interface ReturnSubject {
  kind: 'return';
  ref: SubjectRef;
  status: string;
  requesterName: string | null;
  lineCount: number;
  totalQty: number;
  standardPassed: boolean;
}
export interface ReturnContent extends ReturnSubject {
  reason: string;
  refusalReasons: string[];
  lines: { sku: string; productName: string; size: string; qty: number; condition: string; receivedQty: number; defectiveQty: number }[];
}

export interface ClearanceSubject {
  kind: 'clearance';
  ref: SubjectRef;
  status: string;
  requesterName: string | null;
  lineCount: number;
  sku: string | null;
  clearancePriceFen: number | null;
  currentPriceFen: number | null;
  aboveCurrent: boolean;
  startsOn: string | null;
  endsOn: string | null;
}
export interface ClearanceContent extends ClearanceSubject {
  reason: string;
  lines: { sku: string; productName: string; clearancePriceFen: number | null; currentPriceFen: number | null }[];
}

export interface ApprovalSubject {
  kind: 'approval';
  ref: SubjectRef;
  title: string;
  season: string | null;
  amountFen: number | null;
  reason: string | null;
}

export type Subject = PlanSubject | BookingSubject | ShipmentSubject | PriceSubject | ReturnSubject | ClearanceSubject | ApprovalSubject;
export type Content = PlanContent | BookingContent | ShipmentContent | PriceContent | ReturnContent | ClearanceContent | ApprovalSubject;
export type SubjectKind = Subject['kind'];

/** The admin page of a task's business object (a general approval's is its process page). */
export const subjectPath = (ref: SubjectRef): string => `/${ref.resource}/${encodeURIComponent(ref.id)}/show`;

/** The same, from a process's type and object id (the process page, which has no subject of its own). */
export const objectPath = (processType: string, processId: string): string | null => {
  const resource: Record<string, SubjectResource> = {
    plan: 'plans',
    booking: 'bookings',
    shipment: 'shipments',
    price: 'price-adjustments',
    return: 'returns',
    clearance: 'returns',
  };
  return resource[processType] ? subjectPath({ resource: resource[processType], id: processId, code: null }) : null;
};
