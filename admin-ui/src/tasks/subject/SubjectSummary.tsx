import WarningIcon from '@mui/icons-material/WarningAmber';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../../common';
import { useNumber } from '../../common/numbers';
import type { Subject } from './types';

/** One fact of a summary: its label (may be empty) and value; `warn` shows it in red with a sign. */
interface Fact {
  field: string;
  label?: string;
  value: ReactNode;
  warn?: boolean;
}

type Helpers = { t: ReturnType<typeof useTranslate>; f: ReturnType<typeof useFormatters>; n: ReturnType<typeof useNumber> };

/** What the inbox row says about a task's object, per kind: what, how much, for whom, by when. */
const FACTS: { [K in Subject['kind']]: (s: Extract<Subject, { kind: K }>, h: Helpers) => Fact[] } = {
  plan: (s, { t, f, n }) => [
    { field: 'planType', value: t(`app.plan.type.${s.planType}`, { _: s.planType }) },
    { field: 'season', value: s.season },
    { field: 'revision', value: t('app.subject.revision_n', { n: s.revision }) },
    { field: 'totalQty', label: t('app.subject.total_qty'), value: n(s.totalQty) },
    { field: 'totalAmountFen', label: t('app.subject.total_amount'), value: f.money(s.totalAmountFen) },
  ],
  booking: (s, { t, f }) => [
    { field: 'code', value: s.ref.code },
    { field: 'franchiseeName', value: s.franchiseeName },
    { field: 'amountFen', label: t('app.subject.amount'), value: f.money(s.amountFen) },
    {
      field: 'quotaFen',
      label: t('app.subject.quota'),
      value: `${s.quotaFen === null ? '—' : f.money(s.quotaFen)} · ${t(`app.booking.quota_check.${s.quotaCheck}`, { _: s.quotaCheck })}`,
      warn: s.quotaCheck === 'above',
    },
    { field: 'prepaymentDueFen', label: t('app.subject.prepayment'), value: f.money(s.prepaymentDueFen) },
    {
      field: 'paymentDeadline',
      label: t('app.subject.deadline'),
      value: s.paymentDeadline ? f.dateTime(s.paymentDeadline) : t('app.subject.deadline_not_set'),
    },
  ],
  shipment: (s, { t, f, n }) => [
    { field: 'code', value: s.ref.code },
    ...(s.franchiseeName ? [{ field: 'franchiseeName', value: s.franchiseeName }] : []),
    { field: 'totalQty', label: t('app.subject.total_qty'), value: n(s.totalQty) },
    { field: 'expectedArrival', label: t('app.subject.expected_arrival'), value: f.dateTime(s.expectedArrival), warn: s.delayed },
  ],
  price: (s, { t, f }) => [
    { field: 'code', value: s.ref.code },
    {
      field: 'change',
      label: s.sku + (s.lineCount > 1 ? ` ${t('app.subject.more_lines', { smart_count: s.lineCount - 1 })}` : ''),
      value: `${f.money(s.oldPriceFen)} → ${f.money(s.newPriceFen)}`,
    },
    { field: 'storeCount', value: t('app.subject.store_count', { smart_count: s.storeCount }) },
    { field: 'effectiveDate', label: t('app.subject.effective_date'), value: f.date(s.effectiveDate) },
    ...(s.urgent ? [{ field: 'urgent', value: t('app.subject.urgent'), warn: true }] : []),
  ],
  return: (s, { t, n }) => [
    { field: 'code', value: s.ref.code },
    { field: 'requesterName', value: s.requesterName ?? '—' },
    { field: 'totalQty', label: t('app.subject.total_qty'), value: n(s.totalQty) },
    {
      field: 'standard',
      value: t(s.standardPassed ? 'app.subject.standard_passed' : 'app.subject.standard_refused'),
      warn: !s.standardPassed,
    },
  ],
  clearance: (s, { t, f }) => [
    { field: 'code', value: s.ref.code },
    { field: 'requesterName', value: s.requesterName ?? '—' },
    {
      field: 'prices',
      label: (s.sku ?? '') + (s.lineCount > 1 ? ` ${t('app.subject.more_lines', { smart_count: s.lineCount - 1 })}` : ''),
      value: t('app.subject.clearance_vs_current', { clearance: f.money(s.clearancePriceFen), current: f.money(s.currentPriceFen) }),
      warn: s.aboveCurrent,
    },
    ...(s.aboveCurrent ? [{ field: 'aboveCurrent', value: t('app.subject.above_current'), warn: true }] : []),
    { field: 'period', label: t('app.subject.period'), value: `${f.date(s.startsOn) || '—'} – ${f.date(s.endsOn) || '—'}` },
  ],
  approval: (s, { t, f }) => [
    ...(s.amountFen !== null ? [{ field: 'amountFen', label: t('app.subject.amount'), value: f.money(s.amountFen) }] : []),
    ...(s.reason ? [{ field: 'reason', label: t('app.subject.reason'), value: s.reason }] : []),
  ],
};

export const useSubjectFacts = () => {
  const t = useTranslate();
  const f = useFormatters();
  const n = useNumber();
  return (s: Subject): Fact[] => (FACTS[s.kind] as (s: Subject, h: Helpers) => Fact[])(s, { t, f, n });
};

/** The summary of a task's object in an inbox row or card (`task-subject`, each fact `data-field`). */
export const SubjectSummary = ({ subject }: { subject?: Subject | null }) => {
  const facts = useSubjectFacts();
  if (!subject) return null;
  return (
    <Box
      data-testid="task-subject"
      data-kind={subject.kind}
      sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.25, mt: 0.5 }}
    >
      {facts(subject).map((fact) => (
        <Typography
          key={fact.field}
          variant="caption"
          component="span"
          data-field={fact.field}
          data-warn={fact.warn ? 'true' : undefined}
          sx={{
            color: fact.warn ? 'error.main' : 'text.secondary',
            fontWeight: fact.warn ? 600 : 400,
            display: 'inline-flex',
            alignItems: 'center',
            gap: 0.25,
          }}
        >
          {fact.warn ? <WarningIcon sx={{ fontSize: 14 }} /> : null}
          {fact.label ? <span>{fact.label} </span> : null}
          <Box component="span" sx={{ color: fact.warn ? 'error.main' : 'text.primary', fontWeight: 500 }}>
            {fact.value}
          </Box>
        </Typography>
      ))}
    </Box>
  );
};
