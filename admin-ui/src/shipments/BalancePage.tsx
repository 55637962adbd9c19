import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Title, useGetList, useNotify, useStore, useTranslate } from 'react-admin';
import { errorMessage } from '../common';
import { downloadOrderBalance, getOrderBalance } from './api';
import { useNumber } from './fields';
import type { BalanceRow, BalanceTotals } from './types';

interface Season {
  id: string;
  code?: string;
  name?: string;
}

interface Franchisee {
  id: string;
  name?: string;
}

type Kind = 'line' | 'franchisee' | 'total';

const COLUMNS = ['orderedQty', 'shippedQty', 'owedQty', 'receivedQty'] as const;

const FigureCells = ({ figures }: { figures: BalanceTotals }) => {
  const num = useNumber();
  return (
    <>
      {COLUMNS.map((key) => {
        const owed = key === 'owedQty' && figures.owedQty > 0;
        return (
          <TableCell
            key={key}
            align="right"
            data-field={key}
            data-owed={owed ? 'true' : undefined}
            sx={owed ? { color: 'error.main', fontWeight: 700, bgcolor: 'rgba(211, 47, 47, 0.06)' } : undefined}
          >
            {num(figures[key])}
          </TableCell>
        );
      })}
    </>
  );
};

const rowSx = (kind: Kind) =>
  kind === 'total'
    ? { '& td': { fontWeight: 700, borderTop: 2, borderColor: 'divider' }, bgcolor: 'action.selected' }
    : kind === 'franchisee'
      ? { '& td': { fontWeight: 600 }, bgcolor: 'action.hover' }
      : {};

const sumOf = (rows: BalanceRow[]): BalanceTotals => ({
  orderedQty: rows.reduce((n, r) => n + r.orderedQty, 0),
  shippedQty: rows.reduce((n, r) => n + r.shippedQty, 0),
  owedQty: rows.reduce((n, r) => n + r.owedQty, 0),
  receivedQty: rows.reduce((n, r) => n + r.receivedQty, 0),
});

const ExportButtons = ({ season, franchiseeId }: { season: string; franchiseeId?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(format);
    downloadOrderBalance(season, format, franchiseeId)
      .catch((error: unknown) => notify(errorMessage(error, translate), { type: 'error' }))
      .finally(() => setBusy(null));
  };
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          disabled={!season || busy !== null}
          startIcon={busy === format ? <CircularProgress size={14} /> : <DownloadIcon />}
          onClick={() => run(format)}
          data-testid={`balance-export-${format}`}
        >
          {translate(`app.shipment.balance.export_${format}`)}
        </Button>
      ))}
    </>
  );
};

/**
 * 期货订发欠: per franchisee and SKU, what was ordered at the fair, shipped against it, still
 * owed (highlighted) and received, with subtotals per franchisee and the season's totals;
 * exported as CSV or Excel.
 */
