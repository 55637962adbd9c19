// Return or clearance (返货 / 残次 / 清货, docs/domain.md process 5): the return standard (返货标准)
// a request is checked against, and the sell-through result of a clearance. Pure functions.
import { DateTime, Duration } from 'luxon';

export type ReturnKind = 'return' | 'clearance';
export type ReturnCondition = 'new' | 'defective' | 'worn';
export const RETURN_CONDITIONS: readonly ReturnCondition[] = ['new', 'defective', 'worn'];
/** Decisions of the defect-handling step (残次处理). */
export const DEFECT_DECISIONS = ['repair', 'write_off', 'return_to_head_office'] as const;

export function returnCode(seq: number): string {
  return `RT${String(seq).padStart(6, '0')}`;
}

export function returnWorkflowId(requestId: string): string {
  return `return-${requestId}`;
}

export interface StandardLine {
  sku: string;
  size: string;
  qty: number;
  condition: ReturnCondition;
  /** The season's last day (YYYY-MM-DD) of the SKU, null when unknown. */
  seasonEndsOn: string | null;
  /** What the requester can have: received from us and not yet returned (or on hand in a direct store). */
  available: number;
}

/**
 * 返货标准: every line is a product of a season whose return window is open today (from
 * `opensBefore` before its end to `closesAfter` after it), in a returnable condition (new, or
 * defective from manufacture; not worn), and not more than what the requester has. Returns the
 * reasons it fails, one per problem, in the requester's words' order; empty when it passes.
 */
export function checkReturnStandard(lines: StandardLine[], today: string, window: { opensBefore: string; closesAfter: string }): string[] {
  const reasons: string[] = [];
  const day = DateTime.fromISO(today);
  lines.forEach((l, i) => {
    const what = `line ${i + 1} (${l.sku} ${l.size})`;
    if (!l.seasonEndsOn) reasons.push(`${what}: unknown season`);
    else {
      const end = DateTime.fromISO(l.seasonEndsOn);
      const opens = end.minus(Duration.fromISO(window.opensBefore));
      const closes = end.plus(Duration.fromISO(window.closesAfter));
      if (day < opens) reasons.push(`${what}: the return window opens on ${opens.toISODate()} (season ends ${l.seasonEndsOn})`);
      if (day > closes) reasons.push(`${what}: the return window closed on ${closes.toISODate()} (season ended ${l.seasonEndsOn})`);
    }
    if (l.condition === 'worn') reasons.push(`${what}: worn or soiled goods are not returnable`);
    if (l.qty > l.available) reasons.push(`${what}: ${l.qty} requested but only ${l.available} received and not yet returned`);
  });
  return reasons;
}

export interface ClearanceResult {
  soldQty: number;
  remainingQty: number;
  /** sold ÷ (sold + remaining) over the period, basis points. */
  sellThroughBp: number | null;
}

/** The result of a clearance from the stock at its start and at its end. */
export function clearanceResult(start: { soldQty: number; onHand: number }[], end: { soldQty: number; onHand: number }[]): ClearanceResult {
  const sold = end.reduce((n, s) => n + s.soldQty, 0) - start.reduce((n, s) => n + s.soldQty, 0);
  const remaining = end.reduce((n, s) => n + s.onHand, 0);
  const soldQty = Math.max(sold, 0);
  return {
    soldQty,
    remainingQty: remaining,
    sellThroughBp: soldQty + remaining > 0 ? Math.floor((soldQty * 10_000) / (soldQty + remaining)) : null,
  };
}

/** The note a clearance's rows carry in the price history: 清货 RT000004. */
export function clearanceNote(seq: number): string {
  return `清货 ${returnCode(seq)}`;
}

/** 清货 is a markdown: the clearance price must be below the price in force at the start. */
export function isMarkdown(clearancePriceFen: number, priceInForceFen: number): boolean {
  return clearancePriceFen < priceInForceFen;
}

/** A clearance line at the start of its period, against the price in force then. */
export interface ClearanceStartLine {
  sku: string;
  clearancePriceFen: number;
  priceInForceFen: number;
}

/** What the start of a clearance did: the lines priced for the period, and those skipped (no longer a markdown). */
export interface ClearanceStart {
  applied: ClearanceStartLine[];
  skipped: ClearanceStartLine[];
}

/** A cleared SKU at the end of the period: the price it returned to. */
export interface ClearanceReturn {
  sku: string;
  clearancePriceFen: number;
  priceFen: number;
}

export interface ReturnWorkflowInput {
  requestId: string;
  code: string;
  title: string;
  submitterId: string;
  seasonCode: string | null;
  /** Only in inputs of runs started before the workflow read its settings at start (see ProcessSettings). */
  terms?: { transitTime: string; defectDue: string; accountingDue: string };
}

export interface ClearanceWorkflowInput {
  requestId: string;
  code: string;
  title: string;
  submitterId: string;
  seasonCode: string | null;
  /** Start of the first day and end of the last day of the period, ISO instants. */
  startsAt: string;
  endsAt: string;
}
