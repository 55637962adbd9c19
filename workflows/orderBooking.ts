// Process 2, order-fair booking with prepayment (订货会期货订单与预付款): a franchisee's futures
// order, already priced by the API, is approved by the manager when it strays from the quota,
// then the franchisee is sent the statement; finance records payments (partial payments add
// up); reminders go out before the deadline; unpaid at the deadline, the manager extends it or
// cancels the booking (releasing the quota; paid money goes back through a finance task). Paid
// in full, the booking is confirmed and its lines become open order lines for shipment.
import { ActivityFailure, ApplicationFailure, patched, workflowInfo } from '@temporalio/workflow';
import { Duration } from 'luxon';
import type { ProcessOutcome, StepSpec, TaskState } from '../domain/approval';
import { OPEN_STATUSES, paidOnInFuture, type BookingStateView, type BookingStatus, type OrderBookingInput } from '../domain/bookings';
import type { MailParams } from '../domain/mail';
import { ApprovalEngine } from './engine/approvalEngine';
import { refuse } from './engine/refuse';
import { writes as acts } from './engine/writes';
import { cancelBookingUpdate, recordPaymentUpdate } from './messages/orderBooking';

const MAX_REFERENCE = 100;
const MAX_NOTE = 500;
/** TZ_BUSINESS's default, for runs whose settings did not record the zone. */
const DEFAULT_ZONE = 'Asia/Shanghai';

const QUOTA_STEP: StepSpec = {
  key: 'quota_review',
  title: { 'zh-CN': '订货指标偏差审批', en: 'Quota deviation review' },
  assignees: [{ role: 'manager' }],
  decisions: ['approve', 'reject'],
};
const OVERDUE_STEP: StepSpec = {
  key: 'payment_overdue',
  title: { 'zh-CN': '预付款逾期：延期或取消', en: 'Prepayment overdue: extend or cancel' },
  assignees: [{ role: 'manager' }],
  decisions: ['extend', 'cancel'],
};
const REFUND_STEP: StepSpec = {
  key: 'refund',
  title: { 'zh-CN': '退还已收预付款', en: 'Refund the prepayment received' },
  assignees: [{ role: 'finance' }],
  decisions: ['refunded'],
};

