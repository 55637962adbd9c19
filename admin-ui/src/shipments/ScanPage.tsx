import AddIcon from '@mui/icons-material/Add';
import BackIcon from '@mui/icons-material/ArrowBack';
import CheckIcon from '@mui/icons-material/Inventory';
import ScanIcon from '@mui/icons-material/QrCodeScanner';
import UndoIcon from '@mui/icons-material/Undo';
import {
  alpha,
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { LinkBase, Title, useGetOne, useNotify, useStore, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { apiErrorInfo, errorMessage, ResponsiveDialog } from '../common';
import { submitReceipt } from './api';
import { DiscrepancyChip, ShipmentStatusChip, useNumber } from './fields';
import { canonical, keyOf, parseScan, receiptLines, tally, type Scan, type TallyRow } from './helpers';
import type { Discrepancy, Shipment } from './types';

const MAX_QTY = 100_000;

/** A row's state: short (red), over or not shipped at all (orange), complete (green), not started (plain). */
const rowState = (r: TallyRow): 'unexpected' | 'short' | 'over' | 'complete' | 'none' => {
  if (r.unexpected) return 'unexpected';
  if (r.diff > 0) return 'over';
  if (r.scanned === 0) return 'none';
  return r.diff < 0 ? 'short' : 'complete';
};

/** What the scans amount to per SKU and size, with shortages highlighted. */
const TallyTable = ({ rows }: { rows: TallyRow[] }) => {
  const translate = useTranslate();
  const num = useNumber();
  const label = (key: string) => translate(`app.shipment.scan.${key}`);
  const sum = (k: 'expected' | 'scanned' | 'damaged') => rows.reduce((n, r) => n + r[k], 0);
  const started = sum('scanned') > 0;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="scan-tally" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.shipments.fields.sku')}</TableCell>
            <TableCell>{translate('resources.shipments.fields.size')}</TableCell>
            <TableCell align="right">{label('expected')}</TableCell>
            <TableCell align="right">{label('scanned')}</TableCell>
            <TableCell align="right">{label('damaged')}</TableCell>
            <TableCell align="right">{label('diff')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const state = rowState(r);
            // Once counting has started, every row still missing units is short (red).
            const short = r.diff < 0 && started;
            return (
              <TableRow
                key={keyOf(r.sku, r.size)}
                data-testid="scan-row"
                data-sku={r.sku}
                data-size={r.size}
                data-expected={r.expected}
                data-scanned={r.scanned}
                data-damaged={r.damaged}
                data-state={short ? 'short' : state}
                sx={(theme) => ({
                  backgroundColor: short
                    ? alpha(theme.palette.error.main, 0.08)
                    : state === 'unexpected' || state === 'over'
                      ? alpha(theme.palette.warning.main, 0.1)
                      : state === 'complete'
                        ? alpha(theme.palette.success.main, 0.06)
                        : undefined,
                })}
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {r.sku}
                  {r.productName ? (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {r.productName}
                    </Typography>
                  ) : null}
                  {r.unexpected ? (
                    <Typography variant="caption" color="warning.main" component="div">
                      {label('not_in_shipment')}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>{r.size}</TableCell>
                <TableCell align="right">{num(r.expected)}</TableCell>
                <TableCell align="right" sx={{ fontWeight: 600 }} data-field="scanned">
                  {num(r.scanned)}
                </TableCell>
                <TableCell align="right" sx={{ color: r.damaged ? 'error.main' : undefined }}>
                  {num(r.damaged)}
                </TableCell>
                <TableCell
                  align="right"
                  sx={{ fontWeight: 600, color: r.diff < 0 ? 'error.main' : r.diff > 0 ? 'warning.main' : 'success.main' }}
                  data-field="diff"
                >
                  {r.diff > 0 ? `+${num(r.diff)}` : num(r.diff)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
        <TableFooter>
          <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
            <TableCell colSpan={2}>{translate('app.shipment.total')}</TableCell>
            <TableCell align="right">{num(sum('expected'))}</TableCell>
            <TableCell align="right" data-testid="scan-total-scanned">
              {num(sum('scanned'))}
            </TableCell>
            <TableCell align="right">{num(sum('damaged'))}</TableCell>
            <TableCell align="right">{num(sum('scanned') - sum('expected'))}</TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </Box>
  );
};

/** The receipt as the server reconciled it: the discrepancies, or "exactly as shipped". */
const ResultCard = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const num = useNumber();
  const discrepancies: Discrepancy[] = shipment.receipt?.discrepancies ?? [];
  return (
    <Card data-testid="scan-result" data-discrepancies={discrepancies.length} data-status={shipment.status}>
      <CardHeader title={translate('app.shipment.scan.result_title')} slotProps={{ title: { variant: 'subtitle1' } }} />
      <CardContent sx={{ pt: 0 }}>
        {discrepancies.length ? (
          <>
            <Alert severity="warning" sx={{ mb: 1.5 }}>
              {translate('app.shipment.scan.result_discrepancies', { smart_count: discrepancies.length })}
            </Alert>
            <Stack spacing={1}>
              {discrepancies.map((d, i) => (
                <Stack
                  key={i}
                  direction="row"
                  sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
                  data-testid="scan-result-discrepancy"
                  data-kind={d.kind}
                  data-sku={d.sku}
                  data-size={d.size}
                >
                  <DiscrepancyChip kind={d.kind} />
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {d.sku} · {d.size}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {translate('app.shipment.discrepancy.figures', {
                      expected: num(d.expected),
                      received: num(d.received),
                      damaged: num(d.damaged),
                    })}
                  </Typography>
                </Stack>
              ))}
            </Stack>
          </>
        ) : (
          <Alert severity="success">{translate('app.shipment.scan.result_exact')}</Alert>
        )}
        <Button
          sx={{ mt: 2 }}
          variant="contained"
          component={LinkBase}
          to={`/shipments/${encodeURIComponent(shipment.id)}/show`}
          startIcon={<BackIcon />}
          data-testid="scan-back-to-shipment"
        >
          {translate('app.shipment.scan.back')}
        </Button>
      </CardContent>
    </Card>
  );
};

/** Confirms the receipt before it is sent: what is short, over, damaged or not shipped. */
const SubmitDialog = ({
  rows,
  open,
  busy,
  onClose,
  onConfirm,
}: {
  rows: TallyRow[];
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) => {
  const translate = useTranslate();
  const num = useNumber();
  const short = rows.filter((r) => r.diff < 0).reduce((n, r) => n - r.diff, 0);
  const over = rows.filter((r) => r.diff > 0).reduce((n, r) => n + r.diff, 0);
  const damaged = rows.reduce((n, r) => n + r.damaged, 0);
  const scanned = rows.reduce((n, r) => n + r.scanned, 0);
  const exact = !short && !over && !damaged;
  return (
    <ResponsiveDialog open={open} onClose={() => !busy && onClose()} data-testid="scan-submit-dialog">
      <DialogTitle>{translate('app.shipment.scan.submit_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.shipment.scan.submit_help', { qty: num(scanned) })}</DialogContentText>
        {exact ? (
          <Alert severity="success">{translate('app.shipment.scan.submit_exact')}</Alert>
        ) : (
          <Alert severity="warning">
            {[
              short ? translate('app.shipment.scan.summary_short', { qty: num(short) }) : '',
              over ? translate('app.shipment.scan.summary_over', { qty: num(over) }) : '',
              damaged ? translate('app.shipment.scan.summary_damaged', { qty: num(damaged) }) : '',
            ]
              .filter(Boolean)
              .join('；')}
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {translate('app.shipment.scan.submit_discrepancy_help')}
            </Typography>
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={onConfirm}
          disabled={busy}
          data-testid="scan-submit-confirm"
          startIcon={busy ? <CircularProgress size={16} /> : <CheckIcon />}
        >
          {translate('app.shipment.scan.submit')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/**
 * 扫描入库: the warehouse counts a shipment in. One input takes a scanned code "SKU/SIZE" (a
 * scanner types it and Enter) and adds the quantity (1, or as typed) of that SKU and size, good
 * or damaged; SKU and size can also be picked by hand. A running table shows scanned against
 * expected per SKU and size, shortages in red. The count survives a reload (kept in this
 * browser) until the receipt is sent: POST /api/shipments/:id/receipt.
 */
export const ScanPage = () => {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const num = useNumber();
  const { data: shipment, isPending, error, refetch } = useGetOne<Shipment>('shipments', { id }, { enabled: !!id });
  const [scans, setScans] = useStore<Scan[]>(`shipments.scan.${id}`, []);
  const [code, setCode] = useState('');
  const [qty, setQty] = useState('1');
  const [damaged, setDamaged] = useState(false);
  const [pickSku, setPickSku] = useState('');
  const [pickSize, setPickSize] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [last, setLast] = useState<Scan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Shipment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const lines = useMemo(() => shipment?.lines ?? [], [shipment]);
  const rows = useMemo(() => tally(lines, scans), [lines, scans]);
  const skus = useMemo(() => [...new Set(lines.map((l) => l.sku))], [lines]);
  const sizesOf = (sku: string) => [...new Set(lines.filter((l) => l.sku === sku).map((l) => l.size))];

  const count = Number(qty);
  const badQty = !(Number.isInteger(count) && count >= 1 && count <= MAX_QTY);

  const add = (sku: string, size: string, n: number) => {
    const c = canonical(lines, sku, size);
    const scan: Scan = { id: Date.now() + Math.random(), sku: c.sku, size: c.size, qty: n, damaged, at: Date.now() };
    setScans((prev) => [...(prev ?? []), scan]);
    setLast(scan);
    setCodeError(null);
  };

  const scanCode = () => {
    const parsed = parseScan(code);
    if (!parsed) {
      setCodeError(translate('app.shipment.scan.bad_code'));
      return;
    }
    if (badQty && parsed.qty === undefined) {
      setCodeError(translate('app.shipment.scan.bad_qty'));
      return;
    }
    add(parsed.sku, parsed.size, parsed.qty ?? count);
    setCode('');
    setQty('1');
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      scanCode();
    }
  };

  const undo = () => {
    setScans((prev) => (prev ?? []).slice(0, -1));
    setLast(null);
    input.current?.focus();
  };

  const submit = useMutation({
    mutationFn: () => submitReceipt(id, receiptLines(rows)),
    onSuccess: (s) => {
      setResult(s);
      setConfirming(false);
      setScans([]);
      setProblem(null);
      notify('app.shipment.scan.submitted', { type: 'success', messageArgs: { code: s.code } });
      void refetch();
    },
    onError: (err) => {
      setConfirming(false);
      const { code: errCode } = apiErrorInfo(err);
      const known = errCode ? translate(`app.shipment.error.${errCode}`, { _: '' }) : '';
      setProblem(known || errorMessage(err, translate));
    },
  });

  if (isPending) return <LinearProgress sx={{ mt: 2 }} />;
  if (error || !shipment) {
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {errorMessage(error, translate)}
      </Alert>
    );
  }
  const alreadyIn = shipment.status === 'received' || shipment.status === 'reconciled';
  const scannedTotal = rows.reduce((n, r) => n + r.scanned, 0);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2, mt: 1 }} data-testid="scan-page" data-code={shipment.code}>
      <Title title={`${translate('app.shipment.scan.title')}: ${shipment.code}`} />
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { sm: 'center' } }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-word' }}>
                {translate('app.shipment.scan.title')} · {shipment.code}
                {shipment.externalRef ? ` · ${shipment.externalRef}` : ''}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('app.shipment.scan.expected_total', {
                  qty: num(shipment.totalQty),
                  lines: rows.filter((r) => !r.unexpected).length,
                })}
              </Typography>
            </Box>
            <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
              <ShipmentStatusChip status={shipment.status} />
              <Button size="small" component={LinkBase} to={`/shipments/${encodeURIComponent(shipment.id)}/show`} startIcon={<BackIcon />}>
                {translate('app.shipment.scan.back')}
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>

      {result ? <ResultCard shipment={result} /> : null}

      {!result && alreadyIn ? (
        <Alert severity="info" data-testid="scan-already-received">
          {translate('app.shipment.scan.already_received')}
        </Alert>
      ) : null}

      {!result && !alreadyIn ? (
        <>
          <Card>
            <CardHeader
              title={translate('app.shipment.scan.input_title')}
              subheader={translate('app.shipment.scan.input_help')}
              slotProps={{ title: { variant: 'subtitle1' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 1.5, alignItems: { md: 'flex-start' } }}>
                <TextField
                  inputRef={input}
                  autoFocus
                  fullWidth
                  label={translate('app.shipment.scan.code')}
                  placeholder="27SS-TS-001/M"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  onKeyDown={onKeyDown}
                  error={!!codeError}
                  helperText={codeError ?? translate('app.shipment.scan.code_help')}
                  slotProps={{
                    htmlInput: { 'data-testid': 'scan-code', autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false },
                  }}
                  sx={{ flex: 2 }}
                />
                <TextField
                  type="number"
                  label={translate('app.shipment.scan.qty')}
                  value={qty}
                  onChange={(e) => setQty(e.target.value)}
                  onKeyDown={onKeyDown}
                  error={badQty}
                  helperText={badQty ? translate('app.shipment.scan.bad_qty') : ' '}
                  slotProps={{ htmlInput: { 'data-testid': 'scan-qty', min: 1, step: 1 } }}
                  sx={{ width: { xs: '100%', md: 120 } }}
                />
                <FormControlLabel
                  control={
                    <Switch
                      checked={damaged}
                      onChange={(e) => setDamaged(e.target.checked)}
                      color="error"
                      slotProps={{ input: { 'data-testid': 'scan-damaged' } as object }}
                    />
                  }
                  label={translate('app.shipment.scan.damaged_toggle')}
                  sx={{ mt: { md: 1 }, whiteSpace: 'nowrap' }}
                />
                <Button
                  variant="contained"
                  onClick={scanCode}
                  startIcon={<ScanIcon />}
                  sx={{ mt: { md: 1 }, whiteSpace: 'nowrap' }}
                  data-testid="scan-add"
                >
                  {translate('app.shipment.scan.add')}
                </Button>
              </Stack>
              <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, mt: 1, alignItems: { sm: 'center' } }}>
                <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                  {translate('app.shipment.scan.or_pick')}
                </Typography>
                <TextField
                  select
                  size="small"
                  label={translate('resources.shipments.fields.sku')}
                  value={pickSku}
                  onChange={(e) => {
                    setPickSku(e.target.value);
                    const sizes = sizesOf(e.target.value);
                    setPickSize(sizes.length === 1 ? sizes[0]! : '');
                  }}
                  sx={{ minWidth: 200 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'scan-pick-sku' } as object } }}
                >
                  {skus.map((s) => (
                    <MenuItem key={s} value={s} data-testid="scan-pick-sku-option" data-sku={s}>
                      {s}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  size="small"
                  label={translate('resources.shipments.fields.size')}
                  value={pickSize}
                  disabled={!pickSku}
                  onChange={(e) => setPickSize(e.target.value)}
                  sx={{ minWidth: 100 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'scan-pick-size' } as object } }}
                >
                  {sizesOf(pickSku).map((s) => (
                    <MenuItem key={s} value={s} data-testid="scan-pick-size-option" data-size={s}>
                      {s}
                    </MenuItem>
                  ))}
                </TextField>
                <Button
                  size="small"
                  variant="outlined"
                  startIcon={<AddIcon />}
                  disabled={!pickSku || !pickSize || badQty}
                  onClick={() => add(pickSku, pickSize, count)}
                  data-testid="scan-pick-add"
                >
                  {translate('app.shipment.scan.add')}
                </Button>
              </Stack>
              {last ? (
                <Stack direction="row" sx={{ gap: 1, mt: 1.5, alignItems: 'center', flexWrap: 'wrap' }} data-testid="scan-last">
                  <Typography variant="body2">
                    {translate('app.shipment.scan.last', { sku: last.sku, size: last.size, qty: num(last.qty) })}
                  </Typography>
                  {last.damaged ? (
                    <Chip size="small" color="error" variant="outlined" label={translate('app.shipment.discrepancy.damaged')} />
                  ) : null}
                  {!lines.some((l) => l.sku === last.sku && l.size === last.size) ? (
                    <Chip size="small" color="warning" label={translate('app.shipment.scan.not_in_shipment')} />
                  ) : null}
                </Stack>
              ) : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader
              title={translate('app.shipment.scan.tally_title')}
              subheader={translate('app.shipment.scan.tally_help', { scans: scans.length, qty: num(scannedTotal) })}
              slotProps={{ title: { variant: 'subtitle1' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              <TallyTable rows={rows} />
              {problem ? (
                <Alert severity="error" sx={{ mt: 2 }} data-testid="scan-error">
                  {problem}
                </Alert>
              ) : null}
              <Stack direction="row" sx={{ gap: 1, mt: 2, flexWrap: 'wrap' }}>
                <Button
                  variant="contained"
                  color="primary"
                  startIcon={<CheckIcon />}
                  onClick={() => setConfirming(true)}
                  disabled={submit.isPending || !scannedTotal}
                  data-testid="scan-submit"
                >
                  {translate('app.shipment.scan.submit')}
                </Button>
                <Button startIcon={<UndoIcon />} onClick={undo} disabled={!scans.length} data-testid="scan-undo">
                  {translate('app.shipment.scan.undo')}
                </Button>
                <Box sx={{ flex: 1 }} />
                <Button
                  color="error"
                  onClick={() => window.confirm(translate('app.shipment.scan.clear_confirm')) && setScans([])}
                  disabled={!scans.length}
                  data-testid="scan-clear"
                >
                  {translate('app.shipment.scan.clear')}
                </Button>
              </Stack>
            </CardContent>
          </Card>
          {confirming ? (
            <SubmitDialog rows={rows} open busy={submit.isPending} onClose={() => setConfirming(false)} onConfirm={() => submit.mutate()} />
          ) : null}
        </>
      ) : null}
    </Box>
  );
};

export default ScanPage;
