import { Chip } from '@mui/material';
import { useRecordContext, useTranslate, type RaRecord } from 'react-admin';

export interface Delegation extends RaRecord {
  id: string;
  userId: string;
  delegateId: string;
  startsAt: string;
  endsAt: string;
  reason?: string | null;
}

export type DelegationStatus = 'active' | 'upcoming' | 'past';

export const delegationStatus = (d: Pick<Delegation, 'startsAt' | 'endsAt'>, now = Date.now()): DelegationStatus => {
  if (Date.parse(d.endsAt) <= now) return 'past';
  if (Date.parse(d.startsAt) > now) return 'upcoming';
  return 'active';
};

const fmt = (iso: string, locale?: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
};

/** "2027年3月1日 09:00 – 2027年3月5日 18:00" in the UI's locale and the browser's zone. */
export const formatPeriod = (d: Pick<Delegation, 'startsAt' | 'endsAt'>, locale?: string) =>
  `${fmt(d.startsAt, locale)} – ${fmt(d.endsAt, locale)}`;

/** 进行中 / 未开始 / 已结束, computed from the period and the current time. */
export const DelegationStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Delegation>();
  const translate = useTranslate();
  if (!record) return null;
  const status = delegationStatus(record);
  return (
    <Chip
      size="small"
      color={status === 'active' ? 'primary' : 'default'}
      variant={status === 'past' ? 'outlined' : 'filled'}
      label={translate(`masterData.delegations.status.${status}`)}
    />
  );
};
