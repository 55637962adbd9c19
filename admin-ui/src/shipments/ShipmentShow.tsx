import ScanIcon from '@mui/icons-material/QrCodeScanner';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
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
import { LinkBase, Show, useGetIdentity, useGetMany, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { hasAnyRole, STAFF_ROLES, useFormatters, type Task } from '../common';
import { OpenTasksPanel, TimelineCard } from '../common/ProcessTasks';
import { FactGrid, FactItem as Item, ProcessLinkButton, ReasonAlert, SectionCard, ShowGrid, ShowHeader } from '../common/ShowParts';
import { TaskActions } from '../tasks/TaskActions';
import { RecordEventButton } from './EventDialog';
import { DelayBadge, DiscrepancyChip, ShipmentStatusChip, useEscalationText, useNumber } from './fields';
import { ShipmentTimeline } from './ShipmentTimeline';
import { OPEN_STATUSES, SCANNABLE_STATUSES, SHIPMENT_ROLES, type Discrepancy, type Shipment, type ShipmentEvent } from './types';

const ShipmentTitle = () => {
  const record = useRecordContext<Shipment>();
  const translate = useTranslate();
  return <>{record ? `${translate('app.shipment.title')}: ${record.code}` : ''}</>;
};

/** The scan-in page of a shipment (a route of the shipments resource). */
export const scanPath = (id: string) => `/shipments/${encodeURIComponent(id)}/scan`;

/** How it ended: exact, accepted or claimed, with the supervisor's note. */
const ResolutionAlert = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  if (shipment.status !== 'reconciled' || !shipment.resolution) return null;
  return (
    <ReasonAlert
      severity={shipment.resolution === 'claimed' ? 'warning' : 'success'}
      testId="shipment-resolution"
      data-resolution={shipment.resolution}
      title={translate(`app.shipment.resolution.${shipment.resolution}`, { _: shipment.resolution })}
      text={shipment.resolutionNote}
    />
  );
};

