import LockIcon from '@mui/icons-material/Lock';
import { Chip, Tooltip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { planStatusColor, type Plan } from './types';

export const PlanStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={planStatusColor(status)}
      variant={status === 'draft' || status === 'withdrawn' ? 'outlined' : 'filled'}
      label={translate(`app.plan.status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const PlanStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Plan>();
  return <PlanStatusChip status={record?.status} />;
};

export const PlanTypeLabel = ({ type }: { type: string | undefined | null }) => {
  const translate = useTranslate();
  return <>{type ? translate(`app.plan.type.${type}`, { _: type }) : '—'}</>;
};

export const PlanTypeField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Plan>();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      <PlanTypeLabel type={record?.type} />
    </Typography>
  );
};

/** Totals of the current revision: `totalQty` / `totalAmountFen` in the list, `revision.totals` in a plan. */
export const planTotals = (plan: Plan | undefined): { qty: number; amountFen: number } | undefined => {
  if (!plan) return undefined;
  if (typeof plan.totalQty === 'number' || typeof plan.totalAmountFen === 'number') {
    return { qty: Number(plan.totalQty ?? 0), amountFen: Number(plan.totalAmountFen ?? 0) };
  }
  return plan.revision?.totals ?? undefined;
};

export const PlanQtyField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Plan>();
  const f = useFormatters();
  const qty = planTotals(record)?.qty;
  return (
    <Typography component="span" variant="body2">
      {typeof qty === 'number' ? qty.toLocaleString(f.locale.startsWith('zh') ? 'zh-CN' : 'en-US') : '—'}
    </Typography>
  );
};

export const PlanAmountField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Plan>();
  const f = useFormatters();
  const fen = planTotals(record)?.amountFen;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {typeof fen === 'number' ? f.money(fen) : '—'}
    </Typography>
  );
};

/** A lock when the plan is approved (its lines can no longer change). */
export const LockBadge = ({ plan }: { plan: Pick<Plan, 'status' | 'lockedAt'> }) => {
  const translate = useTranslate();
  const f = useFormatters();
  if (plan.status !== 'approved' && !plan.lockedAt) return null;
  return (
    <Tooltip title={plan.lockedAt ? translate('app.plan.locked_at', { at: f.dateTime(plan.lockedAt) }) : translate('app.plan.locked')}>
      <LockIcon fontSize="small" color="success" data-testid="plan-locked" aria-label={translate('app.plan.locked')} />
    </Tooltip>
  );
};
