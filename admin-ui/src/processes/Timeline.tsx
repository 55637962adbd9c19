import AddIcon from '@mui/icons-material/PersonAdd';
import AlarmIcon from '@mui/icons-material/NotificationsActive';
import CancelIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Gavel';
import ClaimIcon from '@mui/icons-material/PanTool';
import CreateIcon from '@mui/icons-material/AssignmentInd';
import DelegateIcon from '@mui/icons-material/ForwardToInbox';
import EndIcon from '@mui/icons-material/Flag';
import EscalateIcon from '@mui/icons-material/TrendingUp';
import MailIcon from '@mui/icons-material/MailOutlined';
import ResubmitIcon from '@mui/icons-material/Replay';
import StartIcon from '@mui/icons-material/PlayCircleOutlineOutlined';
import UrgeIcon from '@mui/icons-material/Campaign';
import WithdrawIcon from '@mui/icons-material/Undo';
import DotIcon from '@mui/icons-material/FiberManualRecord';
import ArrivedIcon from '@mui/icons-material/Warehouse';
import DelayIcon from '@mui/icons-material/HourglassBottom';
import DelayClearedIcon from '@mui/icons-material/EventAvailable';
import DiscrepancyIcon from '@mui/icons-material/ReportProblemOutlined';
import OverdueIcon from '@mui/icons-material/EventBusy';
import PaymentIcon from '@mui/icons-material/Payments';
import ReceiptIcon from '@mui/icons-material/Inventory';
import RecountIcon from '@mui/icons-material/Replay10';
import ReconciledIcon from '@mui/icons-material/TaskAlt';
import ShipmentEventIcon from '@mui/icons-material/LocalShipping';
import StatementIcon from '@mui/icons-material/ReceiptLong';
import ExtendIcon from '@mui/icons-material/MoreTime';
import ConfirmedIcon from '@mui/icons-material/Verified';
import LateIcon from '@mui/icons-material/AlarmOn';
import NoticeIcon from '@mui/icons-material/Campaign';
import NotifySkippedIcon from '@mui/icons-material/PersonOff';
import PriceIcon from '@mui/icons-material/PriceChange';
import RefusedIcon from '@mui/icons-material/DoNotDisturbOn';
import PassedIcon from '@mui/icons-material/FactCheck';
import ReturnShippedIcon from '@mui/icons-material/AssignmentReturn';
import GradedIcon from '@mui/icons-material/Rule';
import ClearanceIcon from '@mui/icons-material/Sell';
import ClearanceResultIcon from '@mui/icons-material/Insights';
import { alpha, Box, Chip, Stack, Typography, type Theme } from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';
import { DecisionChip, ProcessStatusChip, parseIsoDuration, useFormatters, type TimelineEvent } from '../common';

type Tone = 'primary' | 'success' | 'error' | 'warning' | 'info' | 'grey';

