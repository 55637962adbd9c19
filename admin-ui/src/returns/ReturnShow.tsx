import BlockIcon from '@mui/icons-material/Block';
import ShipmentIcon from '@mui/icons-material/LocalShipping';
import {
  Alert,
  AlertTitle,
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
import { LinkBase, Show, useGetOne, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { DecisionChip, hasAnyRole, useFormatters } from '../common';
import { formatBp, useNumber } from '../common/numbers';
import { ProcessTimeline, TimelineCard } from '../common/ProcessTasks';
import { FactGrid, FactItem as Item, ProcessLinkButton, SectionCard, ShowGrid, ShowHeader } from '../common/ShowParts';
import { OpenTasksCard } from '../prices/OpenTasks';
import { isBrandStaff } from '../prices/types';
import { DelayBadge, ShipmentStatusChip } from '../shipments/fields';
import { SHIPMENT_ROLES } from '../shipments/types';
import { ConditionChip, KindChip, ReturnStatusChip } from './fields';
import { requesterOf } from './ReturnList';
import { LIVE_RETURN_STATUSES, type ReturnRequest } from './types';

const ReturnTitle = () => {
  const record = useRecordContext<ReturnRequest>();
  const translate = useTranslate();
  return <>{record ? `${translate(`app.return.kind.${record.kind}`)}: ${record.code}` : ''}</>;
};

/** Refused by the return standard: every reason, prominently. Rejected by the supervisor or manager: said so. */
const RefusalAlert = ({ r }: { r: ReturnRequest }) => {
  const translate = useTranslate();
  if (r.status === 'refused') {
    return (
      <Alert
        severity="error"
        variant="filled"
        icon={<BlockIcon />}
        sx={{ mt: 2 }}
        data-testid="return-refusal"
        data-count={r.refusalReasons.length}
      >
        <AlertTitle>{translate('app.return.refused_title')}</AlertTitle>
        <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
          {r.refusalReasons.map((reason, i) => (
            <li key={i} data-testid="return-refusal-reason">
              {reason}
            </li>
          ))}
        </Box>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('app.return.refused_help')}
        </Typography>
      </Alert>
    );
  }
  if (r.status === 'rejected') {
    return (
      <Alert severity="error" variant="outlined" sx={{ mt: 2 }} data-testid="return-refusal" data-count={0}>
        {translate(r.kind === 'clearance' ? 'app.return.rejected_clearance' : 'app.return.rejected_return')}
      </Alert>
    );
  }
  return null;
};

const Header = ({ r }: { r: ReturnRequest }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const { permissions } = usePermissions();
  const staff = isBrandStaff(permissions);
  return (
    <ShowHeader
      data={{ 'data-testid': 'return-header', 'data-code': r.code, 'data-status': r.status, 'data-kind': r.kind }}
      title={`${r.code} · ${requesterOf(r)}`}
      titleTestId="return-code"
      subtitle={
        r.kind === 'clearance'
          ? translate('app.return.period', { from: r.startsOn ?? '', to: r.endsOn ?? '' })
          : translate('app.return.pieces', { qty: num(r.totalQty), lines: r.lines.length })
      }
      badges={
        <>
          <KindChip kind={r.kind} />
          <ReturnStatusChip status={r.status} data-testid="return-status" />
        </>
      }
      facts={
        <FactGrid>
          <Item label={r.storeId ? 'resources.returns.fields.storeId' : 'resources.returns.fields.franchiseeId'}>{requesterOf(r)}</Item>
          {r.kind === 'clearance' ? (
            <>
              <Item label="resources.returns.fields.startsOn">{r.startsOn}</Item>
              <Item label="resources.returns.fields.endsOn">{r.endsOn}</Item>
            </>
          ) : (
            <Item label="resources.returns.fields.totalQty">{num(r.totalQty)}</Item>
          )}
          <Item label="resources.returns.fields.createdByName">
            {[r.createdByName, f.dateTime(r.createdAt)].filter(Boolean).join(' · ')}
          </Item>
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Item label="resources.returns.fields.reason" testId="return-reason">
              <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                {r.reason}
              </Box>
            </Item>
          </Box>
        </FactGrid>
      }
      alert={<RefusalAlert r={r} />}
      processLink={
        r.workflowId && staff ? (
          <ProcessLinkButton workflowId={r.workflowId} testId="return-process-link" label="app.return.open_process" />
        ) : null
      }
    />
  );
};

/** The goods on their way back: the inbound shipment, its status and delay, and a link to it for the shipment staff. */
const ShipmentCard = ({ r }: { r: ReturnRequest }) => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const s = r.shipment;
  if (!s) return null;
  const canOpen = hasAnyRole(permissions, SHIPMENT_ROLES);
  return (
    <SectionCard title={translate('app.return.shipment_title')} testId="return-shipment">
      <Box data-code={s.code} data-status={s.status} data-testid="return-shipment-state">
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { xs: 'flex-start', sm: 'center' }, flexWrap: 'wrap' }}>
          <Typography variant="body1" sx={{ fontWeight: 600 }}>
            {s.code}
          </Typography>
          <ShipmentStatusChip status={s.status} />
          <DelayBadge delayed={s.delayed} level={s.escalationLevel} direction="row" />
          <Box sx={{ flex: 1 }} />
          {canOpen ? (
            <Button
              size="small"
              variant="outlined"
              component={LinkBase}
              to={`/shipments/${encodeURIComponent(s.id)}/show`}
              startIcon={<ShipmentIcon />}
              data-testid="return-shipment-link"
            >
              {translate('app.return.open_shipment')}
            </Button>
          ) : null}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.return.shipment_help')}
        </Typography>
      </Box>
    </SectionCard>
  );
};

