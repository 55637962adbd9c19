// Shipment tracking (发货 → 在途 → 到仓入库, docs/domain.md process 3): the rules of status, delay,
// the escalation ladder and the reconciliation of a scan-in against the shipment. Pure
// functions: the workflow and the API share them.
import type { Actor } from './approval';

export type ShipmentStatus = 'created' | 'dispatched' | 'in_transit' | 'arrived' | 'received' | 'reconciled';
export type ShipmentEventType = 'dispatched' | 'in_transit' | 'arrived' | 'eta_changed';
export const EVENT_TYPES: readonly ShipmentEventType[] = ['dispatched', 'in_transit', 'arrived', 'eta_changed'];
export type DelayReason = 'late' | 'silent';
export type Resolution = 'exact' | 'accepted' | 'claimed';

/** Status only moves forward: an event that arrives late never moves it back. */
export const STATUS_RANK: Record<ShipmentStatus, number> = {
  created: 0,
  dispatched: 1,
  in_transit: 2,
  arrived: 3,
  received: 4,
  reconciled: 5,
};

/** Who each rung of the ladder goes to: rung 1 the order follower, 2 the supervisor, 3 (and beyond) the manager. */
export const LADDER_ROLES = ['follower', 'supervisor', 'manager'] as const;
export function rungRole(level: number): (typeof LADDER_ROLES)[number] {
  return LADDER_ROLES[Math.min(Math.max(level, 1), LADDER_ROLES.length) - 1]!;
}

export function shipmentCode(seq: number): string {
  return `SH${String(seq).padStart(6, '0')}`;
}

export function shipmentWorkflowId(shipmentId: string): string {
  return `shipment-${shipmentId}`;
}

/**
 * Is a shipment delayed at `now` (ms)? Late: its expected arrival has passed. Silent: nothing
 * was heard for `silenceMs` since the last sign of life (creation, an event, a new ETA).
 * `since` is when the delay began (the earlier of the two); `nextCheck` the next moment one of
 * them can begin.
 */
export function delayAt(
  now: number,
  s: { expectedArrival: number; lastActivity: number; silenceMs: number },
): { reason: DelayReason | null; since: number | null; nextCheck: number | null } {
  const silentAt = s.lastActivity + s.silenceMs;
  const late = now >= s.expectedArrival;
  const silent = now >= silentAt;
  const starts = [late ? s.expectedArrival : null, silent ? silentAt : null].filter((x): x is number => x !== null);
  const upcoming = [late ? null : s.expectedArrival, silent ? null : silentAt].filter((x): x is number => x !== null);
  return {
    reason: late ? 'late' : silent ? 'silent' : null,
    since: starts.length ? Math.min(...starts) : null,
    nextCheck: upcoming.length ? Math.min(...upcoming) : null,
  };
}

/** A delay as the escalation ladder sees it (ms instants). */
export interface DelayLadderState {
  /** When the delay began: the expected arrival, or the moment the silence timeout ran out. */
  since: number;
  /** When the workflow learnt of it: `since`, or later (announced with an arrival already past, a new ETA already past). */
  knownAt: number;
  /** Rungs climbed so far (0 before the first). */
  level: number;
  /** When the last rung was climbed (meaningless at level 0). */
  climbedAt: number;
}

/**
 * When the next rung of a delay is due (ms), or null at the top of the ladder. `ladderMs` are
 * the delay ages of the rungs (shipment.escalationLadder); the gaps between them are the
 * intervals. The ladder climbs one rung per interval from the moment the delay is known,
 * whatever the arrival date was: rung 1 at the first age or, if the delay became known later,
 * then; each next rung at its age, but never before one interval after the rung below it. So a
 * delay known late (or a watch that woke late) never climbs several rungs at once.
 */
export function nextRungAt(ladderMs: readonly number[], e: DelayLadderState): number | null {
  if (e.level >= ladderMs.length) return null;
  const age = e.since + ladderMs[e.level]!;
  if (e.level === 0) return Math.max(age, e.knownAt);
  return Math.max(age, e.climbedAt + Math.max(0, ladderMs[e.level]! - ladderMs[e.level - 1]!));
}

export interface QtyLine {
  sku: string;
  size: string;
  qty: number;
}
export interface ReceiptLine extends QtyLine {
  /** Damaged units among qty. */
  damaged: number;
}
export type DiscrepancyKind = 'short' | 'over' | 'wrong_item' | 'damaged';
export interface Discrepancy {
  sku: string;
  size: string;
  kind: DiscrepancyKind;
  expected: number;
  received: number;
  damaged: number;
}

