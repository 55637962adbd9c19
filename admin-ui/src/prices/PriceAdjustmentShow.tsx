import ArrowIcon from '@mui/icons-material/ArrowForward';
import CheckIcon from '@mui/icons-material/CheckCircle';
import {
  Alert,
  Box,
  Chip,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { LinkBase, Show, useGetOne, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { ProcessTimeline, TimelineCard } from '../common/ProcessTasks';
import { FactGrid, FactItem as Item, ProcessLinkButton, ReasonAlert, SectionCard, ShowGrid, ShowHeader } from '../common/ShowParts';
import { zonedToIso } from '../shipments/helpers';
import { changeBp } from './api';
import { ChangeText, Instant, PriceStatusChip, UrgentChip } from './fields';
import { OpenTasksCard } from './OpenTasks';
import { isBrandStaff, PENDING_PRICE_STATUSES, type PriceAdjustment, type PriceNotification } from './types';

const PriceTitle = () => {
  const record = useRecordContext<PriceAdjustment>();
  const translate = useTranslate();
  return <>{record ? `${translate('app.price.title')}: ${record.code}` : ''}</>;
};

const adjustmentPath = (id: string) => `/price-adjustments/${encodeURIComponent(id)}/show`;

/** How it stands: rejected (with the reason), superseded (by which), approved (waiting for its date), effective. */
const StatusAlert = ({ a }: { a: PriceAdjustment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  switch (a.status) {
    case 'rejected':
      return (
        <ReasonAlert
          severity="error"
          testId="price-status-alert"
          data-status={a.status}
          title={translate('app.price.alert.rejected')}
          text={a.decisionNote}
        />
      );
    case 'superseded':
      return (
        <Alert severity="warning" variant="outlined" sx={{ mt: 2 }} data-testid="price-status-alert" data-status={a.status}>
          {translate('app.price.alert.superseded', { code: a.supersededByCode ?? '' })}
          {a.supersededBy ? (
            <>
              {' '}
              <LinkBase to={adjustmentPath(a.supersededBy)}>{a.supersededByCode ?? a.supersededBy}</LinkBase>
            </>
          ) : null}
        </Alert>
      );
    case 'approved':
      return (
        <Alert severity="info" variant="outlined" sx={{ mt: 2 }} data-testid="price-status-alert" data-status={a.status}>
          {translate('app.price.alert.approved', { at: f.dateTime(zonedToIso(`${a.effectiveDate}T00:00`, f.tz)), date: a.effectiveDate })}
        </Alert>
      );
    case 'effective':
      return (
        <Alert severity="success" variant="outlined" sx={{ mt: 2 }} data-testid="price-status-alert" data-status={a.status}>
          {translate('app.price.alert.effective', { date: a.effectiveDate })}
        </Alert>
      );
    default:
      return null;
  }
};

const Header = ({ a }: { a: PriceAdjustment }) => {
  const f = useFormatters();
  const { permissions } = usePermissions();
  const staff = isBrandStaff(permissions);
  const approvalLate = a.status === 'pending_approval' && Date.parse(a.approvalDueAt) < Date.now();
  return (
    <ShowHeader
      data={{ 'data-testid': 'price-header', 'data-code': a.code, 'data-status': a.status, 'data-urgent': a.urgent ? 'true' : 'false' }}
      title={`${a.code} · ${(a.lines ?? []).map((l) => l.sku).join('、') || (a.skus ?? []).join('、')}`}
      titleTestId="price-code"
      subtitle={(a.storeNames ?? a.storeIds).join('、')}
      badges={
        <>
          <UrgentChip urgent={a.urgent} />
          <PriceStatusChip status={a.status} data-testid="price-status" />
        </>
      }
      facts={
        <FactGrid>
          <Item label="resources.price-adjustments.fields.allocationDate" testId="price-allocation">
            {a.allocationDate}
          </Item>
          <Item label="resources.price-adjustments.fields.arrivalDate" testId="price-arrival">
            {a.arrivalDate}
          </Item>
          <Item label="resources.price-adjustments.fields.effectiveDate" testId="price-effective" strong>
            {a.effectiveDate}
          </Item>
          <Item label="resources.price-adjustments.fields.effectiveAt">{a.effectiveAt ? f.dateTime(a.effectiveAt) : '—'}</Item>
          <Item label="resources.price-adjustments.fields.approvalDueAt" testId="price-approval-due" strong={approvalLate}>
            <Instant iso={a.approvalDueAt} late={approvalLate} />
          </Item>
          <Item label="resources.price-adjustments.fields.notifyBy" testId="price-notify-by">
            <Instant iso={a.notifyBy} />
          </Item>
          <Item label="resources.price-adjustments.fields.createdByName">
            {[a.createdByName, f.dateTime(a.createdAt)].filter(Boolean).join(' · ')}
          </Item>
          {a.supersedes ? (
            <Item label="resources.price-adjustments.fields.supersedes">
              <LinkBase to={adjustmentPath(a.supersedes)} data-testid="price-supersedes-link">
                {a.supersedesCode ?? a.supersedes}
              </LinkBase>
            </Item>
          ) : null}
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Item label="resources.price-adjustments.fields.reason" testId="price-reason">
              <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                {a.reason}
              </Box>
            </Item>
          </Box>
        </FactGrid>
      }
      alert={<StatusAlert a={a} />}
      processLink={
        a.workflowId && staff ? (
          <ProcessLinkButton workflowId={a.workflowId} testId="price-process-link" label="app.price.open_process" />
        ) : null
      }
    />
  );
};

/** Old → new price per SKU, the change, and what the markdown rule suggested. */
const LinesCard = ({ a }: { a: PriceAdjustment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const lines = a.lines ?? [];
  const label = (key: string) => translate(`resources.price-adjustments.fields.${key}`);
  return (
    <SectionCard title={translate('app.price.lines')}>
      {isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="price-lines">
          {lines.map((l) => (
            <Box key={l.sku} sx={{ py: 1 }} data-testid="price-line-row" data-sku={l.sku} data-new={l.newPriceFen} data-old={l.oldPriceFen}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {l.sku} · {l.productName}
              </Typography>
              <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2">{f.money(l.oldPriceFen)}</Typography>
                <ArrowIcon fontSize="inherit" />
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {f.money(l.newPriceFen)}
                </Typography>
                <ChangeText bp={changeBp(l.oldPriceFen, l.newPriceFen)} />
              </Stack>
              <Typography variant="caption" color="text.secondary">
                {label('suggestedPriceFen')} {l.suggestedPriceFen ? f.money(l.suggestedPriceFen) : '—'}
              </Typography>
            </Box>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="price-lines">
            <TableHead>
              <TableRow>
                <TableCell>{label('sku')}</TableCell>
                <TableCell>{label('productName')}</TableCell>
                <TableCell align="right">{label('oldPriceFen')}</TableCell>
                <TableCell />
                <TableCell align="right">{label('newPriceFen')}</TableCell>
                <TableCell align="right">{label('change')}</TableCell>
                <TableCell align="right">{label('suggestedPriceFen')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l) => (
                <TableRow key={l.sku} data-testid="price-line-row" data-sku={l.sku} data-new={l.newPriceFen} data-old={l.oldPriceFen}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                  <TableCell>{l.productName ?? '—'}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-field="oldPriceFen">
                    {f.money(l.oldPriceFen)}
                  </TableCell>
                  <TableCell align="center" sx={{ color: 'text.secondary', px: 0 }}>
                    <ArrowIcon fontSize="small" />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontWeight: 600 }} data-field="newPriceFen">
                    {f.money(l.newPriceFen)}
                  </TableCell>
                  <TableCell align="right" data-field="change">
                    <ChangeText bp={changeBp(l.oldPriceFen, l.newPriceFen)} />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-field="suggestedPriceFen">
                    {l.suggestedPriceFen ? f.money(l.suggestedPriceFen) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

/** 已确认 green, 待确认 orange, closed grey. */
const AckChip = ({ n }: { n: PriceNotification }) => {
  const translate = useTranslate();
  const state = n.acknowledgedAt ? 'acknowledged' : n.status === 'cancelled' ? 'closed' : 'waiting';
  return (
    <Chip
      size="small"
      variant={state === 'acknowledged' ? 'filled' : 'outlined'}
      color={state === 'acknowledged' ? 'success' : state === 'waiting' ? 'warning' : 'default'}
      icon={state === 'acknowledged' ? <CheckIcon /> : undefined}
      label={translate(`app.price.notice.${state}`)}
      data-testid="price-notice-state"
      data-state={state}
    />
  );
};

/** Who was told (finance, each store's manager), when, by when, and who acknowledged it when. */
const NotificationsCard = ({ a }: { a: PriceAdjustment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const items = a.notifications ?? [];
  const label = (key: string) => translate(`app.price.notice.${key}`);
  const whom = (n: PriceNotification) => (n.kind === 'finance' ? translate('app.price.notice.finance') : (n.storeName ?? n.storeId ?? ''));
  const who = (n: PriceNotification) =>
    n.assigneeName ??
    (n.candidateRole ? translate('app.task.role_pool', { role: translate(`app.roles.${n.candidateRole}`, { _: n.candidateRole }) }) : '—');
  return (
    <SectionCard
      title={translate('app.price.notice.title')}
      subheader={translate('app.price.notice.subtitle', { at: f.dateTime(a.notifyBy) })}
      testId="price-notifications"
    >
      {!items.length ? (
        <Typography variant="body2" color="text.secondary" data-testid="price-notifications-none">
          {translate(a.status === 'pending_approval' ? 'app.price.notice.after_approval' : 'app.price.notice.none')}
        </Typography>
      ) : isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />}>
          {items.map((n) => (
            <Box
              key={n.taskId}
              sx={{ py: 1 }}
              data-testid="price-notice-row"
              data-kind={n.kind}
              data-store={n.storeId ?? ''}
              data-acknowledged={n.acknowledgedAt ? 'true' : 'false'}
            >
              <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
                <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }}>
                  {whom(n)} · {who(n)}
                </Typography>
                <AckChip n={n} />
              </Stack>
              <Typography variant="caption" color="text.secondary" component="div">
                {[
                  `${label('sent')} ${f.dateTime(n.sentAt)}`,
                  n.dueAt ? `${label('due')} ${f.dateTime(n.dueAt)}` : null,
                  n.acknowledgedAt ? `${label('acknowledged_by')} ${n.acknowledgedByName ?? '—'} ${f.dateTime(n.acknowledgedAt)}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            </Box>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{label('to')}</TableCell>
                <TableCell>{label('who')}</TableCell>
                <TableCell>{label('sent')}</TableCell>
                <TableCell>{label('due')}</TableCell>
                <TableCell>{label('state')}</TableCell>
                <TableCell>{label('acknowledged_by')}</TableCell>
                <TableCell>{label('acknowledged_at')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((n) => (
                <TableRow
                  key={n.taskId}
                  data-testid="price-notice-row"
                  data-kind={n.kind}
                  data-store={n.storeId ?? ''}
                  data-acknowledged={n.acknowledgedAt ? 'true' : 'false'}
                >
                  <TableCell>{whom(n)}</TableCell>
                  <TableCell>{who(n)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.dateTime(n.sentAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{n.dueAt ? f.dateTime(n.dueAt) : '—'}</TableCell>
                  <TableCell>
                    <AckChip n={n} />
                  </TableCell>
                  <TableCell data-field="acknowledgedByName">{n.acknowledgedByName ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} data-field="acknowledgedAt">
                    {n.acknowledgedAt ? f.dateTime(n.acknowledgedAt) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

const PriceDetail = () => {
  const a = useRecordContext<PriceAdjustment>();
  // Who takes no part in the run (e.g. other staff) may not read its timeline: no card then.
  const { isError: timelineHidden } = useGetOne('processes', { id: a?.workflowId ?? '' }, { enabled: !!a?.workflowId, retry: false });
  const timelineVisible = !timelineHidden;
  if (!a) return null;
  const notices = a.notifications ?? [];
  const version = [a.status, notices.length, notices.filter((n) => n.acknowledgedAt).length, a.supersededBy ?? ''].join(':');
  const live = PENDING_PRICE_STATUSES.includes(a.status) || notices.some((n) => !n.acknowledgedAt && n.status === 'open');
  return (
    <ShowGrid>
      <Header a={a} />
      {a.workflowId ? <OpenTasksCard workflowId={a.workflowId} version={version} testIdPrefix="price" live={live} /> : null}
      {/* The list's copy of the record (no lines, no notices) until the page's own read arrives. */}
      {a.lines ? <LinesCard a={a} /> : <LinearProgress />}
      {a.notifications ? <NotificationsCard a={a} /> : null}
      {a.workflowId && timelineVisible ? (
        <TimelineCard testIdPrefix="price">
          <ProcessTimeline workflowId={a.workflowId} version={version} live={live} />
        </TimelineCard>
      ) : null}
    </ShowGrid>
  );
};

/** While it waits for a decision, acknowledgements or its date, the adjustment is re-read every few seconds. */
const refetchInterval = (query: { state: { data?: unknown } }) => {
  const a = query.state.data as PriceAdjustment | undefined;
  if (!a) return false;
  return PENDING_PRICE_STATUSES.includes(a.status) || (a.notifications ?? []).some((n) => !n.acknowledgedAt && n.status === 'open')
    ? 2000
    : false;
};

/** An adjustment: facts and deadlines, open tasks (approve / acknowledge), lines, notices, timeline. */
export const PriceAdjustmentShow = () => (
  <Show title={<PriceTitle />} component="div" actions={false} queryOptions={{ refetchInterval }}>
    <PriceDetail />
  </Show>
);

export default PriceAdjustmentShow;
