// Process 5a, a return to the warehouse (过季返仓): checked against the return standard
// (返货标准) — refused with its reasons — then approved by the supervisor; the goods travel as
// an inbound shipment tracked by shipmentTracking (a child workflow: delays escalate, the
// scan-in is graded and reconciled the same way); defective units (残次) go to after-sales for
// repair, write-off or return to head office, then to finance for the accounting, which the
// seed says must not lag: both steps are reminded and escalate like every task.
import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { ProcessOutcome, StepSpec } from '../domain/approval';
import { DEFECT_DECISIONS, type ReturnWorkflowInput } from '../domain/returns';
import { ApprovalEngine } from './engine/approvalEngine';
import { writes as acts } from './engine/writes';
import { shipmentTracking } from './shipmentTracking';

export async function goodsReturn(input: ReturnWorkflowInput): Promise<ProcessOutcome> {
  const { workflowId } = workflowInfo();
  const engine = new ApprovalEngine({
    workflowId,
    processType: 'return',
    processId: input.requestId,
    title: input.title,
    submitterId: input.submitterId,
    seasonCode: input.seasonCode,
  });
  const status = (s: string, extra: { refusalReasons?: string[]; result?: Record<string, unknown> } = {}) =>
    acts.returnStatusChanged({ requestId: input.requestId, status: s, ...extra });

  async function run(): Promise<ProcessOutcome> {
    await engine.start();
    const terms = engine.settingsFor('goodsReturn', input.terms);
    const reasons = await acts.checkReturnRequest({ requestId: input.requestId, at: new Date().toISOString() });
    if (reasons.length) {
      await status('refused', { refusalReasons: reasons });
      await engine.audit('refused_by_standard', {}, { reasons });
      return { result: 'rejected', reason: reasons.join('; '), byUserId: '', stepKey: 'standard' };
    }
    await engine.audit('standard_passed', {}, {});
    await status('pending_approval');
    const approval: StepSpec = {
      key: 'approve_return',
      title: { 'zh-CN': '返仓申请审批', en: 'Approve the return' },
      assignees: [{ role: 'supervisor' }],
      decisions: ['approve', 'reject'],
    };
    const decided = await engine.humanStep(approval);
    if (decided.kind === 'withdrawn') {
      await status('withdrawn');
      return { result: 'withdrawn', reason: null, byUserId: input.submitterId };
    }
    if (decided.kind === 'rejected') {
      await status('rejected');
      return {
        result: 'rejected',
        reason: decided.task.decision?.comment ?? '',
        byUserId: decided.task.decision?.byUserId ?? '',
        stepKey: approval.key,
      };
    }

    // The goods come back as an inbound shipment, tracked like any other.
    const shipment = await acts.createReturnShipment({
      requestId: input.requestId,
      at: new Date().toISOString(),
      transitTime: terms.transitTime,
      submitterId: input.submitterId,
    });
    await status('in_transit');
    await engine.audit(
      'return_shipped',
      {},
      { shipmentId: shipment.shipmentId, code: shipment.input.code, expectedArrival: shipment.input.expectedArrival },
    );
    await executeChild(shipmentTracking, { workflowId: shipment.workflowId, args: [shipment.input] });
    const graded = await acts.returnGraded({ requestId: input.requestId });
    await engine.audit('graded', {}, { received: graded.receivedQty, defective: graded.defectiveQty });

    if (graded.defectiveQty > 0) {
      await status('defect_handling');
      const defect = await engine.humanStep({
        key: 'defect_handling',
        title: { 'zh-CN': `残次处理（${graded.defectiveQty} 件）`, en: `Handle defective goods (${graded.defectiveQty})` },
        assignees: [{ role: 'after_sales' }],
        decisions: [...DEFECT_DECISIONS],
        due: terms.defectDue,
      });
      const how = defect.kind === 'decided' ? defect.task.decision! : undefined;
      await status('accounting', {
        result: { defectDecision: how?.decision ?? null, defectComment: how?.comment ?? null, defectiveQty: graded.defectiveQty },
      });
      await engine.humanStep({
        key: 'defect_accounting',
        title: { 'zh-CN': '残次财务处理', en: 'Book the defective goods (finance)' },
        assignees: [{ role: 'finance' }],
        decisions: ['booked'],
        due: terms.accountingDue,
      });
    }
    await status('completed');
    return { result: 'completed' };
  }

  const outcome = await run();
  await engine.finish(outcome);
  return outcome;
}