export const BalancePage = () => {
  const translate = useTranslate();
  const num = useNumber();
  const { data: seasons = [] } = useGetList<Season>('seasons', { pagination: { page: 1, perPage: 100 }, sort: { field: 'startsOn', order: 'DESC' } });
  const { data: franchisees = [] } = useGetList<Franchisee>('franchisees', { pagination: { page: 1, perPage: 500 }, sort: { field: 'id', order: 'ASC' } });
  const [season, setSeason] = useStore<string>('shipments.balance.season', '');
  const [franchiseeId, setFranchiseeId] = useStore<string>('shipments.balance.franchisee', '');
  useEffect(() => {
    if (!season && seasons.length) setSeason(String(seasons[0]!.code ?? seasons[0]!.id));
  }, [season, seasons, setSeason]);
  const { data, isPending, error } = useQuery({
    queryKey: ['reports', 'order-balance', season, franchiseeId],
    queryFn: () => getOrderBalance(season, franchiseeId || undefined),
    enabled: !!season,
  });
  const groups = useMemo(() => {
    const out = new Map<string, { id: string; name: string; rows: BalanceRow[] }>();
    for (const r of data?.rows ?? []) {
      const g = out.get(r.franchiseeId) ?? { id: r.franchiseeId, name: r.franchiseeName, rows: [] };
      g.rows.push(r);
      out.set(r.franchiseeId, g);
    }
    return [...out.values()];
  }, [data]);
  const label = (key: string) => translate(`app.shipment.balance.${key}`);
  const franchisee = franchisees.find((fr) => String(fr.id) === franchiseeId) ?? null;
  return (
    <Box sx={{ mt: 1 }} data-testid="balance-page">
      <Title title={label('title')} />
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, alignItems: { sm: 'center' }, mb: 2, flexWrap: 'wrap' }}>
            <TextField
              select
              size="small"
              label={translate('resources.shipments.fields.season')}
              value={seasons.some((s) => String(s.code ?? s.id) === season) ? season : ''}
              onChange={(e) => setSeason(e.target.value)}
              sx={{ minWidth: 200, maxWidth: { sm: 320 } }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'balance-season' } as object } }}
            >
              {seasons.map((s) => {
                const code = String(s.code ?? s.id);
                return (
                  <MenuItem key={code} value={code} data-season={code}>
                    {[code, s.name].filter(Boolean).join(' · ')}
                  </MenuItem>
                );
              })}
            </TextField>
            <Autocomplete
              size="small"
              options={franchisees}
              value={franchisee}
              onChange={(_e, value) => setFranchiseeId(value ? String(value.id) : '')}
              getOptionLabel={(fr) => `${fr.name ?? ''} (${fr.id})`}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              sx={{ width: { xs: '100%', sm: 280 } }}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={label('franchisee_filter')}
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'balance-franchisee' } }}
                />
              )}
            />
            <Box sx={{ flex: 1 }} />
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', flexShrink: 0 }}>
              <ExportButtons season={season} franchiseeId={franchiseeId || undefined} />
            </Stack>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {label('help')}
          </Typography>
          {error ? (
            <Alert severity="error" data-testid="balance-error">
              {errorMessage(error, translate)}
            </Alert>
          ) : null}
          {season && isPending ? <LinearProgress /> : null}
          {data ? (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="balance-table" data-season={data.season} sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{label('franchisee')}</TableCell>
                    <TableCell>{translate('resources.shipments.fields.sku')}</TableCell>
                    <TableCell>{translate('resources.shipments.fields.productName')}</TableCell>
                    <TableCell align="right">{label('ordered')}</TableCell>
                    <TableCell align="right">{label('shipped')}</TableCell>
                    <TableCell align="right">{label('owed')}</TableCell>
                    <TableCell align="right">{label('received')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {groups.map((g) => (
                    <Fragment key={g.id}>
                      {g.rows.map((r, i) => (
                        <TableRow key={r.sku} data-testid="balance-row" data-kind="line" data-franchisee={r.franchiseeId} data-sku={r.sku} sx={rowSx('line')}>
                          <TableCell sx={{ minWidth: 140 }}>
                            {i === 0 ? (
                              <>
                                {g.name}
                                <Typography component="span" variant="caption" color="text.secondary">
                                  {' '}
                                  ({g.id})
                                </Typography>
                              </>
                            ) : null}
                          </TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.sku}</TableCell>
                          <TableCell>{r.productName}</TableCell>
                          <FigureCells figures={r} />
                        </TableRow>
                      ))}
                      {groups.length > 1 ? (
                        <TableRow data-testid="balance-row" data-kind="franchisee" data-franchisee={g.id} sx={rowSx('franchisee')}>
                          <TableCell colSpan={3}>{translate('app.shipment.balance.subtotal', { name: g.name })}</TableCell>
                          <FigureCells figures={sumOf(g.rows)} />
                        </TableRow>
                      ) : null}
                    </Fragment>
                  ))}
                  <TableRow data-testid="balance-row" data-kind="total" sx={rowSx('total')}>
                    <TableCell colSpan={3}>{translate('app.shipment.total')}</TableCell>
                    <FigureCells figures={data.totals} />
                  </TableRow>
                </TableBody>
              </Table>
              {!data.rows.length ? (
                <Typography variant="body2" color="text.secondary" sx={{ py: 2 }} data-testid="balance-empty">
                  {label('empty')}
                </Typography>
              ) : (
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block', pt: 1 }}>
                  {translate('app.shipment.balance.count', { smart_count: data.rows.length, owed: num(data.totals.owedQty) })}
                </Typography>
              )}
            </Box>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};

export default BalancePage;