const LOOK: Record<string, { icon: ReactElement; tone: Tone }> = {
  started: { icon: <StartIcon fontSize="small" />, tone: 'primary' },
  task_created: { icon: <CreateIcon fontSize="small" />, tone: 'info' },
  reminder_sent: { icon: <AlarmIcon fontSize="small" />, tone: 'warning' },
  escalated: { icon: <EscalateIcon fontSize="small" />, tone: 'error' },
  escalation_skipped: { icon: <EscalateIcon fontSize="small" />, tone: 'grey' },
  delegated: { icon: <DelegateIcon fontSize="small" />, tone: 'info' },
  claimed: { icon: <ClaimIcon fontSize="small" />, tone: 'info' },
  decided: { icon: <CheckIcon fontSize="small" />, tone: 'success' },
  resubmitted: { icon: <ResubmitIcon fontSize="small" />, tone: 'primary' },
  task_cancelled: { icon: <CancelIcon fontSize="small" />, tone: 'grey' },
  approver_added: { icon: <AddIcon fontSize="small" />, tone: 'info' },
  urged: { icon: <UrgeIcon fontSize="small" />, tone: 'warning' },
  withdrawn: { icon: <WithdrawIcon fontSize="small" />, tone: 'grey' },
  notified: { icon: <MailIcon fontSize="small" />, tone: 'info' },
  completed: { icon: <EndIcon fontSize="small" />, tone: 'primary' },
  cancelled: { icon: <CancelIcon fontSize="small" />, tone: 'error' },
  // Booking (订货): the statement, payments, the deadline.
  statement_sent: { icon: <StatementIcon fontSize="small" />, tone: 'info' },
  payment_recorded: { icon: <PaymentIcon fontSize="small" />, tone: 'success' },
  payment_overdue: { icon: <OverdueIcon fontSize="small" />, tone: 'error' },
  deadline_extended: { icon: <ExtendIcon fontSize="small" />, tone: 'warning' },
  confirmed: { icon: <ConfirmedIcon fontSize="small" />, tone: 'success' },
  // Shipment (发货): carrier events, delay, receipt and its reconciliation.
  shipment_event: { icon: <ShipmentEventIcon fontSize="small" />, tone: 'info' },
  delayed: { icon: <DelayIcon fontSize="small" />, tone: 'error' },
  delay_cleared: { icon: <DelayClearedIcon fontSize="small" />, tone: 'success' },
  received: { icon: <ReceiptIcon fontSize="small" />, tone: 'primary' },
  discrepancy: { icon: <DiscrepancyIcon fontSize="small" />, tone: 'warning' },
  recount_requested: { icon: <RecountIcon fontSize="small" />, tone: 'warning' },
  reconciled: { icon: <ReconciledIcon fontSize="small" />, tone: 'success' },
  // Price adjustment (调价): approved after its deadline, a store without a manager, the price in effect.
  approved_late: { icon: <LateIcon fontSize="small" />, tone: 'warning' },
  notify_skipped: { icon: <NotifySkippedIcon fontSize="small" />, tone: 'grey' },
  price_effective: { icon: <PriceIcon fontSize="small" />, tone: 'success' },
  // Return or clearance (返货 / 清货): the return standard, the inbound shipment, grading, the clearance.
  refused_by_standard: { icon: <RefusedIcon fontSize="small" />, tone: 'error' },
  standard_passed: { icon: <PassedIcon fontSize="small" />, tone: 'success' },
  return_shipped: { icon: <ReturnShippedIcon fontSize="small" />, tone: 'info' },
  graded: { icon: <GradedIcon fontSize="small" />, tone: 'primary' },
  clearance_started: { icon: <ClearanceIcon fontSize="small" />, tone: 'info' },
  clearance_line_skipped: { icon: <ClearanceIcon fontSize="small" />, tone: 'warning' },
  clearance_ended: { icon: <ClearanceIcon fontSize="small" />, tone: 'info' },
  clearance_result: { icon: <ClearanceResultIcon fontSize="small" />, tone: 'success' },
};

/** Reminders, escalations, delays, overdue payments, receipt discrepancies, late price approvals and refused returns stand out in the timeline. */
const HIGHLIGHTED = new Set([
  'reminder_sent',
  'escalated',
  'urged',
  'delayed',
  'payment_overdue',
  'discrepancy',
  'approved_late',
  'refused_by_standard',
  'clearance_line_skipped',
]);

/** A price adjustment's `notified` is its notice to finance and the stores (else a cc). */
const isPriceNotice = (event: TimelineEvent) => event.type === 'notified' && Array.isArray(event.detail?.financeUserIds);

/** An arrived event looks like the warehouse, the others like a truck; a price notice like an announcement. */
const lookOf = (event: TimelineEvent) =>
  event.type === 'shipment_event' && event.detail?.type === 'arrived'
    ? { icon: <ArrivedIcon fontSize="small" />, tone: 'info' as Tone }
    : isPriceNotice(event)
      ? { icon: <NoticeIcon fontSize="small" />, tone: 'info' as Tone }
      : LOOK[event.type];

/** The label key of an event: a price notice is not a cc. */
const titleKey = (event: TimelineEvent) =>
  isPriceNotice(event) ? 'app.timeline.event.price_notified' : `app.timeline.event.${event.type}`;

const toneColor = (theme: Theme, tone: Tone): string => (tone === 'grey' ? theme.palette.grey[500] : theme.palette[tone].main);