/** How it ended: the defect decision (repair, write-off, back to head office), or the clearance's sell-through. */
const ResultCard = ({ r }: { r: ReturnRequest }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const result = r.result;
  if (!result) return null;
  if (r.kind === 'clearance') {
    if (result.soldQty === undefined) return null;
    return (
      <SectionCard title={translate('app.return.result.clearance_title')} testId="return-result">
        <Box
          sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 2 }}
          data-testid="return-result-figures"
          data-sold={result.soldQty}
          data-remaining={result.remainingQty}
          data-sell-through={result.sellThroughBp ?? ''}
        >
          <Item label="app.return.result.sold" strong>
            {num(result.soldQty)}
          </Item>
          <Item label="app.return.result.remaining" strong>
            {num(result.remainingQty)}
          </Item>
          <Item label="app.return.result.sell_through" strong>
            {formatBp(result.sellThroughBp, f.locale)}
          </Item>
        </Box>
      </SectionCard>
    );
  }
  if (!result.defectiveQty) return null;
  return (
    <SectionCard title={translate('app.return.result.defect_title')} testId="return-result">
      <Box
        sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr) minmax(0, 1fr)', sm: 'repeat(3, minmax(0, 1fr))' }, gap: 2 }}
        data-testid="return-result-figures"
        data-decision={result.defectDecision ?? ''}
        data-defective={result.defectiveQty}
        data-booked={r.status === 'completed' ? 'true' : 'false'}
      >
        <Item label="app.return.result.defective" strong>
          {num(result.defectiveQty)}
        </Item>
        <Item label="app.return.result.decision">
          {result.defectDecision ? <DecisionChip decision={result.defectDecision} /> : translate('app.return.result.undecided')}
        </Item>
        <Item label="app.return.result.booked">
          {translate(r.status === 'completed' ? 'app.return.result.booked_yes' : 'app.return.result.booked_no')}
        </Item>
        {result.defectComment ? (
          <Box sx={{ gridColumn: '1 / -1' }}>
            <Item label="app.return.result.comment">“{result.defectComment}”</Item>
          </Box>
        ) : null}
      </Box>
    </SectionCard>
  );
};

