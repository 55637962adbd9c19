import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { Chip, Stack, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { discrepancyColor, rungRole, shipmentStatusColor, type Shipment } from './types';

export { useNumber } from '../bookings/fields';

/** created grey, on the way blue, arrived / being reconciled orange, reconciled green. */
export const ShipmentStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={shipmentStatusColor(status)}
      variant={status === 'created' ? 'outlined' : 'filled'}
      label={translate(`app.shipment.status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const ShipmentStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  return <ShipmentStatusChip status={record?.status} data-testid="shipment-status-chip" />;
};

/** "已升级至商品主管（第 2 级）": the rung of the escalation ladder a delay has reached. */
export const useEscalationText = () => {
  const translate = useTranslate();
  return (level: number | null | undefined): string => {
    if (!level || level <= 0) return '';
    const role = rungRole(level);
    return translate('app.shipment.delay.escalated_to', { role: translate(`app.roles.${role}`, { _: role }), level });
  };
};

/**
 * The delay badge: red "延误 · 逾期未到" (or 长时间无更新) and, once escalated, the rung reached
 * ("已升级至商品主管（第 2 级）"). Nothing when the shipment is not delayed.
 */
export const DelayBadge = ({
  delayed,
  reason,
  level,
  since,
  direction = 'column',
}: {
  delayed: boolean | undefined;
  reason?: string | null;
  level?: number | null;
  since?: string | null;
  direction?: 'row' | 'column';
}) => {
  const translate = useTranslate();
  const f = useFormatters();
  const escalation = useEscalationText();
  if (!delayed) return null;
  const why = reason ? translate(`app.shipment.delay.reason.${reason}`, { _: reason }) : '';
  return (
    <Stack
      direction={direction}
      sx={{ gap: 0.5, alignItems: direction === 'column' ? 'flex-start' : 'center', flexWrap: 'wrap' }}
      data-testid="shipment-delay-badge"
      data-reason={reason ?? ''}
      data-level={level ?? 0}
    >
      <Chip
        size="small"
        color="error"
        icon={<WarningIcon />}
        label={[translate('app.shipment.delay.delayed'), why].filter(Boolean).join(' · ')}
        title={since ? translate('app.shipment.delay.since', { at: f.dateTime(since) }) : undefined}
        data-testid="shipment-delay-chip"
      />
      {level && level > 0 ? (
        <Chip
          size="small"
          color="error"
          variant="outlined"
          icon={<TrendingUpIcon />}
          label={escalation(level)}
          data-testid="shipment-escalation-chip"
          data-level={level}
        />
      ) : null}
    </Stack>
  );
};

export const DelayField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  if (!record) return null;
  return <DelayBadge delayed={record.delayed} reason={record.delayReason} level={record.escalationLevel} since={record.delayedSince} />;
};

/** 短少 / 多出 / 错发 / 破损. */
export const DiscrepancyChip = ({ kind }: { kind: string }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={discrepancyColor(kind)}
      label={translate(`app.shipment.discrepancy.${kind}`, { _: kind })}
      data-testid="discrepancy-kind"
      data-kind={kind}
    />
  );
};

/** The expected arrival; red once passed while the goods are still on the way. */
export const EtaField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  const f = useFormatters();
  if (!record) return null;
  const late = record.delayed && record.delayReason === 'late';
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{ whiteSpace: 'nowrap', color: late ? 'error.main' : undefined }}
      data-field="expectedArrival"
    >
      {f.dateTime(record.expectedArrival) || '—'}
    </Typography>
  );
};

/** When the last carrier event was and where the goods were then. */
export const LastEventField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  const f = useFormatters();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.lastEventAt && !record.location) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('app.shipment.no_events_yet')}
      </Typography>
    );
  }
  return (
    <Stack sx={{ minWidth: 120 }} data-field="lastEvent">
      <Typography variant="body2">{record.location || '—'}</Typography>
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {f.dateTime(record.lastEventAt)}
      </Typography>
    </Stack>
  );
};