export interface TimelineContext {
  /** Task id → its title and assignee name (from the process's tasks). */
  tasks: Map<string, { title: string; assigneeName?: string | null }>;
  /** User id → name, when the user list may be read. */
  users: Map<string, string>;
  /** Step key → its title in the current locale. */
  steps: Map<string, string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** One line saying what happened, from the event's detail. */
const useDetailText = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const duration = (iso: string | undefined): string => {
    if (!iso) return '';
    const d = parseIsoDuration(iso);
    if (!d) return iso;
    const parts = [
      d.weeks ? translate('app.duration.weeks', { smart_count: d.weeks }) : '',
      d.days ? translate('app.duration.days', { smart_count: d.days }) : '',
      d.hours ? translate('app.duration.hours', { smart_count: d.hours }) : '',
      d.minutes ? translate('app.duration.minutes', { smart_count: d.minutes }) : '',
      d.seconds ? translate('app.duration.seconds', { smart_count: d.seconds }) : '',
    ].filter(Boolean);
    return parts.join(' ');
  };
  const money = (v: unknown) => (typeof v === 'number' ? f.money(v) : typeof v === 'string' && /^\d+$/.test(v) ? f.money(Number(v)) : '');
  const role = (r: unknown) => (str(r) ? translate(`app.roles.${str(r)}`, { _: str(r)! }) : '');
  return (event: TimelineEvent, ctx: TimelineContext): string[] => {
    const d = event.detail ?? {};
    const user = (id: unknown) => {
      const key = str(id);
      return key ? (ctx.users.get(key) ?? '') : '';
    };
    const task = (id: unknown) => {
      const key = str(id);
      return key ? ctx.tasks.get(key) : undefined;
    };
    const taskTitle = (id: unknown) => task(id)?.title ?? '';
    const step = (key: unknown) => {
      const k = str(key);
      if (!k) return '';
      if (k === 'revise') return translate('app.process.revise_step');
      const live = ctx.steps.get(k);
      if (live) return live;
      // A finished run answers no state: the steps of the processes known here by their key.
      const rung = /^delay_(\d+)$/.exec(k);
      if (rung) return translate('app.timeline.step.delay', { level: rung[1] });
      // A price notice to a store's manager: notify_store:<storeId>.
      const store = /^notify_store:(.+)$/.exec(k);
      if (store) return translate('app.timeline.step.notify_store', { store: store[1] });
      return translate(`app.timeline.step.${k}`, { _: '' }) || k;
    };
    const lines: string[] = [];
    switch (event.type) {
      case 'started':
        if (str(d.title)) lines.push(str(d.title)!);
        break;
      case 'task_created': {
        // Who it went to when created (the task may have moved on since: delegation, escalation).
        const who =
          user(d.assigneeId) ||
          (str(d.candidateRole)
            ? translate('app.task.role_pool', { role: translate(`app.roles.${str(d.candidateRole)}`, { _: str(d.candidateRole)! }) })
            : '') ||
          task(d.taskId)?.assigneeName ||
          '';
        lines.push(translate('app.timeline.detail.task_created', { step: step(d.stepKey) || taskTitle(d.taskId), who: who || '—' }));
        if (str(d.dueAt)) lines.push(translate('app.timeline.detail.due', { due: f.dateTime(str(d.dueAt)) }));
        break;
      }
      case 'reminder_sent': {
        const lead = str(d.lead);
        const parsed = lead ? parseIsoDuration(lead) : undefined;
        const zero = parsed && !parsed.weeks && !parsed.days && !parsed.hours && !parsed.minutes && !parsed.seconds;
        lines.push(
          zero ? translate('app.timeline.detail.reminder_at_due') : translate('app.timeline.detail.reminder', { lead: duration(lead) }),
        );
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      }
      case 'escalated': {
        const level = str(d.level) ?? '1';
        if (str(d.role)) {
          // A delayed shipment climbing its ladder (follower → supervisor → manager).
          lines.push(translate('app.timeline.detail.escalated_role', { level, role: role(d.role) }));
          if (str(d.reason)) lines.push(translate(`app.shipment.delay.reason.${str(d.reason)}`, { _: str(d.reason)! }));
          if (str(d.expectedArrival))
            lines.push(translate('app.timeline.detail.expected_arrival', { at: f.dateTime(str(d.expectedArrival)) }));
          break;
        }
        const action = str(d.action) === 'reassigned' ? 'reassigned' : 'notified';
        lines.push(
          translate(`app.timeline.detail.escalated_${action}`, {
            level,
            who: user(d.toUserId) || translate('app.timeline.detail.superior'),
          }),
        );
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      }
      case 'escalation_skipped':
        lines.push(translate('app.timeline.detail.escalation_skipped', { level: str(d.level) ?? '' }));
        break;
      case 'delegated': {
        const key = str(d.reason) === 'out_of_office' ? 'delegated_ooo' : 'delegated';
        lines.push(translate(`app.timeline.detail.${key}`, { from: user(d.fromUserId) || '—', to: user(d.toUserId) || '—' }));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      }
      case 'claimed':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        break;
      case 'decided':
        if (step(d.stepKey)) lines.push(step(d.stepKey));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'resubmitted':
        lines.push(translate('app.timeline.detail.round', { round: str(d.round) ?? '' }));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'task_cancelled':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        if (str(d.reason)) lines.push(translate(`app.timeline.cancel_reason.${str(d.reason)}`, { _: str(d.reason)! }));
        break;
      case 'approver_added':
        lines.push(
          translate(`app.timeline.detail.approver_added_${str(d.position) === 'with' ? 'with' : 'after'}`, { who: user(d.userId) || '—' }),
        );
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'urged':
        if (taskTitle(d.taskId)) lines.push(taskTitle(d.taskId));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'withdrawn':
        if (str(d.reason)) lines.push(`“${str(d.reason)}”`);
        break;
      case 'notified': {
        if (isPriceNotice(event)) {
          // Finance and the receiving stores' managers, to acknowledge before the goods arrive.
          const stores = Array.isArray(d.stores) ? (d.stores as Record<string, unknown>[]) : [];
          lines.push(
            translate('app.timeline.detail.price_notified', {
              finance: (d.financeUserIds as unknown[]).length,
              stores:
                stores
                  .map((st) => str(st.storeId))
                  .filter(Boolean)
                  .join('、') || '0',
              at: f.dateTime(str(d.notifyBy)),
            }),
          );
          break;
        }
        const count = Array.isArray(d.userIds) ? d.userIds.length : Array.isArray(d.to) ? d.to.length : undefined;
        lines.push(translate('app.timeline.detail.notified', { smart_count: count ?? 0 }));
        break;
      }
      case 'completed':
        if (str(d.reason)) lines.push(`“${str(d.reason)}”`);
        break;
      case 'cancelled':
        if (str(d.reason)) lines.push(`“${str(d.reason)}”`);
        break;
      // -- booking
      case 'statement_sent':
        if (money(d.prepaymentDueFen)) lines.push(translate('app.timeline.detail.prepayment_due', { amount: money(d.prepaymentDueFen) }));
        if (str(d.paymentDeadline))
          lines.push(translate('app.timeline.detail.payment_deadline', { at: f.dateTime(str(d.paymentDeadline)) }));
        break;
      case 'payment_recorded':
        lines.push(
          translate('app.timeline.detail.payment_recorded', { amount: money(d.amountFen) || '—', reference: str(d.reference) ?? '—' }),
        );
        if (money(d.paidFen) && money(d.prepaymentDueFen)) {
          lines.push(translate('app.timeline.detail.paid_of', { paid: money(d.paidFen), due: money(d.prepaymentDueFen) }));
        }
        break;
      case 'deadline_extended':
        if (str(d.paymentDeadline))
          lines.push(translate('app.timeline.detail.deadline_extended', { at: f.dateTime(str(d.paymentDeadline)) }));
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'payment_overdue':
        if (str(d.paymentDeadline))
          lines.push(translate('app.timeline.detail.payment_deadline', { at: f.dateTime(str(d.paymentDeadline)) }));
        if (money(d.prepaymentDueFen))
          lines.push(translate('app.timeline.detail.paid_of', { paid: money(d.paidFen) || money(0), due: money(d.prepaymentDueFen) }));
        break;
      case 'confirmed':
        if (money(d.paidFen))
          lines.push(translate('app.timeline.detail.paid_of', { paid: money(d.paidFen), due: money(d.prepaymentDueFen) || '—' }));
        break;
      // -- shipment
      case 'shipment_event': {
        const type = str(d.type);
        lines.push(
          [type ? translate(`app.shipment.event_type.${type}`, { _: type }) : '', str(d.location), str(d.at) ? f.dateTime(str(d.at)) : '']
            .filter(Boolean)
            .join(' · '),
        );
        if (type === 'eta_changed' && str(d.expectedArrival))
          lines.push(translate('app.timeline.detail.new_eta', { at: f.dateTime(str(d.expectedArrival)) }));
        break;
      }
      case 'delayed':
        if (str(d.reason)) lines.push(translate(`app.shipment.delay.reason.${str(d.reason)}`, { _: str(d.reason)! }));
        if (str(d.expectedArrival))
          lines.push(translate('app.timeline.detail.expected_arrival', { at: f.dateTime(str(d.expectedArrival)) }));
        break;
      case 'delay_cleared':
        if (str(d.reason)) lines.push(translate(`app.timeline.delay_cleared.${str(d.reason)}`, { _: str(d.reason)! }));
        if (str(d.level) && str(d.level) !== '0') lines.push(translate('app.timeline.detail.cleared_level', { level: str(d.level)! }));
        break;
      case 'received':
        lines.push(
          translate('app.timeline.detail.received', {
            number: str(d.receipt) ?? '1',
            lines: str(d.lines) ?? '0',
            smart_count: typeof d.discrepancies === 'number' ? d.discrepancies : 0,
          }),
        );
        break;
      case 'discrepancy': {
        const items = Array.isArray(d.discrepancies) ? (d.discrepancies as Record<string, unknown>[]) : [];
        for (const item of items) {
          lines.push(
            `${str(item.sku) ?? ''} / ${str(item.size) ?? ''}: ${translate(`app.shipment.discrepancy.${str(item.kind) ?? ''}`, { _: str(item.kind) ?? '' })} · ${translate(
              'app.shipment.discrepancy.figures',
              { expected: str(item.expected) ?? '0', received: str(item.received) ?? '0', damaged: str(item.damaged) ?? '0' },
            )}`,
          );
        }
        break;
      }
      case 'recount_requested':
        if (str(d.comment)) lines.push(`“${str(d.comment)}”`);
        break;
      case 'reconciled':
        if (str(d.resolution)) lines.push(translate(`app.shipment.resolution.${str(d.resolution)}`, { _: str(d.resolution)! }));
        if (str(d.note)) lines.push(`“${str(d.note)}”`);
        break;
      // -- price adjustment
      case 'approved_late': {
        const late = typeof d.lateByMs === 'number' ? Math.max(Math.round(d.lateByMs / 60_000), 1) : undefined;
        const days = late !== undefined ? Math.floor(late / 1440) : 0;
        const hours = late !== undefined ? Math.floor((late % 1440) / 60) : 0;
        const minutes = late !== undefined ? late % 60 : 0;
        const lateText = [
          days ? translate('app.duration.days', { smart_count: days }) : '',
          hours ? translate('app.duration.hours', { smart_count: hours }) : '',
          !days && minutes ? translate('app.duration.minutes', { smart_count: minutes }) : '',
        ]
          .filter(Boolean)
          .join(' ');
        lines.push(translate('app.timeline.detail.approved_late', { due: f.dateTime(str(d.dueAt)), late: lateText || '—' }));
        break;
      }
      case 'notify_skipped':
        lines.push(translate('app.timeline.detail.notify_skipped', { store: str(d.storeId) ?? '—' }));
        break;
      case 'price_effective':
        lines.push(
          translate('app.timeline.detail.price_effective', {
            at: f.dateTime(str(d.effectiveAt)),
            lines: str(d.lines) ?? '—',
            stores: str(d.stores) ?? '—',
          }),
        );
        break;
      // -- return or clearance
      case 'refused_by_standard':
        // Every reason the return standard gives, one per line.
        for (const reason of Array.isArray(d.reasons) ? d.reasons : []) if (str(reason)) lines.push(str(reason)!);
        break;
      case 'standard_passed':
        lines.push(translate('app.timeline.detail.standard_passed'));
        break;
      case 'return_shipped':
        lines.push(
          translate('app.timeline.detail.return_shipped', { code: str(d.code) ?? '—', at: f.dateTime(str(d.expectedArrival)) || '—' }),
        );
        break;
      case 'graded':
        lines.push(translate('app.timeline.detail.graded', { received: str(d.received) ?? '0', defective: str(d.defective) ?? '0' }));
        break;
      case 'clearance_started':
        lines.push(
          translate('app.timeline.detail.clearance_started', { from: f.dateTime(str(d.startsAt)), to: f.dateTime(str(d.endsAt)) }),
        );
        break;
      case 'clearance_line_skipped':
        lines.push(
          translate('app.timeline.detail.clearance_line_skipped', {
            sku: str(d.sku) ?? '—',
            price: typeof d.clearancePriceFen === 'number' ? f.money(d.clearancePriceFen) : '—',
            current: typeof d.priceInForceFen === 'number' ? f.money(d.priceInForceFen) : '—',
          }),
        );
        break;
      case 'clearance_ended':
        for (const l of Array.isArray(d.lines) ? (d.lines as { sku?: string; priceFen?: number }[]) : [])
          lines.push(
            translate('app.timeline.detail.clearance_ended', {
              sku: l.sku ?? '—',
              price: typeof l.priceFen === 'number' ? f.money(l.priceFen) : '—',
            }),
          );
        break;
      case 'clearance_result':
        lines.push(
          translate('app.timeline.detail.clearance_result', {
            sold: str(d.soldQty) ?? '0',
            remaining: str(d.remainingQty) ?? '0',
            rate:
              typeof d.sellThroughBp === 'number'
                ? new Intl.NumberFormat(f.locale.startsWith('zh') ? 'zh-CN' : 'en-US', {
                    style: 'percent',
                    maximumFractionDigits: 2,
                  }).format(d.sellThroughBp / 10_000)
                : '—',
          }),
        );
        break;
      default:
        break;
    }
    return lines.filter(Boolean);
  };
};