/** The lines: a return's quantities and conditions, received and defective after the graded scan-in; a clearance's prices. */
const LinesCard = ({ r }: { r: ReturnRequest }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const lines = [...r.lines].sort((a, b) => a.position - b.position);
  // Received and defective are counted at the graded scan-in (the shipment reconciled, then the defects' steps).
  const graded = !!r.shipment && ['defect_handling', 'accounting', 'completed'].includes(r.status);
  const label = (key: string) => translate(`resources.returns.fields.${key}`);
  const total = (key: 'qty' | 'receivedQty' | 'defectiveQty') => lines.reduce((n, l) => n + (l[key] ?? 0), 0);
  if (r.kind === 'clearance') {
    return (
      <SectionCard title={translate('app.return.clearance_lines')}>
        <Table size="small" data-testid="return-lines">
          <TableHead>
            <TableRow>
              <TableCell>{label('sku')}</TableCell>
              <TableCell align="right">{label('clearancePrice')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((l) => (
              <TableRow key={l.position} data-testid="return-line-row" data-sku={l.sku}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
                  {f.money(l.clearancePriceFen)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </SectionCard>
    );
  }
  return (
    <SectionCard title={translate('app.return.return_lines')} subheader={graded ? translate('app.return.graded') : undefined}>
      {isSmall ? (
        <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="return-lines">
          {lines.map((l) => (
            <Stack
              key={l.position}
              direction="row"
              sx={{ py: 1, gap: 1, alignItems: 'center' }}
              data-testid="return-line-row"
              data-sku={l.sku}
              data-size={l.size ?? ''}
            >
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {l.sku} · {l.size}
                </Typography>
                {graded ? (
                  <Typography variant="caption" color={l.defectiveQty ? 'error' : 'text.secondary'}>
                    {translate('app.return.graded_short', { received: num(l.receivedQty), defective: num(l.defectiveQty) })}
                  </Typography>
                ) : null}
              </Box>
              <ConditionChip condition={l.condition} />
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {num(l.qty)}
              </Typography>
            </Stack>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="return-lines">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 40 }}>#</TableCell>
                <TableCell>{label('sku')}</TableCell>
                <TableCell>{label('size')}</TableCell>
                <TableCell>{label('condition')}</TableCell>
                <TableCell align="right">{label('qty')}</TableCell>
                <TableCell align="right">{label('receivedQty')}</TableCell>
                <TableCell align="right">{label('defectiveQty')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l, i) => (
                <TableRow key={l.position} data-testid="return-line-row" data-sku={l.sku} data-size={l.size ?? ''}>
                  <TableCell sx={{ color: 'text.secondary' }}>{i + 1}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                  <TableCell>{l.size}</TableCell>
                  <TableCell>
                    <ConditionChip condition={l.condition} />
                  </TableCell>
                  <TableCell align="right">{num(l.qty)}</TableCell>
                  <TableCell
                    align="right"
                    data-field="receivedQty"
                    sx={{ color: graded && (l.receivedQty ?? 0) < l.qty ? 'error.main' : undefined }}
                  >
                    {graded ? num(l.receivedQty) : '—'}
                  </TableCell>
                  <TableCell
                    align="right"
                    data-field="defectiveQty"
                    sx={{
                      color: (l.defectiveQty ?? 0) > 0 ? 'error.main' : undefined,
                      fontWeight: (l.defectiveQty ?? 0) > 0 ? 600 : undefined,
                    }}
                  >
                    {graded ? num(l.defectiveQty) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                <TableCell colSpan={4}>{translate('app.return.total')}</TableCell>
                <TableCell align="right">{num(total('qty'))}</TableCell>
                <TableCell align="right">{graded ? num(total('receivedQty')) : '—'}</TableCell>
                <TableCell align="right">{graded ? num(total('defectiveQty')) : '—'}</TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
};

const ReturnDetail = () => {
  const r = useRecordContext<ReturnRequest>();
  // Who takes no part in the run (e.g. other staff) may not read its timeline: no card then.
  const { isError: timelineHidden } = useGetOne('processes', { id: r?.workflowId ?? '' }, { enabled: !!r?.workflowId, retry: false });
  const timelineVisible = !timelineHidden;
  if (!r) return null;
  const version = [
    r.status,
    r.shipment?.status ?? '',
    r.shipment?.escalationLevel ?? 0,
    r.result ? JSON.stringify(r.result).length : 0,
  ].join(':');
  const live = LIVE_RETURN_STATUSES.includes(r.status);
  return (
    <ShowGrid>
      <Header r={r} />
      {r.workflowId ? <OpenTasksCard workflowId={r.workflowId} version={version} testIdPrefix="return" live={live} /> : null}
      <ResultCard r={r} />
      <ShipmentCard r={r} />
      <LinesCard r={r} />
      {r.workflowId && timelineVisible ? (
        <TimelineCard testIdPrefix="return">
          <ProcessTimeline workflowId={r.workflowId} version={version} live={live} />
        </TimelineCard>
      ) : null}
    </ShowGrid>
  );
};

/** While it moves (checked, approved, on its way, graded, handled), the request is re-read every few seconds. */
const refetchInterval = (query: { state: { data?: unknown } }) =>
  LIVE_RETURN_STATUSES.includes((query.state.data as ReturnRequest | undefined)?.status ?? '') ? 2000 : false;

/** A return or clearance: status and refusal reasons, open tasks, result, inbound shipment, lines, timeline. */
export const ReturnShow = () => (
  <Show title={<ReturnTitle />} component="div" actions={false} queryOptions={{ refetchInterval }}>
    <ReturnDetail />
  </Show>
);

export default ReturnShow;
