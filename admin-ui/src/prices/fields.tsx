import BoltIcon from '@mui/icons-material/Bolt';
import { Chip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatBp } from '../common/numbers';
import { useFormatters } from '../common';
import { priceStatusColor, type PriceAdjustment } from './types';

/** 待审批 orange, 已批准（待生效） blue, 已生效 green, 已驳回 red, 已作废 / 已撤回 grey. */
export const PriceStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={priceStatusColor(status)}
      variant={status === 'superseded' || status === 'withdrawn' ? 'outlined' : 'filled'}
      label={translate(`app.price.status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const PriceStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<PriceAdjustment>();
  return <PriceStatusChip status={record?.status} data-testid="price-status-chip" />;
};

/** 加急: a late proposal sent straight to the merchandise manager. */
export const UrgentChip = ({ urgent }: { urgent: boolean | undefined }) => {
  const translate = useTranslate();
  if (!urgent) return null;
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      icon={<BoltIcon />}
      label={translate('app.price.urgent')}
      data-testid="price-urgent-chip"
    />
  );
};

/** A change in basis points as "−30.15%" (red when a markdown, green when up). */
export const ChangeText = ({ bp, testId }: { bp: number | null | undefined; testId?: string }) => {
  const f = useFormatters();
  if (bp === null || bp === undefined) return <>—</>;
  const text = `${bp > 0 ? '+' : ''}${formatBp(bp, f.locale)}`;
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{ whiteSpace: 'nowrap', color: bp < 0 ? 'error.main' : bp > 0 ? 'success.main' : undefined }}
      data-testid={testId}
      data-bp={bp}
    >
      {text}
    </Typography>
  );
};

/** An ISO instant in the business zone; red when it has passed and `late` says it matters. */
export const Instant = ({ iso, late, testId }: { iso: string | null | undefined; late?: boolean; testId?: string }) => {
  const f = useFormatters();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', color: late ? 'error.main' : undefined }} data-testid={testId}>
      {iso ? f.dateTime(iso) : '—'}
    </Typography>
  );
};