export async function orderBooking(input: OrderBookingInput): Promise<ProcessOutcome> {
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();
  const link = `/#/bookings/${input.bookingId}/show`;

  let status: BookingStatus = input.quotaCheck === 'within' ? 'awaiting_payment' : 'awaiting_approval';
  let deadline = '';
  let paidFen = 0;
  /** Payments accepted and being recorded, not yet counted in paidFen. */
  let pendingFen = 0;
  const references = new Set<string>();
  let cancellation: { byUserId: string; reason: string } | undefined;
  /** Extensions granted, for the keys of the deadline's reminders. */
  let extension = 0;

  const fullyPaid = () => paidFen >= input.prepaymentDueFen;
  /** The business zone of payment dates: as the run began (recorded with its settings), else the default. */
  const businessZone = (): string => {
    try {
      return engine.settingsFor('booking', undefined)?.zone ?? DEFAULT_ZONE;
    } catch {
      return DEFAULT_ZONE; // an Update before the settings are read
    }
  };
  const view = (): BookingStateView => ({
    bookingId: input.bookingId,
    status,
    amountFen: input.amountFen,
    prepaymentDueFen: input.prepaymentDueFen,
    paidFen,
    paymentDeadline: deadline,
    references: [...references],
  });

  const engine = new ApprovalEngine(
    {
      workflowId,
      processType: 'booking',
      processId: input.bookingId,
      title: input.title,
      submitterId: input.submitterId,
      seasonCode: input.seasonCode,
    },
    {
      validateDecision: (task: TaskState, { decision, data }) => {
        if (
          task.stepKey !== OVERDUE_STEP.key ||
          decision !== 'extend' ||
          data?.paymentDeadline === undefined ||
          data.paymentDeadline === null
        )
          return;
        const date = data.paymentDeadline;
        const at = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(date) : NaN;
        if (Number.isNaN(at))
          refuse('validation_failed', 'The new payment deadline must be a date', { 'data.paymentDeadline': 'a date YYYY-MM-DD' });
        // The deadline is the end of that day in the business zone (UTC+8 at the most ahead of
        // UTC among our zones): a day whose end has passed everywhere is refused.
        if (at + 24 * 3600_000 <= Date.now())
          refuse('validation_failed', 'The new payment deadline must be in the future', {
            'data.paymentDeadline': 'must be today or later',
          });
      },
    },
    { withdrawable: false },
  );

  engine.onUpdate(
    recordPaymentUpdate,
    async ({ actor, amountFen, reference, paidOn, note }) => {
      const ref = reference.trim();
      const record = {
        bookingId: input.bookingId,
        reference: ref,
        amountFen,
        paidOn: paidOn ?? null,
        note: note?.trim() || null,
        recordedById: actor.userId,
        at: now(),
      };
      references.add(ref);
      if (patched('payment-counted-once-recorded')) {
        // Counted only once recorded: the activity refuses a reference another booking holds
        // (two bookings paid with one transfer at once), and that payment must not confirm this one.
        pendingFen += amountFen;
        try {
          await acts.recordBookingPayment(record);
        } catch (err) {
          references.delete(ref);
          const cause = err instanceof ActivityFailure ? err.cause : undefined;
          if (cause instanceof ApplicationFailure && cause.type === 'duplicate_payment_reference') {
            throw ApplicationFailure.create({
              type: cause.type,
              message: cause.message ?? 'Payment already recorded on another booking',
              nonRetryable: true,
              details: cause.details ? [...cause.details] : [],
            });
          }
          throw err;
        } finally {
          pendingFen -= amountFen;
        }
        paidFen += amountFen;
      } else {
        paidFen += amountFen;
        await acts.recordBookingPayment(record);
      }
      await engine.audit(
        'payment_recorded',
        { actorId: actor.userId, actorName: actor.name },
        { reference: ref, amountFen, paidFen, prepaymentDueFen: input.prepaymentDueFen },
      );
      return view();
    },
    {
      // Answered once quiet: a payment that completes the prepayment answers 'confirmed'.
      answer: view,
      validator: ({ actor, amountFen, reference, paidOn, note }) => {
        if (!actor.roles.includes('finance') && !actor.roles.includes('admin')) refuse('forbidden', 'Only finance records payments');
        if (!OPEN_STATUSES.includes(status) || cancellation)
          refuse('booking_closed', `This booking is ${cancellation ? 'being cancelled' : status}; no payment can be recorded on it`);
        if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
          refuse('validation_failed', 'The amount must be a whole number of fen above 0', { amountFen: 'a whole number of fen > 0' });
        const ref = typeof reference === 'string' ? reference.trim() : '';
        if (!ref || ref.length > MAX_REFERENCE)
          refuse('validation_failed', 'A payment needs its bank reference', { reference: `1 to ${MAX_REFERENCE} characters` });
        if (references.has(ref))
          refuse('duplicate_payment_reference', `Payment ${ref} is already recorded on this booking`, { reference: 'already recorded' });
        if (paidFen + pendingFen + amountFen > input.amountFen) {
          refuse(
            'validation_failed',
            `The payments would exceed the order amount (${input.amountFen - paidFen - pendingFen} fen still open)`,
            { amountFen: `at most ${input.amountFen - paidFen - pendingFen}` },
          );
        }
        if (note && note.length > MAX_NOTE) refuse('validation_failed', 'Note too long', { note: `at most ${MAX_NOTE} characters` });
        if (paidOn !== undefined && paidOn !== null) {
          if (typeof paidOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || Number.isNaN(Date.parse(paidOn)))
            refuse('validation_failed', 'The payment date must be a date', { paidOn: 'a date YYYY-MM-DD' });
          const zone = businessZone();
          if (paidOnInFuture(paidOn, Date.now(), zone))
            refuse('payment_date_in_future', `A payment cannot be dated after today (${zone}): ${paidOn}`, {
              paidOn: 'must be today or earlier',
            });
        }
      },
    },
  );

  engine.onUpdate(
    cancelBookingUpdate,
    ({ actor, reason }) => {
      cancellation = { byUserId: actor.userId, reason: reason.trim() };
      return view();
    },
    {
      answer: view,
      validator: ({ actor, reason }) => {
        if (!actor.roles.includes('manager') && !actor.roles.includes('admin'))
          refuse('forbidden', 'Only the merchandise manager cancels a booking');
        if (!OPEN_STATUSES.includes(status)) refuse('booking_closed', `This booking is already ${status}`);
        if (cancellation) refuse('booking_closed', 'This booking is already being cancelled');
        if (typeof reason !== 'string' || !reason.trim())
          refuse('validation_failed', 'Say why the booking is cancelled', { reason: 'required' });
      },
    },
  );

  const setStatus = async (next: BookingStatus, extra: { reason?: string | null } = {}) => {
    status = next;
    await acts.bookingStatusChanged({
      bookingId: input.bookingId,
      status: next,
      paymentDeadline: deadline,
      reason: extra.reason ?? null,
      at: now(),
    });
  };
  const mail = (template: Parameters<typeof engine.mailFranchisee>[0], params: MailParams = {}) =>
    engine.mailFranchisee(template, input.franchiseeId, { link, ...params }, input.bookingId);

  async function cancel(by: { byUserId: string | null; reason: string }): Promise<ProcessOutcome> {
    await setStatus('cancelled', { reason: by.reason });
    mail('booking_cancelled', { reason: by.reason });
    if (paidFen > 0) {
      // The money is the franchisee's: finance returns it and says so.
      await engine.humanStep(REFUND_STEP);
    }
    return { result: 'cancelled', reason: by.reason, byUserId: by.byUserId };
  }

  async function run(): Promise<ProcessOutcome> {
    await engine.start();
    const { reminderLeadTimes } = engine.settingsFor(
      'booking',
      input.terms.reminderLeadTimes && { reminderLeadTimes: input.terms.reminderLeadTimes },
    );
    // The payment window runs from the moment the franchisee is sent the order statement, not
    // from entry: a booking that waits for the manager's quota review still gets the whole
    // window. Runs started on older code set a deadline here first, as their histories record.
    const clockFromStatement = patched('booking-deadline-from-statement');
    if (!clockFromStatement) {
      deadline = await acts.bookingDeadline({ from: now(), window: input.terms.paymentWindow });
      await setStatus(status);
    }

    if (status === 'awaiting_approval') {
      const review = await engine.humanStep(QUOTA_STEP, { until: () => !!cancellation });
      if (review.kind === 'interrupted') return cancel(cancellation!);
      if (review.kind === 'rejected') {
        const reason = review.task.decision?.comment ?? '';
        await setStatus('rejected', { reason });
        mail('booking_cancelled', { reason, result: 'rejected' });
        if (paidFen > 0) await engine.humanStep(REFUND_STEP);
        return { result: 'rejected', reason, byUserId: review.task.decision?.byUserId ?? '', stepKey: QUOTA_STEP.key };
      }
      if (!clockFromStatement) {
        // The franchisee gets the whole payment window from the approval on.
        deadline = await acts.bookingDeadline({ from: now(), window: input.terms.paymentWindow });
        await setStatus('awaiting_payment');
      }
    }

    if (clockFromStatement) {
      // The statement goes out now: its deadline is the window from this moment, shown in it.
      deadline = await acts.bookingDeadline({ from: now(), window: input.terms.paymentWindow });
      await setStatus('awaiting_payment');
      mail('booking_statement', { paymentDeadline: deadline });
    } else {
      mail('booking_statement');
    }
    await engine.audit(
      'statement_sent',
      {},
      { to: input.franchiseeId, paymentDeadline: deadline, prepaymentDueFen: input.prepaymentDueFen },
    );

    // Reminders go out through the engine's watch, beside the wait for the deadline; runs
    // started on older code keep the loop of their own they began with.
    const remindThroughEngine = patched('booking-reminders-engine-watch');
    for (;;) {
      const settled = () => fullyPaid() || !!cancellation;
      // At the opening (every lead already passed) the mail says "due soon" with the deadline.
      const remind = async (lead: string, opening = false) => {
        mail('booking_reminder', opening ? {} : { lead });
        await engine.audit(
          'reminder_sent',
          {},
          {
            to: input.franchiseeId,
            lead,
            extension,
            paidFen,
            prepaymentDueFen: input.prepaymentDueFen,
            ...(opening ? { opening: true } : {}),
          },
        );
      };
      // Reminders before the deadline, while something is still owed.
      let reminding: Promise<void> = Promise.resolve();
      if (remindThroughEngine) {
        reminding = engine.remindBefore(deadline, reminderLeadTimes, settled, remind);
      } else {
        const reminders = reminderLeadTimes
          .map((lead) => ({ lead, at: Date.parse(deadline) - Duration.fromISO(lead).toMillis() }))
          .sort((a, b) => a.at - b.at);
        for (const r of reminders) {
          const wait = r.at - Date.now();
          if (wait <= 0) continue; // a reminder whose moment passed before it was scheduled is not sent late
          if (await engine.waitUntil(settled, wait)) break;
          await remind(r.lead);
        }
      }
      const untilDeadline = Date.parse(deadline) - Date.now();
      if (!settled() && untilDeadline > 0) await engine.waitUntil(settled, untilDeadline);
      await reminding;

      if (cancellation) return cancel(cancellation);
      if (fullyPaid()) {
        await acts.confirmBooking({ bookingId: input.bookingId, at: now() });
        status = 'confirmed';
        await engine.audit('confirmed', {}, { paidFen, prepaymentDueFen: input.prepaymentDueFen });
        mail('booking_confirmed');
        return { result: 'completed' };
      }

      // Unpaid at the deadline: the manager decides.
      await setStatus('overdue');
      await engine.audit('payment_overdue', {}, { paymentDeadline: deadline, paidFen, prepaymentDueFen: input.prepaymentDueFen });
      const decision = await engine.humanStep(OVERDUE_STEP, { until: settled });
      // Paid or cancelled meanwhile: the next turn of the loop settles it.
      if (decision.kind !== 'decided') continue;
      const by = decision.task.decision!;
      if (decision.decision === 'cancel') return cancel({ byUserId: by.byUserId, reason: by.comment ?? '' });
      // extend: to the date the manager chose, or by one more payment window from now.
      const chosen = typeof by.data?.paymentDeadline === 'string' ? by.data.paymentDeadline : null;
      deadline = await acts.bookingDeadline(chosen ? { date: chosen } : { from: now(), window: input.terms.paymentWindow });
      extension += 1;
      await setStatus('awaiting_payment');
      await engine.audit(
        'deadline_extended',
        { actorId: by.byUserId, actorName: by.byName },
        { paymentDeadline: deadline, comment: by.comment },
      );
      mail('booking_extended', by.comment ? { comment: by.comment } : {});
    }
  }

  const outcome = await run();
  await engine.finish(outcome);
  return outcome;
}
