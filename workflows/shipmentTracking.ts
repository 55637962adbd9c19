// Process 3, shipment tracking to receipt (发货 → 在途 → 到仓入库): one workflow per shipment
// from head office, from dispatch to a reconciled receipt. Carrier and head-office events come
// in as Updates (once per eventId; a late one never moves the status back). While the goods are
// on the way the workflow watches for delay: past the expected arrival (late) or nothing heard
// for shipment.silenceTimeout (silent). A delay climbs the escalation ladder by itself (order
// follower → supervisor → manager, at the ladder's ages, one rung per interval from the moment
// the delay is known), with a task and mail at each rung, until the shipment moves, gets a new
// ETA or arrives. On arrival the follower scans it in; a
// receipt that differs from the shipment opens a discrepancy task (accept, claim, recount).
import { patched, workflowInfo } from '@temporalio/workflow';
import { Duration } from 'luxon';
import type { ProcessOutcome, StepSpec } from '../domain/approval';
import {
  EVENT_TYPES,
  STATUS_RANK,
  delayAt,
  nextRungAt,
  reconcile,
  rungRole,
  type DelayLadderState,
  type DelayReason,
  type ReceiptLine,
  type Resolution,
  type ShipmentStateView,
  type ShipmentStatus,
  type ShipmentTrackingInput,
} from '../domain/shipments';
import { ApprovalEngine, type StepOutcome } from './engine/approvalEngine';
import { refuse } from './engine/refuse';
import { writes as acts } from './engine/writes';
import { receiptUpdate, shipmentEventUpdate } from './messages/shipmentTracking';

const MAX_RECEIPT_LINES = 5_000;

const SCAN_STEP: StepSpec = {
  key: 'scan_in',
  title: { 'zh-CN': '到仓扫描入库', en: 'Scan in at the warehouse' },
  assignees: [{ role: 'follower' }],
  decisions: ['received'],
};
const DISCREPANCY_STEP: StepSpec = {
  key: 'discrepancy',
  title: { 'zh-CN': '入库差异处理', en: 'Receipt discrepancy' },
  assignees: [{ role: 'supervisor' }],
  decisions: ['accept', 'claim', 'recount'],
};
const rungStep = (level: number): StepSpec => ({
  key: `delay_${level}`,
  title: { 'zh-CN': `发货延误跟进（第 ${level} 级）`, en: `Delayed shipment: follow up (level ${level})` },
  assignees: [{ role: rungRole(level) }],
  decisions: ['followed_up'],
  escalate: false, // the ladder is the escalation
});

