import CancelIcon from '@mui/icons-material/Block';
import {
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useState } from 'react';
import { Show, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { DueBadge, hasAnyRole, STAFF_ROLES, useFormatters } from '../common';
import { OpenTasksPanel, TimelineCard } from '../common/ProcessTasks';
import { FactGrid, FactItem as Item, ProcessLinkButton, ReasonAlert, SectionCard, ShowGrid, ShowHeader } from '../common/ShowParts';
import { TaskActions } from '../tasks/TaskActions';
import { BookingTimeline } from './BookingTimeline';
import { CancelDialog } from './CancelDialog';
import { BookingStatusChip, formatBp, QuotaBadge, useNumber } from './fields';
import { RecordPaymentButton } from './PaymentDialog';
import { CANCEL_ROLES, PAYABLE_STATUSES, PAYMENT_ROLES, type Booking } from './types';

const BookingTitle = () => {
  const record = useRecordContext<Booking>();
  const translate = useTranslate();
  return <>{record ? `${translate('app.booking.statement')}: ${record.code}` : ''}</>;
};

/** Why it was cancelled or rejected. */
const BookingReason = ({ booking }: { booking: Booking }) => {
  const translate = useTranslate();
  if (!booking.reason || !['cancelled', 'rejected'].includes(booking.status)) return null;
  return (
    <ReasonAlert
      severity={booking.status === 'rejected' ? 'error' : 'info'}
      testId="booking-reason"
      title={translate(`app.booking.reason_title.${booking.status}`)}
      text={booking.reason}
    />
  );
};

const Header = ({ booking }: { booking: Booking }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const { permissions } = usePermissions();
  const [cancelling, setCancelling] = useState(false);
  const payable = PAYABLE_STATUSES.includes(booking.status);
  const mayPay = payable && hasAnyRole(permissions, PAYMENT_ROLES);
  const mayCancel = payable && hasAnyRole(permissions, CANCEL_ROLES);
  const staff = hasAnyRole(permissions, STAFF_ROLES);
  const quota =
    booking.quotaFen === null || booking.quotaFen === undefined
      ? translate('app.booking.quota_check.no_quota')
      : `${f.money(booking.quotaFen)}${booking.quotaFen > 0 ? ` (${formatBp(Math.floor((booking.amountFen * 10_000) / booking.quotaFen), f.locale)})` : ''}`;
  return (
    <ShowHeader
      data={{ 'data-testid': 'booking-statement', 'data-code': booking.code, 'data-status': booking.status }}
      titleTestId="booking-code"
      title={`${booking.code} · ${booking.franchiseeName ?? booking.franchiseeId}`}
      subtitle={translate('app.booking.statement_of', { season: booking.season, region: booking.regionName ?? booking.regionId ?? '' })}
      badges={
        <>
          <QuotaBadge check={booking.quotaCheck} showWithin />
          <BookingStatusChip status={booking.status} data-testid="booking-status" />
        </>
      }
      facts={
        <FactGrid>
          <Item label="resources.bookings.fields.amountFen" testId="booking-amount" strong>
            {f.money(booking.amountFen)}
          </Item>
          <Item label="resources.bookings.fields.prepaymentDueFen" testId="booking-prepayment-due" strong>
            {f.money(booking.prepaymentDueFen)}
            {typeof booking.prepaymentShareBp === 'number' ? (
              <Typography component="span" variant="caption" color="text.secondary">
                {' '}
                ({formatBp(booking.prepaymentShareBp, f.locale)})
              </Typography>
            ) : null}
          </Item>
          <Item label="resources.bookings.fields.paidFen" testId="booking-paid" strong>
            {f.money(booking.paidFen)}
          </Item>
          <Item label="resources.bookings.fields.outstandingFen" testId="booking-outstanding" strong>
            <Box component="span" sx={{ color: booking.outstandingFen > 0 && booking.status === 'overdue' ? 'error.main' : undefined }}>
              {f.money(booking.outstandingFen)}
            </Box>
          </Item>
          <Item label="resources.bookings.fields.paymentDeadline" testId="booking-deadline">
            <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
              {booking.paymentDeadline ? (
                <span>{f.dateTime(booking.paymentDeadline)}</span>
              ) : (
                <Typography component="span" variant="body2" color="text.secondary" data-testid="booking-deadline-not-set">
                  {payable ? translate('app.booking.deadline_not_set') : '—'}
                </Typography>
              )}
              {payable && booking.paymentDeadline ? <DueBadge dueAt={booking.paymentDeadline} /> : null}
            </Stack>
          </Item>
          {booking.statementSentAt ? (
            <Item label="app.booking.statement_sent_at" testId="booking-statement-sent">
              {f.dateTime(booking.statementSentAt)}
            </Item>
          ) : null}
          <Item label="resources.bookings.fields.quotaFen" testId="booking-quota">
            {quota}
          </Item>
          <Item label="resources.bookings.fields.totalQty">{num(booking.totalQty)}</Item>
          <Item label="resources.bookings.fields.createdByName">
            {[booking.createdByName, f.dateTime(booking.createdAt)].filter(Boolean).join(' · ')}
          </Item>
          {booking.confirmedAt ? <Item label="resources.bookings.fields.confirmedAt">{f.dateTime(booking.confirmedAt)}</Item> : null}
          {booking.cancelledAt ? <Item label="resources.bookings.fields.cancelledAt">{f.dateTime(booking.cancelledAt)}</Item> : null}
          {booking.note ? (
            <Box sx={{ gridColumn: '1 / -1' }}>
              <Item label="resources.bookings.fields.note">
                <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                  {booking.note}
                </Box>
              </Item>
            </Box>
          ) : null}
        </FactGrid>
      }
      alert={<BookingReason booking={booking} />}
      actions={
        <>
          {mayPay ? <RecordPaymentButton booking={booking} variant="contained" /> : null}
          {mayCancel ? (
            <Button
              size="small"
              variant="outlined"
              color="error"
              startIcon={<CancelIcon />}
              onClick={() => setCancelling(true)}
              data-testid="booking-cancel-button"
            >
              {translate('app.booking.cancel.button')}
            </Button>
          ) : null}
        </>
      }
      processLink={
        booking.workflowId && staff ? (
          <ProcessLinkButton workflowId={booking.workflowId} testId="booking-process-link" label="app.booking.open_process" />
        ) : null
      }
      dialogs={cancelling ? <CancelDialog booking={booking} open onClose={() => setCancelling(false)} /> : null}
    />
  );
};

const LinesCard = ({ booking }: { booking: Booking }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const lines = [...(booking.lines ?? [])].sort((a, b) => a.position - b.position);
  const label = (key: string) => translate(`resources.bookings.fields.${key}`);
  return (
    <SectionCard title={translate('app.booking.lines')}>
      {!lines.length ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.booking.no_lines')}
        </Typography>
      ) : isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="booking-lines">
          {lines.map((l) => (
            <Stack key={l.position} direction="row" sx={{ py: 1, gap: 1 }} data-testid="booking-line-row">
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {l.sku} · {l.size}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {l.productName}
                </Typography>
              </Box>
              <Box sx={{ textAlign: 'right' }}>
                <Typography variant="body2">
                  {num(l.qty)} × {f.money(l.unitPriceFen)}
                </Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
                  {f.money(l.amountFen)}
                </Typography>
              </Box>
            </Stack>
          ))}
          <Stack direction="row" sx={{ py: 1, justifyContent: 'space-between' }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.booking.total')} · {num(booking.totalQty)}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {f.money(booking.amountFen)}
            </Typography>
          </Stack>
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="booking-lines">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 40 }}>#</TableCell>
                <TableCell>{label('sku')}</TableCell>
                <TableCell>{label('productName')}</TableCell>
                <TableCell>{label('size')}</TableCell>
                <TableCell align="right">{label('qty')}</TableCell>
                <TableCell align="right">{label('unitPriceFen')}</TableCell>
                <TableCell align="right">{label('lineAmountFen')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l, i) => (
                <TableRow key={l.position} data-testid="booking-line-row" data-sku={l.sku} data-size={l.size}>
                  <TableCell sx={{ color: 'text.secondary' }}>{i + 1}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                  <TableCell>{l.productName ?? '—'}</TableCell>
                  <TableCell>{l.size}</TableCell>
                  <TableCell align="right">{num(l.qty)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {f.money(l.unitPriceFen)}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {f.money(l.amountFen)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                <TableCell colSpan={4}>{translate('app.booking.total')}</TableCell>
                <TableCell align="right">{num(booking.totalQty)}</TableCell>
                <TableCell />
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid="booking-lines-total">
                  {f.money(booking.amountFen)}
                </TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

const PaymentsCard = ({ booking }: { booking: Booking }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const payments = booking.payments ?? [];
  const label = (key: string) => translate(`app.booking.payment.${key}`);
  const paidOn = (p: (typeof payments)[number]) => (p.paidOn ? p.paidOn.slice(0, 10) : f.date(p.recordedAt));
  return (
    <SectionCard title={translate('app.booking.payments')}>
      {!payments.length ? (
        <Typography variant="body2" color="text.secondary" data-testid="booking-no-payments">
          {translate('app.booking.no_payments')}
        </Typography>
      ) : isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="booking-payments">
          {payments.map((p) => (
            <Stack key={p.id} direction="row" sx={{ py: 1, gap: 1 }} data-testid="booking-payment-row" data-reference={p.reference}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                  {p.reference}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {[paidOn(p), p.recordedByName, p.note].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
                {f.money(p.amountFen)}
              </Typography>
            </Stack>
          ))}
          <Stack direction="row" sx={{ py: 1, justifyContent: 'space-between' }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('resources.bookings.fields.paidFen')}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {f.money(booking.paidFen)}
            </Typography>
          </Stack>
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="booking-payments">
            <TableHead>
              <TableRow>
                <TableCell>{label('paid_on')}</TableCell>
                <TableCell>{label('reference')}</TableCell>
                <TableCell align="right">{label('amount_short')}</TableCell>
                <TableCell>{label('recorded_by')}</TableCell>
                <TableCell>{label('note_column')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {payments.map((p) => (
                <TableRow key={p.id} data-testid="booking-payment-row" data-reference={p.reference}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{paidOn(p)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.reference}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {f.money(p.amountFen)}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {p.recordedByName ?? '—'}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {f.dateTime(p.recordedAt)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{p.note ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                <TableCell colSpan={2}>{translate('resources.bookings.fields.paidFen')}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {f.money(booking.paidFen)}
                </TableCell>
                <TableCell colSpan={2} />
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

const BookingDetail = () => {
  const booking = useRecordContext<Booking>();
  const { permissions } = usePermissions();
  if (!booking) return null;
  const staff = hasAnyRole(permissions, STAFF_ROLES);
  const version = `${booking.status}:${booking.paidFen}:${booking.paymentDeadline ?? ''}:${(booking.payments ?? []).length}`;
  return (
    <ShowGrid>
      <Header booking={booking} />
      {booking.workflowId && staff ? (
        // The booking's open tasks (the manager's quota-deviation or overdue decision, finance's refund), to act on here.
        <OpenTasksPanel
          workflowId={booking.workflowId}
          version={version}
          testIdPrefix="booking"
          title="app.booking.open_tasks"
          renderActions={(t) => <TaskActions task={t} withDelegate={false} />}
        />
      ) : null}
      <LinesCard booking={booking} />
      <PaymentsCard booking={booking} />
      {booking.workflowId && staff ? (
        <TimelineCard testIdPrefix="booking">
          <BookingTimeline workflowId={booking.workflowId} version={version} />
        </TimelineCard>
      ) : null}
    </ShowGrid>
  );
};

/** While a payment or a decision may change it, the booking is re-read every few seconds. */
const refetchInterval = (query: { state: { data?: unknown } }) =>
  PAYABLE_STATUSES.includes((query.state.data as Booking | undefined)?.status ?? '') ? 5000 : false;

/** The franchisee's order statement (订货确认单): facts, lines, payments, actions, timeline. */
export const BookingShow = () => (
  <Show title={<BookingTitle />} component="div" actions={false} queryOptions={{ refetchInterval }}>
    <BookingDetail />
  </Show>
);

export default BookingShow;
