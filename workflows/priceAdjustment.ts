// Process 4, price adjustment with finance and store notification (调价): the proposer's
// superior approves by `price.approvalLeadDays` before the allocation date (an urgent, late
// proposal goes straight to the manager); on approval finance and each receiving store's
// manager get one notice to acknowledge before the goods arrive; the new price takes effect at
// the start of its effective date (a durable timer) and goes into the price history. A later
// adjustment of the same SKU may supersede this one until it takes effect.
import { workflowInfo } from '@temporalio/workflow';
import type { ProcessOutcome, StepSpec } from '../domain/approval';
import type { MailParams } from '../domain/mail';
import type { PriceAdjustmentInput, PriceAdjustmentStatus, SupersedeInput } from '../domain/prices';
import { ApprovalEngine, type StepOutcome } from './engine/approvalEngine';
import { refuse } from './engine/refuse';
import { writes as acts } from './engine/writes';
import { supersedeUpdate } from './messages/priceAdjustment';

export async function priceAdjustment(input: PriceAdjustmentInput): Promise<ProcessOutcome> {
  const { workflowId } = workflowInfo();
  let status: PriceAdjustmentStatus = 'pending_approval';
  let superseded: SupersedeInput | undefined;
  /** Who was sent the notice (to tell them if it is superseded). */
  let notified: string[] = [];

  const engine = new ApprovalEngine({
    workflowId,
    processType: 'price',
    processId: input.adjustmentId,
    title: input.title,
    submitterId: input.submitterId,
    seasonCode: null,
  });
  engine.onUpdate(
    supersedeUpdate,
    (u) => {
      superseded = u;
      return { superseded: true as const };
    },
    {
      validator: ({ byAdjustmentId }) => {
        if (byAdjustmentId === input.adjustmentId) refuse('validation_failed', 'An adjustment cannot supersede itself');
        if (status !== 'pending_approval' && status !== 'approved')
          refuse('process_finished', `This adjustment is ${status}; only one not yet in effect can be superseded`);
        if (superseded) refuse('process_finished', 'Already superseded');
      },
    },
  );

  const setStatus = async (next: PriceAdjustmentStatus, note: string | null = null) => {
    status = next;
    await acts.priceStatusChanged({
      adjustmentId: input.adjustmentId,
      status: next,
      note,
      supersededById: superseded?.byAdjustmentId ?? null,
    });
  };
  const priceParams: MailParams = {
    adjustmentCode: input.code,
    storeNames: input.storeNames,
    effectiveDate: input.effectiveDate,
    arrivalDate: input.arrivalDate,
    reason: input.reason,
    urgent: input.urgent,
    priceLines: input.lines.map((l) => ({ sku: l.sku, name: l.name, oldPriceFen: l.oldPriceFen, newPriceFen: l.newPriceFen })),
  };

  async function supersede(): Promise<ProcessOutcome> {
    const by = superseded!;
    await setStatus('superseded', `superseded by ${by.byCode}`);
    if (notified.length) {
      engine.mailUsers('price_superseded', notified, {
        ...priceParams,
        supersededBy: by.byCode,
        link: `/#/price-adjustments/${input.adjustmentId}/show`,
      });
    }
    return { result: 'cancelled', reason: `superseded by ${by.byCode}`, byUserId: by.actor.userId };
  }

  async function run(): Promise<{ outcome: ProcessOutcome; acks: Promise<StepOutcome>[] }> {
    await engine.start();
    await setStatus('pending_approval');

    // Approval: the superior by the lead-days deadline; an urgent late one, the manager before arrival.
    const approve: StepSpec = input.urgent
      ? {
          key: 'manager',
          title: { 'zh-CN': '加急调价审批（商品经理）', en: 'Urgent price approval (manager)' },
          assignees: [{ role: 'manager' }],
          decisions: ['approve', 'reject'],
          dueAt: input.deadlines.notifyBy,
        }
      : {
          key: 'superior',
          title: { 'zh-CN': '调价审批（上级）', en: 'Price approval (superior)' },
          assignees: [{ superiorOf: 'submitter' }],
          decisions: ['approve', 'reject'],
          dueAt: input.deadlines.approvalDueAt,
        };
    const decision = await engine.humanStep(approve, { until: () => !!superseded });
    if (decision.kind === 'interrupted') return { outcome: await supersede(), acks: [] };
    if (decision.kind === 'withdrawn') {
      await setStatus('withdrawn');
      return { outcome: { result: 'withdrawn', reason: null, byUserId: input.submitterId }, acks: [] };
    }
    if (decision.kind === 'rejected') {
      const reason = decision.task.decision?.comment ?? '';
      await setStatus('rejected', reason);
      return { outcome: { result: 'rejected', reason, byUserId: decision.task.decision?.byUserId ?? '', stepKey: approve.key }, acks: [] };
    }
    await setStatus('approved');
    const lateBy = Date.now() - Date.parse(input.urgent ? input.deadlines.notifyBy : input.deadlines.approvalDueAt);
    if (lateBy > 0)
      await engine.audit(
        'approved_late',
        {},
        { dueAt: input.urgent ? input.deadlines.notifyBy : input.deadlines.approvalDueAt, lateByMs: lateBy },
      );

    // Notices: finance and each store's manager(s), one mail each, to acknowledge before arrival.
    const audience = await acts.priceAudience({ storeIds: input.storeIds });
    notified = [...audience.financeUserIds, ...audience.stores.flatMap((s) => s.managerIds)];
    const notice = (key: string, title: { 'zh-CN': string; en: string }, assignees: StepSpec['assignees']): StepSpec => ({
      key,
      title,
      assignees,
      mode: 'any',
      decisions: ['acknowledge'],
      dueAt: input.deadlines.notifyBy,
      notice: { template: 'price_notice', params: priceParams },
    });
    const acks: Promise<StepOutcome>[] = [];
    acks.push(
      engine.humanStep(
        notice('notify_finance', { 'zh-CN': '调价通知确认（财务）', en: 'Acknowledge the price change (finance)' }, [{ role: 'finance' }]),
        { until: () => !!superseded },
      ),
    );
    for (const s of audience.stores) {
      if (!s.managerIds.length) {
        await engine.audit('notify_skipped', {}, { storeId: s.storeId, reason: 'the store has no manager user' });
        continue;
      }
      acks.push(
        engine.humanStep(
          notice(
            `notify_store:${s.storeId}`,
            { 'zh-CN': `调价通知确认（${s.storeName}）`, en: `Acknowledge the price change (${s.storeName})` },
            s.managerIds.map((userId) => ({ userId })),
          ),
          { until: () => !!superseded },
        ),
      );
    }
    await engine.audit(
      'notified',
      {},
      {
        financeUserIds: audience.financeUserIds,
        stores: audience.stores.map((s) => ({ storeId: s.storeId, managerIds: s.managerIds })),
        notifyBy: input.deadlines.notifyBy,
      },
    );

    // Effective at its date unless superseded first.
    const wait = Date.parse(input.deadlines.effectiveAt) - Date.now();
    if (wait > 0 && (await engine.waitUntil(() => !!superseded, wait))) return { outcome: await supersede(), acks };
    if (superseded) return { outcome: await supersede(), acks };
    await acts.applyPrices({ adjustmentId: input.adjustmentId, effectiveAt: input.deadlines.effectiveAt });
    status = 'effective';
    await engine.audit(
      'price_effective',
      {},
      { effectiveAt: input.deadlines.effectiveAt, lines: input.lines.length, stores: input.storeIds.length },
    );
    return { outcome: { result: 'completed' }, acks };
  }

  const { outcome, acks } = await run();
  // Acknowledgements are still wanted after the price applies; they are reminded and escalate.
  await Promise.all(acks);
  await engine.finish(outcome);
  return outcome;
}