/** The audit trail as a vertical timeline: who, what, when. */
export const Timeline = ({ events, context }: { events: TimelineEvent[]; context: TimelineContext }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const detailText = useDetailText();
  if (!events.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.timeline.empty')}
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="timeline">
      {events.map((event, index) => {
        const look = lookOf(event) ?? { icon: <DotIcon fontSize="small" />, tone: 'grey' as Tone };
        const highlighted = HIGHLIGHTED.has(event.type);
        const last = index === events.length - 1;
        const actor = !event.actor || event.actor === 'system' ? translate('app.timeline.system') : event.actor;
        const d = event.detail ?? {};
        return (
          <Box
            component="li"
            key={event.id}
            data-testid="timeline-item"
            data-event-type={event.type}
            sx={{ display: 'flex', gap: 1.5, position: 'relative' }}
          >
            <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', flex: '0 0 auto' }}>
              <Box
                sx={(theme) => ({
                  width: 32,
                  height: 32,
                  borderRadius: '50%',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  color: theme.palette.common.white,
                  backgroundColor: toneColor(theme, look.tone),
                  boxShadow: highlighted ? `0 0 0 4px ${alpha(toneColor(theme, look.tone), 0.25)}` : 'none',
                })}
              >
                {look.icon}
              </Box>
              {!last ? <Box sx={{ flex: 1, width: 2, backgroundColor: 'divider', minHeight: 16 }} /> : null}
            </Box>
            <Box
              sx={(theme) => ({
                flex: 1,
                minWidth: 0,
                mb: 2,
                px: highlighted ? 1.5 : 0,
                py: highlighted ? 1 : 0.5,
                borderRadius: 1,
                ...(highlighted
                  ? {
                      backgroundColor: alpha(toneColor(theme, look.tone), 0.08),
                      borderLeft: `3px solid ${toneColor(theme, look.tone)}`,
                    }
                  : {}),
              })}
            >
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="subtitle2" component="span">
                  {translate(titleKey(event), { _: event.type })}
                </Typography>
                {event.type === 'decided' && str(d.decision) ? <DecisionChip decision={str(d.decision)} /> : null}
                {event.type === 'completed' && str(d.result) ? <ProcessStatusChip status={str(d.result)} /> : null}
                {event.type === 'escalated' && str(d.level) ? (
                  <Chip
                    size="small"
                    color="error"
                    label={translate('app.task.escalation_level', { level: str(d.level)! })}
                    data-level={str(d.level)}
                  />
                ) : null}
                {event.type === 'shipment_event' && d.applied === false ? (
                  <Chip size="small" variant="outlined" label={translate('app.shipment.event.stale')} data-testid="timeline-stale" />
                ) : null}
                <Typography variant="body2" color="text.secondary" component="span">
                  {actor}
                </Typography>
              </Stack>
              {detailText(event, context).map((line, i) => (
                <Typography key={i} variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {line}
                </Typography>
              ))}
              <Typography variant="caption" color="text.secondary" component="time" dateTime={event.at}>
                {f.dateTime(event.at)}
              </Typography>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
};

export default Timeline;