export async function shipmentTracking(input: ShipmentTrackingInput): Promise<ProcessOutcome> {
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();
  /** From the shipment settings the run began with (known once the engine has started). */
  let silenceMs = 0;
  let ladderMs: number[] = [];

  let status: ShipmentStatus = 'created';
  let expectedArrival = Date.parse(input.expectedArrival);
  let lastActivity = Date.now();
  /** The newest carrier time applied (an older event is kept but not applied). */
  let latestEventAt = 0;
  const seen = new Set<string>();
  /** Bumped by every change the delay watch must look at again. */
  let changes = 0;
  let receipts = 0;
  let pendingReceipt: { number: number; lines: ReceiptLine[]; byUserId: string } | undefined;
  let acceptingReceipt = true;
  let episode: (DelayLadderState & { seq: number; reason: DelayReason }) | undefined;
  /**
   * The ladder climbs one rung per interval from the moment the delay is known (nextRungAt).
   * Runs started before this rule climbed at `since` + each age, so a delay known late (an
   * arrival already past) climbed every rung at once; they keep that, as their histories record.
   */
  let onePerInterval = false;
  const rungDue = (e: DelayLadderState): number | null =>
    onePerInterval ? nextRungAt(ladderMs, e) : e.level < ladderMs.length ? e.since + ladderMs[e.level]! : null;
  let episodes = 0;
  /** What last gave a sign of life, for the timeline when a delay ends. */
  let lastChange: 'moved' | 'new_eta' = 'moved';
  const rungs: Promise<StepOutcome>[] = [];

  const arrived = () => STATUS_RANK[status] >= STATUS_RANK.arrived;
  const view = (): ShipmentStateView => ({
    shipmentId: input.shipmentId,
    status,
    expectedArrival: new Date(expectedArrival).toISOString(),
    delayed: !!episode,
    delayReason: episode?.reason ?? null,
    escalationLevel: episode?.level ?? 0,
    receipts,
  });

  const engine = new ApprovalEngine(
    {
      workflowId,
      processType: 'shipment',
      processId: input.shipmentId,
      title: input.title,
      submitterId: input.submitterId,
      seasonCode: input.seasonCode,
    },
    {
      validateDecision: (task) => {
        if (task.stepKey === SCAN_STEP.key)
          refuse('validation_failed', 'Scan the goods in: the receipt closes this task', { decision: 'POST the receipt instead' });
      },
    },
    { withdrawable: false },
  );

  engine.onUpdate(
    shipmentEventUpdate,
    async ({ actor, eventId, type, at, location, expectedArrival: eta }) => {
      if (seen.has(eventId)) return { duplicate: true, applied: false, state: view() };
      seen.add(eventId);
      const atMs = Date.parse(at);
      let applied = false;
      let forward = false;
      if (type === 'eta_changed') {
        // Head office's newest word on the arrival wins; an older one is history.
        applied = atMs >= latestEventAt && !arrived();
        if (applied) {
          latestEventAt = atMs;
          expectedArrival = Date.parse(eta!);
          lastActivity = Date.now();
          lastChange = 'new_eta';
        }
      } else {
        forward = STATUS_RANK[type] > STATUS_RANK[status];
        const newer = atMs >= latestEventAt;
        applied = forward || (newer && !arrived());
        if (forward) status = type;
        if (applied) {
          latestEventAt = Math.max(latestEventAt, atMs);
          lastActivity = Date.now();
          lastChange = 'moved';
        }
      }
      changes += 1;
      await acts.recordShipmentEvent({
        shipmentId: input.shipmentId,
        eventId,
        type,
        at,
        location: location ?? null,
        expectedArrival: type === 'eta_changed' ? eta! : null,
        applied,
        newStatus: forward && type !== 'eta_changed' ? type : null,
        newExpectedArrival: applied && type === 'eta_changed' ? eta! : null,
        newLocation: applied && type !== 'eta_changed' && atMs >= latestEventAt,
      });
      await engine.audit(
        'shipment_event',
        { actorId: actor.userId, actorName: actor.name },
        { eventId, type, at, applied, ...(location ? { location } : {}), ...(eta ? { expectedArrival: eta } : {}) },
      );
      return { duplicate: false, applied, state: view() };
    },
    {
      // The state once the delay watch has looked at the event (a delay it ends is cleared).
      answer: (r) => ({ ...r, state: view() }),
      validator: ({ eventId, type, at, expectedArrival: eta }) => {
        if (status === 'reconciled') refuse('process_finished', 'This shipment is received and reconciled');
        if (typeof eventId !== 'string' || !eventId.trim() || eventId.length > 200)
          refuse('validation_failed', 'An event needs its id', { eventId: '1 to 200 characters' });
        if (!EVENT_TYPES.includes(type))
          refuse('validation_failed', `type must be one of ${EVENT_TYPES.join(', ')}`, { type: EVENT_TYPES.join(' | ') });
        if (Number.isNaN(Date.parse(at))) refuse('validation_failed', 'at must be an instant', { at: 'an ISO-8601 instant' });
        if (type === 'eta_changed' && (typeof eta !== 'string' || Number.isNaN(Date.parse(eta)))) {
          refuse('validation_failed', 'A new ETA needs expectedArrival', { expectedArrival: 'an ISO-8601 instant' });
        }
      },
    },
  );

  engine.onUpdate(
    receiptUpdate,
    async ({ actor, lines }) => {
      // Synchronously: no second receipt, the transit watch ends, the scan task is done.
      acceptingReceipt = false;
      receipts += 1;
      const number = receipts;
      if (!arrived()) status = 'arrived';
      changes += 1;
      const scanned = engine.decideOpen(SCAN_STEP.key, actor, 'received');
      const discrepancies = reconcile(input.lines, lines);
      await acts.recordReceipt({ shipmentId: input.shipmentId, number, lines, discrepancies, receivedById: actor.userId, at: now() });
      await scanned;
      status = 'received';
      await engine.audit(
        'received',
        { actorId: actor.userId, actorName: actor.name },
        { receipt: number, lines: lines.length, discrepancies: discrepancies.length },
      );
      // Last: the main loop reconciles only a receipt that is written.
      pendingReceipt = { number, lines, byUserId: actor.userId };
      return view();
    },
    {
      answer: view,
      validator: ({ lines }) => {
        if (status === 'reconciled') refuse('process_finished', 'This shipment is already reconciled');
        if (!acceptingReceipt) refuse('receipt_exists', 'This shipment’s receipt is being reconciled; a recount decision reopens it');
        if (!Array.isArray(lines) || lines.length > MAX_RECEIPT_LINES)
          refuse('validation_failed', 'A receipt is a list of lines', { lines: `a list of at most ${MAX_RECEIPT_LINES} lines` });
        lines.forEach((l, i) => {
          if (!l || typeof l.sku !== 'string' || typeof l.size !== 'string')
            refuse('validation_failed', `Line ${i} needs sku and size`, { [`lines.${i}`]: 'sku and size' });
          if (!Number.isInteger(l.qty) || l.qty < 0)
            refuse('validation_failed', `Line ${i}: qty must be a whole number ≥ 0`, { [`lines.${i}.qty`]: 'a whole number ≥ 0' });
          if (!Number.isInteger(l.damaged) || l.damaged < 0 || l.damaged > l.qty)
            refuse('validation_failed', `Line ${i}: damaged must be 0..qty`, { [`lines.${i}.damaged`]: 'a whole number from 0 to qty' });
        });
      },
    },
  );

  const recordDelay = () =>
    acts.shipmentDelayChanged({
      shipmentId: input.shipmentId,
      delayed: !!episode,
      reason: episode?.reason ?? null,
      since: episode ? new Date(episode.since).toISOString() : null,
      level: episode?.level ?? 0,
    });

  async function clearDelay(why: 'moved' | 'new_eta' | 'arrived'): Promise<void> {
    if (!episode) return;
    const was = episode;
    episode = undefined;
    await recordDelay();
    await engine.audit('delay_cleared', {}, { reason: why, level: was.level, since: new Date(was.since).toISOString() });
  }

  async function climb(level: number): Promise<void> {
    const e = episode!;
    e.level = level;
    await recordDelay();
    // The next rung counts its interval from this one's moment on the timeline.
    e.climbedAt = Date.now();
    await engine.audit(
      'escalated',
      {},
      {
        level,
        role: rungRole(level),
        reason: e.reason,
        since: new Date(e.since).toISOString(),
        expectedArrival: new Date(expectedArrival).toISOString(),
      },
    );
    // The rung's task stays open until answered or until this delay is over.
    rungs.push(engine.humanStep(rungStep(level), { until: () => episode?.seq !== e.seq }));
  }

  /** Until the goods arrive: watch for delay and climb the ladder. */
  async function watchTransit(): Promise<void> {
    while (!arrived()) {
      const t = Date.now();
      const d = delayAt(t, { expectedArrival, lastActivity, silenceMs });
      if (d.reason) {
        if (!episode) {
          episode = { seq: ++episodes, reason: d.reason, since: d.since!, knownAt: t, level: 0, climbedAt: t };
          await recordDelay();
          await engine.audit(
            'delayed',
            {},
            { reason: d.reason, since: new Date(d.since!).toISOString(), expectedArrival: new Date(expectedArrival).toISOString() },
          );
        } else if (episode.reason !== d.reason) {
          episode.reason = d.reason;
          await recordDelay();
        }
        for (let due = rungDue(episode); due !== null && t >= due; due = rungDue(episode)) await climb(episode.level + 1);
      } else if (episode) {
        await clearDelay(lastChange);
      }
      const wakes = [d.nextCheck, episode ? rungDue(episode) : null].filter((x): x is number => x !== null);
      const seenChanges = changes;
      const moved = () => changes !== seenChanges || arrived();
      await engine.waitUntil(moved, wakes.length ? Math.max(Math.min(...wakes) - Date.now(), 1) : undefined);
    }
    await clearDelay('arrived');
  }

  async function run(): Promise<ProcessOutcome> {
    await engine.start();
    const terms = engine.settingsFor('shipment', input.terms);
    silenceMs = Duration.fromISO(terms.silenceTimeout).toMillis();
    ladderMs = terms.escalationLadder.map((d) => Duration.fromISO(d).toMillis());
    onePerInterval = patched('shipment-ladder-one-rung-per-interval');
    await watchTransit();

    for (;;) {
      // The follower's scan task (unless a scan-in is already under way); the receipt closes it.
      if (acceptingReceipt) await engine.humanStep(SCAN_STEP, { until: () => !!pendingReceipt });
      await engine.waitUntil(() => !!pendingReceipt);
      const receipt = pendingReceipt!;
      const discrepancies = reconcile(input.lines, receipt.lines);
      let resolution: Resolution = 'exact';
      let note: string | null = null;
      if (discrepancies.length) {
        await engine.audit('discrepancy', {}, { receipt: receipt.number, discrepancies });
        const decided = await engine.humanStep(DISCREPANCY_STEP);
        const by = decided.kind === 'decided' ? decided.task.decision! : undefined;
        if (by?.decision === 'recount') {
          // Count again: the next receipt replaces this one.
          pendingReceipt = undefined;
          acceptingReceipt = true;
          status = 'arrived';
          await acts.shipmentRecount({ shipmentId: input.shipmentId });
          await engine.audit(
            'recount_requested',
            { actorId: by.byUserId, actorName: by.byName },
            { receipt: receipt.number, comment: by.comment },
          );
          continue;
        }
        resolution = by?.decision === 'claim' ? 'claimed' : 'accepted';
        note = by?.comment ?? null;
      }
      await acts.reconcileShipment({ shipmentId: input.shipmentId, receiptNumber: receipt.number, resolution, note, at: now() });
      status = 'reconciled';
      await engine.audit('reconciled', {}, { receipt: receipt.number, resolution, ...(note ? { note } : {}) });
      return { result: 'completed' };
    }
  }

  const outcome = await run();
  await Promise.all(rungs);
  await engine.finish(outcome);
  return outcome;
}