const Header = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const escalation = useEscalationText();
  const { permissions } = usePermissions();
  const writer = hasAnyRole(permissions, SHIPMENT_ROLES);
  const staff = hasAnyRole(permissions, STAFF_ROLES);
  const late = shipment.delayed && shipment.delayReason === 'late';
  return (
    <ShowHeader
      data={{
        'data-testid': 'shipment-header',
        'data-code': shipment.code,
        'data-status': shipment.status,
        'data-delayed': shipment.delayed ? 'true' : 'false',
        'data-level': shipment.escalationLevel,
      }}
      titleTestId="shipment-code"
      title={`${shipment.code}${shipment.externalRef ? ` · ${shipment.externalRef}` : ''}`}
      subtitle={translate('app.shipment.subtitle', { season: shipment.season ?? '—', qty: num(shipment.totalQty) })}
      badges={
        <>
          <DelayBadge
            delayed={shipment.delayed}
            reason={shipment.delayReason}
            level={shipment.escalationLevel}
            since={shipment.delayedSince}
            direction="row"
          />
          <ShipmentStatusChip status={shipment.status} data-testid="shipment-status" />
        </>
      }
      facts={
        <FactGrid>
          <Item label="resources.shipments.fields.expectedArrival" testId="shipment-eta" strong>
            <Box component="span" sx={{ color: late ? 'error.main' : undefined }}>
              {f.dateTime(shipment.expectedArrival)}
            </Box>
          </Item>
          <Item label="resources.shipments.fields.lastEvent" testId="shipment-last-event">
            {shipment.lastEventAt || shipment.location ? (
              <>
                {shipment.location || '—'}
                <Typography variant="caption" color="text.secondary" component="div">
                  {f.dateTime(shipment.lastEventAt)}
                </Typography>
              </>
            ) : (
              translate('app.shipment.no_events_yet')
            )}
          </Item>
          <Item label="resources.shipments.fields.dispatchedAt">{shipment.dispatchedAt ? f.dateTime(shipment.dispatchedAt) : '—'}</Item>
          <Item label="resources.shipments.fields.arrivedAt">{shipment.arrivedAt ? f.dateTime(shipment.arrivedAt) : '—'}</Item>
          <Item label="resources.shipments.fields.delay" testId="shipment-delay">
            {shipment.delayed ? (
              <>
                {translate(`app.shipment.delay.reason.${shipment.delayReason ?? 'late'}`)}
                {shipment.delayedSince ? (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {translate('app.shipment.delay.since', { at: f.dateTime(shipment.delayedSince) })}
                  </Typography>
                ) : null}
              </>
            ) : (
              translate('app.shipment.delay.none')
            )}
          </Item>
          <Item label="resources.shipments.fields.escalationLevel" testId="shipment-escalation" strong={shipment.escalationLevel > 0}>
            <Box component="span" sx={{ color: shipment.escalationLevel > 0 ? 'error.main' : undefined }}>
              {shipment.escalationLevel > 0 ? escalation(shipment.escalationLevel) : translate('app.shipment.delay.not_escalated')}
            </Box>
          </Item>
          <Item label="resources.shipments.fields.totalQty">{num(shipment.totalQty)}</Item>
          <Item label="resources.shipments.fields.bookingId">
            {shipment.bookingId ? (
              <LinkBase to={`/bookings/${encodeURIComponent(shipment.bookingId)}/show`} data-testid="shipment-booking-link">
                {translate('app.shipment.open_booking')}
              </LinkBase>
            ) : (
              translate('app.shipment.no_booking')
            )}
          </Item>
          {shipment.carrier || shipment.trackingNo ? (
            <Item label="resources.shipments.fields.carrier">{[shipment.carrier, shipment.trackingNo].filter(Boolean).join(' · ')}</Item>
          ) : null}
          <Item label="resources.shipments.fields.createdByName">
            {[shipment.createdByName, f.dateTime(shipment.createdAt)].filter(Boolean).join(' · ')}
          </Item>
        </FactGrid>
      }
      alert={<ResolutionAlert shipment={shipment} />}
      actions={
        <>
          {writer && SCANNABLE_STATUSES.includes(shipment.status) ? (
            <Button
              size="small"
              variant="contained"
              component={LinkBase}
              to={scanPath(shipment.id)}
              startIcon={<ScanIcon />}
              data-testid="shipment-scan-button"
            >
              {translate('app.shipment.scan.button')}
            </Button>
          ) : null}
          {writer && OPEN_STATUSES.includes(shipment.status) ? <RecordEventButton shipment={shipment} /> : null}
        </>
      }
      processLink={
        shipment.workflowId && staff ? (
          <ProcessLinkButton workflowId={shipment.workflowId} testId="shipment-process-link" label="app.shipment.open_process" />
        ) : null
      }
    />
  );
};

/** Whether the user may decide a task (as the API's mayDecide: admin, the assignee, or a holder of its role). */
const useMayDecide = () => {
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const roles: string[] = Array.isArray(permissions) ? permissions.map(String) : [];
  return (t: Task) =>
    roles.includes('admin') ||
    (t.assigneeId ? String(t.assigneeId) === String(identity?.id) : !!t.candidateRole && roles.includes(t.candidateRole));
};

/**
 * The shipment's open tasks (delay follow-ups, the scan-in, the discrepancy decision): their
 * actions for those who may decide them, else whom they wait for.
 */
