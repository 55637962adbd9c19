import OpenIcon from '@mui/icons-material/OpenInNew';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { Alert, Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { LinkBase, useTranslate } from 'react-admin';
import { useFormatters } from '../../common';
import { formatBp, useNumber } from '../../common/numbers';
import type {
  ApprovalSubject,
  BookingContent,
  ClearanceContent,
  Content,
  PlanContent,
  PriceContent,
  ReturnContent,
  ShipmentContent,
  SubjectRef,
} from './types';
import { subjectPath } from './types';

// The full content of a task's business object (GET /api/tasks/:id `content`), one renderer per
// kind in RENDERERS; the task page and the decision dialog show the same.

/** Label and value pairs in a responsive grid; each value carries `data-field` for tests. */
const Facts = ({ items }: { items: { field: string; label: string; value: ReactNode; warn?: boolean }[] }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(3, 1fr)', md: 'repeat(4, 1fr)' }, gap: 1.5, mb: 1.5 }}>
    {items.map((i) => (
      <Box key={i.field} sx={{ minWidth: 0 }}>
        <Typography variant="caption" color="text.secondary" component="div">
          {i.label}
        </Typography>
        <Typography
          variant="body2"
          data-field={i.field}
          data-warn={i.warn ? 'true' : undefined}
          sx={{ fontWeight: 500, color: i.warn ? 'error.main' : undefined, wordBreak: 'break-word' }}
        >
          {i.value}
        </Typography>
      </Box>
    ))}
  </Box>
);

/** A small table that scrolls inside its box on a phone. */
const Lines = ({ head, rows, testId }: { head: string[]; rows: { key: string; cells: ReactNode[]; warn?: boolean }[]; testId: string }) => (
  <Box sx={{ overflowX: 'auto', mb: 1.5 }}>
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          {head.map((h, i) => (
            <TableCell key={i} sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow
            key={r.key}
            data-testid={`${testId}-row`}
            sx={r.warn ? { '& td': { color: 'error.main', fontWeight: 600 } } : undefined}
          >
            {r.cells.map((c, i) => (
              <TableCell key={i} sx={{ whiteSpace: 'nowrap' }}>
                {c}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

const PlanView = ({ c }: { c: PlanContent }) => {
  const t = useTranslate();
  const f = useFormatters();
  const n = useNumber();
  const place = (l: { storeName?: string | null; regionName?: string | null; storeId?: string | null; regionId?: string | null }) =>
    l.storeName ?? l.storeId ?? l.regionName ?? l.regionId ?? '—';
  const d = c.diff;
  return (
    <>
      <Facts
        items={[
          { field: 'planType', label: t('app.subject.plan_type'), value: t(`app.plan.type.${c.planType}`, { _: c.planType }) },
          { field: 'season', label: t('app.subject.season'), value: c.season },
          { field: 'revision', label: t('app.subject.revision'), value: t('app.subject.revision_n', { n: c.revision }) },
          { field: 'ownerName', label: t('app.subject.owner'), value: c.ownerName },
          { field: 'totalQty', label: t('app.subject.total_qty'), value: n(c.totals.qty) },
          { field: 'totalAmountFen', label: t('app.subject.total_amount'), value: f.money(c.totals.amountFen) },
        ]}
      />
      <Lines
        testId="content-lines"
        head={[t('app.subject.category'), t('app.subject.place'), t('app.subject.qty'), t('app.subject.amount')]}
        rows={c.lines.map((l, i) => ({ key: String(i), cells: [l.category, place(l), n(l.qty), f.money(l.amountFen)] }))}
      />
      <Lines
        testId="content-totals"
        head={[t('app.subject.category'), t('app.subject.qty'), t('app.subject.amount')]}
        rows={[
          ...c.totals.byCategory.map((x) => ({ key: x.category, cells: [x.category, n(x.qty), f.money(x.amountFen)] })),
          {
            key: '__total',
            cells: [
              <b key="t">{t('app.subject.total')}</b>,
              <b key="q">{n(c.totals.qty)}</b>,
              <b key="a">{f.money(c.totals.amountFen)}</b>,
            ],
          },
        ]}
      />
      {d ? (
        <Box data-testid="content-diff">
          <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
            {t('app.subject.diff_title', { from: d.fromRevision, to: d.toRevision })}
          </Typography>
          <Typography variant="body2" data-field="diffTotals" sx={{ mb: 1 }}>
            {t('app.subject.diff_totals', {
              qtyBefore: n(d.totals.before.qty),
              qtyAfter: n(d.totals.after.qty),
              before: f.money(d.totals.before.amountFen),
              after: f.money(d.totals.after.amountFen),
            })}
          </Typography>
          {d.added.length + d.removed.length + d.changed.length ? (
            <Lines
              testId="content-diff-lines"
              head={[
                t('app.subject.change'),
                t('app.subject.category'),
                t('app.subject.place'),
                t('app.subject.qty'),
                t('app.subject.amount'),
              ]}
              rows={[
                ...d.changed.map((x) => ({
                  key: `c${x.key}`,
                  cells: [
                    t('app.subject.diff_changed'),
                    x.after.category,
                    place(x.after),
                    `${n(x.before.qty)} → ${n(x.after.qty)}`,
                    `${f.money(x.before.amountFen)} → ${f.money(x.after.amountFen)}`,
                  ],
                })),
                ...d.added.map((x, i) => ({
                  key: `a${i}`,
                  cells: [t('app.subject.diff_added'), x.category, place(x), n(x.qty), f.money(x.amountFen)],
                })),
                ...d.removed.map((x, i) => ({
                  key: `r${i}`,
                  cells: [t('app.subject.diff_removed'), x.category, place(x), n(x.qty), f.money(x.amountFen)],
                })),
              ]}
            />
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('app.subject.diff_none')}
            </Typography>
          )}
        </Box>
      ) : null}
    </>
  );
};

const BookingView = ({ c }: { c: BookingContent }) => {
  const t = useTranslate();
  const f = useFormatters();
  const n = useNumber();
  return (
    <>
      <Facts
        items={[
          { field: 'code', label: t('app.subject.code'), value: c.ref.code },
          { field: 'franchiseeName', label: t('app.subject.franchisee'), value: c.franchiseeName },
          { field: 'season', label: t('app.subject.season'), value: c.season },
          { field: 'amountFen', label: t('app.subject.amount'), value: f.money(c.amountFen) },
          { field: 'quotaFen', label: t('app.subject.quota'), value: c.quotaFen === null ? '—' : f.money(c.quotaFen) },
          {
            field: 'quotaCheck',
            label: t('app.subject.quota_check'),
            value: t(`app.booking.quota_check.${c.quotaCheck}`, { _: c.quotaCheck }),
            warn: c.quotaCheck === 'above',
          },
          {
            field: 'prepaymentDueFen',
            label: t('app.subject.prepayment'),
            value: `${f.money(c.prepaymentDueFen)} (${formatBp(c.prepaymentShareBp, f.locale)})`,
          },
          { field: 'paidFen', label: t('app.subject.paid'), value: f.money(c.paidFen) },
          {
            field: 'paymentDeadline',
            label: t('app.subject.deadline'),
            value: c.paymentDeadline ? f.dateTime(c.paymentDeadline) : t('app.subject.deadline_not_set'),
          },
          { field: 'totalQty', label: t('app.subject.total_qty'), value: n(c.totalQty) },
        ]}
      />
      <Lines
        testId="content-lines"
        head={[
          t('app.subject.sku'),
          t('app.subject.product'),
          t('app.subject.size'),
          t('app.subject.qty'),
          t('app.subject.unit_price'),
          t('app.subject.amount'),
        ]}
        rows={c.lines.map((l, i) => ({
          key: String(i),
          cells: [l.sku, l.productName, l.size, n(l.qty), f.money(l.unitPriceFen), f.money(l.amountFen)],
        }))}
      />
    </>
  );
};

const ShipmentView = ({ c }: { c: ShipmentContent }) => {
  const t = useTranslate();
  const f = useFormatters();
  const n = useNumber();
  const received = (sku: string, size: string) => c.receipt?.lines.find((l) => l.sku === sku && l.size === size);
  return (
    <>
      <Facts
        items={[
          { field: 'code', label: t('app.subject.code'), value: c.ref.code },
          { field: 'status', label: t('app.subject.status'), value: t(`app.shipment.status.${c.status}`, { _: c.status }) },
          ...(c.franchiseeName ? [{ field: 'franchiseeName', label: t('app.subject.franchisee'), value: c.franchiseeName }] : []),
          { field: 'totalQty', label: t('app.subject.total_qty'), value: n(c.totalQty) },
          { field: 'expectedArrival', label: t('app.subject.expected_arrival'), value: f.dateTime(c.expectedArrival), warn: c.delayed },
          ...(c.location ? [{ field: 'location', label: t('app.subject.location'), value: c.location }] : []),
          ...(c.receipt ? [{ field: 'receivedAt', label: t('app.subject.received_at'), value: f.dateTime(c.receipt.receivedAt) }] : []),
        ]}
      />
      <Lines
        testId="content-lines"
        head={[t('app.subject.sku'), t('app.subject.size'), t('app.subject.shipped'), t('app.subject.received'), t('app.subject.damaged')]}
        rows={c.lines.map((l, i) => {
          const r = received(l.sku, l.size);
          return {
            key: String(i),
            cells: [l.sku, l.size, n(l.qty), r ? n(r.qty) : '—', r ? n(r.damaged) : '—'],
            warn: !!r && r.qty !== l.qty,
          };
        })}
      />
      {c.receipt?.discrepancies.length ? (
        <Lines
          testId="content-discrepancies"
          head={[
            t('app.subject.discrepancy'),
            t('app.subject.sku'),
            t('app.subject.size'),
            t('app.subject.expected'),
            t('app.subject.received'),
            t('app.subject.damaged'),
          ]}
          rows={c.receipt.discrepancies.map((d, i) => ({
            key: String(i),
            warn: true,
            cells: [t(`app.shipment.discrepancy.${d.kind}`, { _: d.kind }), d.sku, d.size, n(d.expected), n(d.received), n(d.damaged)],
          }))}
        />
      ) : null}
    </>
  );
};

const PriceView = ({ c }: { c: PriceContent }) => {
  const t = useTranslate();
  const f = useFormatters();
  const n = useNumber();
  const storeName = (id: string) => c.stores.find((s) => s.storeId === id)?.storeName ?? id;
  return (
    <>
      <Facts
        items={[
          { field: 'code', label: t('app.subject.code'), value: c.ref.code },
          {
            field: 'stores',
            label: t('app.subject.stores'),
            value: c.stores.map((s) => s.storeName).join(f.locale.startsWith('zh') ? '、' : ', '),
          },
          { field: 'allocationDate', label: t('app.subject.allocation_date'), value: f.date(c.allocationDate) },
          { field: 'arrivalDate', label: t('app.subject.arrival_date'), value: f.date(c.arrivalDate) },
          { field: 'effectiveDate', label: t('app.subject.effective_date'), value: f.date(c.effectiveDate) },
          ...(c.urgent ? [{ field: 'urgent', label: t('app.subject.urgency'), value: t('app.subject.urgent'), warn: true }] : []),
          { field: 'reason', label: t('app.subject.reason'), value: c.reason },
        ]}
      />
      <Lines
        testId="content-lines"
        head={[
          t('app.subject.sku'),
          t('app.subject.store'),
          t('app.subject.current_price'),
          t('app.subject.new_price'),
          t('app.subject.suggested_price'),
          t('app.subject.on_hand'),
          t('app.subject.stock_age'),
          t('app.subject.sell_through'),
        ]}
        rows={c.lines.flatMap((l) =>
          l.stores.map((s) => ({
            key: `${l.sku}|${s.storeId}`,
            cells: [
              `${l.sku} ${l.productName}`,
              storeName(s.storeId),
              f.money(s.currentPriceFen),
              <b key="new">{f.money(l.newPriceFen)}</b>,
              l.suggestedPriceFen === null ? '—' : f.money(l.suggestedPriceFen),
              n(s.onHand),
              s.stockAgeDays === null ? '—' : t('app.subject.days', { smart_count: s.stockAgeDays }),
              formatBp(s.sellThroughBp, f.locale),
            ],
          })),
        )}
      />
    </>
  );
};

const ReturnView = ({ c }: { c: ReturnContent }) => {
  const t = useTranslate();
  const n = useNumber();
  return (
    <>
      <Facts
        items={[
          { field: 'code', label: t('app.subject.code'), value: c.ref.code },
          { field: 'requesterName', label: t('app.subject.requester'), value: c.requesterName ?? '—' },
          { field: 'totalQty', label: t('app.subject.total_qty'), value: n(c.totalQty) },
          { field: 'reason', label: t('app.subject.reason'), value: c.reason },
        ]}
      />
      {c.standardPassed ? (
        <Alert severity="success" variant="outlined" sx={{ mb: 1.5 }} data-testid="content-standard" data-passed="true">
          {t('app.subject.standard_passed')}
        </Alert>
      ) : (
        <Alert severity="error" variant="outlined" sx={{ mb: 1.5 }} data-testid="content-standard" data-passed="false">
          {t('app.subject.standard_refused')}: {c.refusalReasons.join('; ')}
        </Alert>
      )}
      <Lines
        testId="content-lines"
        head={[t('app.subject.sku'), t('app.subject.product'), t('app.subject.size'), t('app.subject.qty'), t('app.subject.condition')]}
        rows={c.lines.map((l, i) => ({
          key: String(i),
          cells: [l.sku, l.productName, l.size || '—', n(l.qty), t(`app.return.condition.${l.condition}`, { _: l.condition })],
        }))}
      />
    </>
  );
};

const ClearanceView = ({ c }: { c: ClearanceContent }) => {
  const t = useTranslate();
  const f = useFormatters();
  return (
    <>
      <Facts
        items={[
          { field: 'code', label: t('app.subject.code'), value: c.ref.code },
          { field: 'requesterName', label: t('app.subject.requester'), value: c.requesterName ?? '—' },
          { field: 'period', label: t('app.subject.period'), value: `${f.date(c.startsOn) || '—'} – ${f.date(c.endsOn) || '—'}` },
          { field: 'reason', label: t('app.subject.reason'), value: c.reason },
        ]}
      />
      {c.aboveCurrent ? (
        <Alert severity="warning" icon={<WarningIcon />} sx={{ mb: 1.5 }} data-testid="content-above-current">
          {t('app.subject.above_current_help')}
        </Alert>
      ) : null}
      <Lines
        testId="content-lines"
        head={[t('app.subject.sku'), t('app.subject.product'), t('app.subject.current_price'), t('app.subject.clearance_price')]}
        rows={c.lines.map((l, i) => ({
          key: String(i),
          warn: l.clearancePriceFen !== null && l.currentPriceFen !== null && l.clearancePriceFen >= l.currentPriceFen,
          cells: [l.sku, l.productName, f.money(l.currentPriceFen), f.money(l.clearancePriceFen)],
        }))}
      />
    </>
  );
};

const ApprovalView = ({ c }: { c: ApprovalSubject }) => {
  const t = useTranslate();
  const f = useFormatters();
  return (
    <Facts
      items={[
        { field: 'title', label: t('app.subject.title'), value: c.title },
        { field: 'amountFen', label: t('app.subject.amount'), value: c.amountFen === null ? '—' : f.money(c.amountFen) },
        ...(c.season ? [{ field: 'season', label: t('app.subject.season'), value: c.season }] : []),
        { field: 'reason', label: t('app.subject.reason'), value: c.reason ?? '—' },
      ]}
    />
  );
};

/** One renderer per kind. */
const RENDERERS: { [K in Content['kind']]: (props: { c: Extract<Content, { kind: K }> }) => ReactNode } = {
  plan: PlanView,
  booking: BookingView,
  shipment: ShipmentView,
  price: PriceView,
  return: ReturnView,
  clearance: ClearanceView,
  approval: ApprovalView,
};

/** The link to a task's business object (`task-object-link`). */
export const SubjectLink = ({ subject, size = 'small' }: { subject: { ref: SubjectRef; kind: string }; size?: 'small' | 'medium' }) => {
  const t = useTranslate();
  return (
    <Button
      size={size}
      component={LinkBase}
      to={subjectPath(subject.ref)}
      startIcon={<OpenIcon />}
      data-testid="task-object-link"
      data-resource={subject.ref.resource}
    >
      {t(`app.subject.open.${subject.kind}`)}
      {subject.ref.code ? ` ${subject.ref.code}` : ''}
    </Button>
  );
};

/** A task's business object in full (`task-content`, `data-kind`), rendered by its kind. */
export const SubjectContent = ({ content }: { content?: Content | null }) => {
  if (!content) return null;
  const Render = RENDERERS[content.kind] as (props: { c: Content }) => ReactNode;
  return (
    <Stack data-testid="task-content" data-kind={content.kind} sx={{ minWidth: 0 }}>
      <Render c={content} />
    </Stack>
  );
};
