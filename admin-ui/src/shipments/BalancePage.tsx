import { Autocomplete, Box, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useMemo } from 'react';
import { useGetList, useStore, useTranslate } from 'react-admin';
import { ReportPage, reportRowSx, useReportSeason } from '../common/ReportPage';
import { downloadOrderBalance, getOrderBalance } from './api';
import { useNumber } from './fields';
import type { BalanceRow, BalanceTotals } from './types';

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

const rowSx = (kind: Kind) => reportRowSx(kind === 'total' ? 'total' : kind === 'franchisee' ? 'subtotal' : 'row');

const sumOf = (rows: BalanceRow[]): BalanceTotals => ({
  orderedQty: rows.reduce((n, r) => n + r.orderedQty, 0),
  shippedQty: rows.reduce((n, r) => n + r.shippedQty, 0),
  owedQty: rows.reduce((n, r) => n + r.owedQty, 0),
  receivedQty: rows.reduce((n, r) => n + r.receivedQty, 0),
});

/**
 * 期货订发欠: per franchisee and SKU, what was ordered at the fair, shipped against it, still
 * owed (highlighted) and received, with subtotals per franchisee and the season's totals;
 * exported as CSV or Excel.
 */
export const BalancePage = () => {
  const translate = useTranslate();
  const num = useNumber();
  const report = useReportSeason('shipments.balance.season');
  const { season } = report;
  const { data: franchisees = [] } = useGetList<Franchisee>('franchisees', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });
  const [franchiseeId, setFranchiseeId] = useStore<string>('shipments.balance.franchisee', '');
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
    <ReportPage
      testIdPrefix="balance"
      title={label('title')}
      seasonLabel={translate('resources.shipments.fields.season')}
      report={report}
      download={(format) => downloadOrderBalance(season, format, franchiseeId || undefined)}
      exportLabelPrefix="app.shipment.balance.export_"
      wrapToolbar
      filters={
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
      }
      help={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {label('help')}
        </Typography>
      }
      error={error}
      loading={isPending}
    >
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
                    <TableRow
                      key={r.sku}
                      data-testid="balance-row"
                      data-kind="line"
                      data-franchisee={r.franchiseeId}
                      data-sku={r.sku}
                      sx={rowSx('line')}
                    >
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
    </ReportPage>
  );
};

export default BalancePage;