const OpenTasks = ({ shipment, version }: { shipment: Shipment; version: string }) => {
  const translate = useTranslate();
  const mayDecide = useMayDecide();
  const waitingFor = (t: Task) =>
    t.assigneeName ??
    (t.candidateRole ? translate('app.task.role_pool', { role: translate(`app.roles.${t.candidateRole}`, { _: t.candidateRole }) }) : '—');
  return (
    <OpenTasksPanel
      workflowId={shipment.workflowId!}
      version={version}
      testIdPrefix="shipment"
      title="app.shipment.open_tasks"
      renderActions={(t) =>
        mayDecide(t) ? (
          <TaskActions task={t} withDelegate={false} withSubject={false} />
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="shipment-task-waiting">
            {translate('app.shipment.waiting_for', { who: waitingFor(t) })}
          </Typography>
        )
      }
    />
  );
};

const DiscrepancyRows = ({ items }: { items: Discrepancy[] }) => {
  const translate = useTranslate();
  const num = useNumber();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const label = (key: string) => translate(`resources.shipments.fields.${key}`);
  if (isSmall) {
    return (
      <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="shipment-discrepancies">
        {items.map((d, i) => (
          <Stack
            key={i}
            direction="row"
            sx={{ py: 1, gap: 1, alignItems: 'center' }}
            data-testid="shipment-discrepancy"
            data-sku={d.sku}
            data-size={d.size}
            data-kind={d.kind}
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {d.sku} · {d.size}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {translate('app.shipment.discrepancy.figures', {
                  expected: num(d.expected),
                  received: num(d.received),
                  damaged: num(d.damaged),
                })}
              </Typography>
            </Box>
            <DiscrepancyChip kind={d.kind} />
          </Stack>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="shipment-discrepancies">
        <TableHead>
          <TableRow>
            <TableCell>{label('sku')}</TableCell>
            <TableCell>{label('size')}</TableCell>
            <TableCell>{label('kind')}</TableCell>
            <TableCell align="right">{label('expected')}</TableCell>
            <TableCell align="right">{label('receivedQty')}</TableCell>
            <TableCell align="right">{label('damagedQty')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((d, i) => (
            <TableRow key={i} data-testid="shipment-discrepancy" data-sku={d.sku} data-size={d.size} data-kind={d.kind}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.sku}</TableCell>
              <TableCell>{d.size}</TableCell>
              <TableCell>
                <DiscrepancyChip kind={d.kind} />
              </TableCell>
              <TableCell align="right">{num(d.expected)}</TableCell>
              <TableCell
                align="right"
                sx={{ color: d.received < d.expected ? 'error.main' : undefined, fontWeight: d.received !== d.expected ? 600 : undefined }}
              >
                {num(d.received)}
              </TableCell>
              <TableCell align="right" sx={{ color: d.damaged > 0 ? 'error.main' : undefined }}>
                {num(d.damaged)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The latest receipt (入库) and what differs from the shipment. */
export const ReceiptCard = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const receipt = shipment.receipt;
  if (!receipt) return null;
  const waiting = shipment.status === 'received' && receipt.discrepancies.length > 0;
  return (
    <Card sx={{ minWidth: 0 }} data-testid="shipment-receipt" data-discrepancies={receipt.discrepancies.length}>
      <CardHeader
        title={translate('app.shipment.receipt.title')}
        subheader={translate('app.shipment.receipt.subtitle', {
          number: receipt.number ?? 1,
          at: f.dateTime(receipt.receivedAt),
          by: receipt.byName ?? '—',
        })}
        slotProps={{ title: { variant: 'subtitle1' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {receipt.discrepancies.length ? (
          <>
            {waiting ? (
              <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="shipment-receipt-waiting">
                {translate('app.shipment.receipt.waiting')}
              </Alert>
            ) : null}
            <DiscrepancyRows items={receipt.discrepancies} />
          </>
        ) : (
          <Alert severity="success" data-testid="shipment-receipt-exact">
            {translate('app.shipment.receipt.exact')}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};

interface FranchiseeRecord {
  id: string;
  name?: string;
}

const LinesCard = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const num = useNumber();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const lines = [...(shipment.lines ?? [])].sort((a, b) => a.position - b.position);
  const franchiseeIds = [...new Set(lines.flatMap((l) => (l.franchiseeId ? [l.franchiseeId] : [])))];
  const { data: franchisees = [] } = useGetMany<FranchiseeRecord>(
    'franchisees',
    { ids: franchiseeIds },
    { enabled: franchiseeIds.length > 0 },
  );
  const names = new Map(franchisees.filter(Boolean).map((fr) => [String(fr.id), fr.name ?? '']));
  const franchisee = (id: string | null) =>
    id ? (names.get(id) ? `${names.get(id)} (${id})` : id) : translate('app.shipment.unallocated');
  // The lines get their received quantities when the receipt is reconciled.
  const received = shipment.status === 'reconciled';
  const total = (key: 'qty' | 'receivedQty' | 'damagedQty') => lines.reduce((n, l) => n + l[key], 0);
  const label = (key: string) => translate(`resources.shipments.fields.${key}`);
  return (
    <SectionCard title={translate('app.shipment.lines')}>
      {isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="shipment-lines">
          {lines.map((l) => (
            <Stack
              key={l.position}
              direction="row"
              sx={{ py: 1, gap: 1 }}
              data-testid="shipment-line-row"
              data-sku={l.sku}
              data-size={l.size}
            >
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {l.sku} · {l.size}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {[l.productName, franchisee(l.franchiseeId)].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              <Box sx={{ textAlign: 'right' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {num(l.qty)}
                </Typography>
                {received ? (
                  <Typography variant="caption" color={l.receivedQty < l.qty || l.damagedQty ? 'error' : 'text.secondary'}>
                    {translate('app.shipment.received_short', { received: num(l.receivedQty), damaged: num(l.damagedQty) })}
                  </Typography>
                ) : null}
              </Box>
            </Stack>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="shipment-lines">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 40 }}>#</TableCell>
                <TableCell>{label('sku')}</TableCell>
                <TableCell>{label('productName')}</TableCell>
                <TableCell>{label('size')}</TableCell>
                <TableCell>{label('franchiseeId')}</TableCell>
                <TableCell align="right">{label('qty')}</TableCell>
                <TableCell align="right">{label('receivedQty')}</TableCell>
                <TableCell align="right">{label('damagedQty')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l, i) => (
                <TableRow key={l.position} data-testid="shipment-line-row" data-sku={l.sku} data-size={l.size}>
                  <TableCell sx={{ color: 'text.secondary' }}>{i + 1}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                  <TableCell>{l.productName ?? '—'}</TableCell>
                  <TableCell>{l.size}</TableCell>
                  <TableCell sx={{ color: l.franchiseeId ? undefined : 'text.secondary' }}>{franchisee(l.franchiseeId)}</TableCell>
                  <TableCell align="right">{num(l.qty)}</TableCell>
                  <TableCell
                    align="right"
                    sx={{ color: received && l.receivedQty < l.qty ? 'error.main' : undefined }}
                    data-field="receivedQty"
                  >
                    {received ? num(l.receivedQty) : '—'}
                  </TableCell>
                  <TableCell align="right" sx={{ color: l.damagedQty > 0 ? 'error.main' : undefined }} data-field="damagedQty">
                    {received ? num(l.damagedQty) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                <TableCell colSpan={5}>{translate('app.shipment.total')}</TableCell>
                <TableCell align="right">{num(total('qty'))}</TableCell>
                <TableCell align="right">{received ? num(total('receivedQty')) : '—'}</TableCell>
                <TableCell align="right">{received ? num(total('damagedQty')) : '—'}</TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

/** An event older than the latest one: kept for history, greyed out. */
const StaleChip = () => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" label={translate('app.shipment.event.stale')} data-testid="shipment-event-stale" />;
};

const EventsCard = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  // Newest carrier time first.
  const events = [...(shipment.events ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const label = (key: string) => translate(`resources.shipments.fields.${key}`);
  const typeText = (e: ShipmentEvent) => translate(`app.shipment.event_type.${e.type}`, { _: e.type });
  const staleSx = (e: ShipmentEvent) => (e.applied ? {} : { opacity: 0.55, '& td': { color: 'text.disabled' } });
  return (
    <SectionCard title={translate('app.shipment.events')}>
      {!events.length ? (
        <Typography variant="body2" color="text.secondary" data-testid="shipment-no-events">
          {translate('app.shipment.no_events_yet')}
        </Typography>
      ) : isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="shipment-events">
          {events.map((e) => (
            <Box
              key={e.eventId}
              sx={{ py: 1, ...(e.applied ? {} : { opacity: 0.55 }) }}
              data-testid="shipment-event-row"
              data-type={e.type}
              data-applied={e.applied ? 'true' : 'false'}
            >
              <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {typeText(e)}
                </Typography>
                {!e.applied ? <StaleChip /> : null}
              </Stack>
              <Typography variant="caption" color="text.secondary" component="div">
                {[
                  f.dateTime(e.at),
                  e.location,
                  e.expectedArrival ? translate('app.shipment.event.new_eta_is', { at: f.dateTime(e.expectedArrival) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            </Box>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="shipment-events">
            <TableHead>
              <TableRow>
                <TableCell>{label('eventAt')}</TableCell>
                <TableCell>{label('eventType')}</TableCell>
                <TableCell>{label('location')}</TableCell>
                <TableCell>{label('newExpectedArrival')}</TableCell>
                <TableCell>{label('recordedAt')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {events.map((e) => (
                <TableRow
                  key={e.eventId}
                  sx={staleSx(e)}
                  data-testid="shipment-event-row"
                  data-type={e.type}
                  data-applied={e.applied ? 'true' : 'false'}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.dateTime(e.at)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{typeText(e)}</TableCell>
                  <TableCell>{e.location ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{e.expectedArrival ? f.dateTime(e.expectedArrival) : '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.dateTime(e.recordedAt)}</TableCell>
                  <TableCell>{!e.applied ? <StaleChip /> : null}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

const ShipmentDetail = () => {
  const shipment = useRecordContext<Shipment>();
  const { permissions } = usePermissions();
  if (!shipment) return null;
  const staff = hasAnyRole(permissions, STAFF_ROLES);
  const version = [
    shipment.status,
    shipment.delayed,
    shipment.escalationLevel,
    (shipment.events ?? []).length,
    shipment.receipt?.number ?? 0,
    shipment.resolution ?? '',
    shipment.expectedArrival,
  ].join(':');
  return (
    <ShowGrid>
      <Header shipment={shipment} />
      {shipment.workflowId && staff ? <OpenTasks shipment={shipment} version={version} /> : null}
      <ReceiptCard shipment={shipment} />
      <LinesCard shipment={shipment} />
      <EventsCard shipment={shipment} />
      {shipment.workflowId && staff ? (
        <TimelineCard testIdPrefix="shipment">
          <ShipmentTimeline workflowId={shipment.workflowId} version={version} live={shipment.status !== 'reconciled'} />
        </TimelineCard>
      ) : null}
    </ShowGrid>
  );
};

/**
 * Until it is reconciled, a shipment changes by itself (delays, escalations): re-read every few
 * seconds; more often while its receipt is being reconciled (a decision settles it in a moment).
 */
const refetchInterval = (query: { state: { data?: unknown } }) => {
  const status = (query.state.data as Shipment | undefined)?.status;
  return status === 'received' ? 2000 : status && status !== 'reconciled' ? 5000 : false;
};

/** A shipment: facts and delay, open tasks, receipt and discrepancies, lines, events, timeline. */
export const ShipmentShow = () => (
  <Show title={<ShipmentTitle />} component="div" actions={false} queryOptions={{ refetchInterval }}>
    <ShipmentDetail />
  </Show>
);

export default ShipmentShow;