const key = (l: { sku: string; size: string }) => `${l.sku}\u0000${l.size}`;

function sumBy<T extends { sku: string; size: string }>(
  lines: T[],
  pick: (l: T) => number,
): Map<string, { sku: string; size: string; n: number }> {
  const out = new Map<string, { sku: string; size: string; n: number }>();
  for (const l of lines) {
    const k = key(l);
    const cur = out.get(k) ?? { sku: l.sku, size: l.size, n: 0 };
    cur.n += pick(l);
    out.set(k, cur);
  }
  return out;
}

/**
 * 与在途单核对: the scan-in against the shipment, per SKU and size. Short or over against what
 * was shipped, an item that was not shipped at all (wrong SKU or size), and damaged units.
 * Empty when the receipt matches exactly.
 */
export function reconcile(shipped: QtyLine[], received: ReceiptLine[]): Discrepancy[] {
  const exp = sumBy(shipped, (l) => l.qty);
  const got = sumBy(received, (l) => l.qty);
  const dmg = sumBy(received, (l) => l.damaged);
  const out: Discrepancy[] = [];
  for (const [k, e] of exp) {
    const r = got.get(k)?.n ?? 0;
    const d = dmg.get(k)?.n ?? 0;
    if (r < e.n) out.push({ sku: e.sku, size: e.size, kind: 'short', expected: e.n, received: r, damaged: d });
    if (r > e.n) out.push({ sku: e.sku, size: e.size, kind: 'over', expected: e.n, received: r, damaged: d });
    if (d > 0) out.push({ sku: e.sku, size: e.size, kind: 'damaged', expected: e.n, received: r, damaged: d });
  }
  for (const [k, r] of got) {
    if (exp.has(k) || r.n === 0) continue;
    out.push({ sku: r.sku, size: r.size, kind: 'wrong_item', expected: 0, received: r.n, damaged: dmg.get(k)?.n ?? 0 });
  }
  return out;
}

/**
 * Spreads what was received of each SKU and size over the shipment's lines of it, in line
 * order (a line takes up to its quantity; the last one takes any surplus). Damaged units are
 * counted against the same lines first.
 */
export function allocateReceipt<L extends QtyLine & { id: string }>(
  lines: L[],
  received: ReceiptLine[],
): Map<string, { received: number; damaged: number }> {
  const got = sumBy(received, (l) => l.qty);
  const dmg = sumBy(received, (l) => l.damaged);
  const out = new Map<string, { received: number; damaged: number }>();
  const byKey = new Map<string, L[]>();
  for (const l of lines) byKey.set(key(l), [...(byKey.get(key(l)) ?? []), l]);
  for (const [k, ls] of byKey) {
    let r = got.get(k)?.n ?? 0;
    let d = dmg.get(k)?.n ?? 0;
    ls.forEach((l, i) => {
      const last = i === ls.length - 1;
      const take = last ? r : Math.min(r, l.qty);
      const bad = last ? d : Math.min(d, take);
      out.set(l.id, { received: take, damaged: bad });
      r -= take;
      d -= bad;
    });
  }
  return out;
}

// ---- workflow messages --------------------------------------------------------------------------

export interface ShipmentTrackingInput {
  shipmentId: string;
  code: string;
  title: string;
  submitterId: string;
  seasonCode: string | null;
  expectedArrival: string;
  /** What was shipped, per line (for the reconciliation). */
  lines: QtyLine[];
  /** Only in inputs of runs started before the workflow read its settings at start (see ProcessSettings). */
  terms?: { silenceTimeout: string; escalationLadder: string[] };
}

export interface ShipmentEventInput {
  actor: Actor;
  eventId: string;
  type: ShipmentEventType;
  at: string;
  location?: string | null;
  expectedArrival?: string | null;
}

export interface ReceiptInput {
  actor: Actor;
  lines: ReceiptLine[];
}

export interface ShipmentStateView {
  shipmentId: string;
  status: ShipmentStatus;
  expectedArrival: string;
  delayed: boolean;
  delayReason: DelayReason | null;
  escalationLevel: number;
  receipts: number;
}

export interface ShipmentEventResult {
  duplicate: boolean;
  applied: boolean;
  state: ShipmentStateView;
}
