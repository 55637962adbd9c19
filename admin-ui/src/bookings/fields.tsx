import { Chip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { bookingStatusColor, quotaCheckColor, type Booking } from './types';

/** overdue red, awaiting_* orange, confirmed green, cancelled / rejected grey. */
export const BookingStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={bookingStatusColor(status)}
      variant={status === 'cancelled' || status === 'rejected' ? 'outlined' : 'filled'}
      label={translate(`app.booking.status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const BookingStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Booking>();
  return <BookingStatusChip status={record?.status} data-testid="booking-status-chip" />;
};

/** Below / above the quota, or no quota (within the quota shows nothing unless `showWithin`). */
export const QuotaBadge = ({
  check,
  showWithin = false,
  ...props
}: { check: string | null | undefined; showWithin?: boolean } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!check || (check === 'within' && !showWithin)) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={quotaCheckColor(check)}
      label={translate(`app.booking.quota_check.${check}`, { _: check })}
      data-testid="booking-quota-badge"
      data-quota-check={check}
      {...props}
    />
  );
};

export const QuotaField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Booking>();
  return <QuotaBadge check={record?.quotaCheck} />;
};

/** Integer fen of the record as ¥1,234.50, right-aligned in tables, never wrapped. */
export const FenField = ({ source, strong }: { source: keyof Booking & string; strong?: boolean }) => {
  const record = useRecordContext<Booking>();
  const f = useFormatters();
  const value = record?.[source];
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: strong ? 600 : undefined }} data-field={source}>
      {typeof value === 'number' ? f.money(value) : '—'}
    </Typography>
  );
};

/** The payment deadline (date and time in the business zone); red once passed while unpaid. */
export const DeadlineField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Booking>();
  const f = useFormatters();
  if (!record?.paymentDeadline) return <>—</>;
  const late = record.status === 'overdue';
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', color: late ? 'error.main' : undefined }}>
      {f.dateTime(record.paymentDeadline)}
    </Typography>
  );
};

export { formatBp, useNumber } from '../common/numbers';
