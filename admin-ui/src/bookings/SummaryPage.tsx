import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
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
import { Fragment, useEffect, useState } from 'react';
import { Title, useGetList, useNotify, useStore, useTranslate } from 'react-admin';
import { errorMessage, useFormatters } from '../common';
import { downloadSummaryExport, getSummary } from './api';
import { formatBp, useNumber } from './fields';
import type { Figures } from './types';

interface Season {
  id: string;
  code?: string;
  name?: string;
}

type Kind = 'franchisee' | 'region' | 'total';

const MONEY_COLUMNS = ['quotaFen', 'orderedFen', 'quotaUsedBp', 'prepaymentDueFen', 'receivedFen', 'outstandingFen'] as const;
const COUNT_COLUMNS = ['bookings', 'confirmed', 'overdue'] as const;

const FiguresCells = ({ figures }: { figures: Figures }) => {
  const f = useFormatters();
  const num = useNumber();
  return (
    <>
      {MONEY_COLUMNS.map((key) => (
        <TableCell key={key} align="right" sx={{ whiteSpace: 'nowrap' }} data-field={key}>
          {key === 'quotaUsedBp' ? formatBp(figures.quotaUsedBp, f.locale) : figures[key] === null ? '—' : f.money(figures[key])}
        </TableCell>
      ))}
      {COUNT_COLUMNS.map((key) => (
        <TableCell key={key} align="right" data-field={key} sx={{ color: key === 'overdue' && figures.overdue > 0 ? 'error.main' : undefined }}>
          {num(figures[key])}
        </TableCell>
      ))}
    </>
  );
};

const rowSx = (kind: Kind) =>
  kind === 'total'
    ? { '& td': { fontWeight: 700, borderTop: 2, borderColor: 'divider' }, bgcolor: 'action.selected' }
    : kind === 'region'
      ? { '& td': { fontWeight: 600 }, bgcolor: 'action.hover' }
      : {};

const ExportButtons = ({ season }: { season: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(format);
    downloadSummaryExport(season, format)
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
          disabled={busy !== null || !season}
          startIcon={busy === format ? <CircularProgress size={14} /> : <DownloadIcon />}
          onClick={() => run(format)}
          sx={{ textTransform: 'none' }}
          data-testid={`summary-export-${format}`}
        >
          {translate(`app.booking.summary.export_${format}`)}
        </Button>
      ))}
    </>
  );
};

/**
 * 订货汇总: a season's bookings by region and franchisee against their quotas: ordered, quota used,
 * prepayment due, received, outstanding, counts; region subtotals and the season's total.
 */
export const SummaryPage = () => {
  const translate = useTranslate();
  const { data: seasons = [] } = useGetList<Season>('seasons', { pagination: { page: 1, perPage: 100 }, sort: { field: 'startsOn', order: 'DESC' } });
  const [season, setSeason] = useStore<string>('bookings.summary.season', '');
  useEffect(() => {
    if (!season && seasons.length) setSeason(String(seasons[0]!.code ?? seasons[0]!.id));
  }, [season, seasons, setSeason]);
  const { data, isPending, error } = useQuery({
    queryKey: ['bookings', 'summary', season],
    queryFn: () => getSummary(season),
    enabled: !!season,
  });
  const label = (key: string) => translate(`app.booking.summary.${key}`);
  return (
    <Box sx={{ mt: 1 }} data-testid="summary-page">
      <Title title={translate('app.booking.summary.title')} />
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, alignItems: { sm: 'center' }, mb: 2 }}>
            <TextField
              select
              size="small"
              label={translate('resources.bookings.fields.season')}
              value={seasons.some((s) => String(s.code ?? s.id) === season) ? season : ''}
              onChange={(e) => setSeason(e.target.value)}
              sx={{ minWidth: 200, maxWidth: { sm: 320 } }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'summary-season' } as object } }}
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
            <Box sx={{ flex: 1 }} />
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', flexShrink: 0 }}>
              <ExportButtons season={season} />
            </Stack>
          </Stack>
          {error ? (
            <Alert severity="error" data-testid="summary-error">
              {errorMessage(error, translate)}
            </Alert>
          ) : null}
          {season && isPending ? <LinearProgress /> : null}
          {data ? (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="summary-table" data-season={data.season} sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{label('name')}</TableCell>
                    <TableCell align="right">{label('quota')}</TableCell>
                    <TableCell align="right">{label('ordered')}</TableCell>
                    <TableCell align="right">{label('quota_used')}</TableCell>
                    <TableCell align="right">{label('prepayment_due')}</TableCell>
                    <TableCell align="right">{label('received')}</TableCell>
                    <TableCell align="right">{label('outstanding')}</TableCell>
                    <TableCell align="right">{label('bookings')}</TableCell>
                    <TableCell align="right">{label('confirmed')}</TableCell>
                    <TableCell align="right">{label('overdue')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.regions.map((region) => (
                    <Fragment key={region.regionId ?? '-'}>
                      {region.franchisees.map((fr) => (
                        <TableRow key={fr.franchiseeId} data-testid="summary-row" data-kind="franchisee" data-id={fr.franchiseeId} sx={rowSx('franchisee')}>
                          <TableCell sx={{ pl: 3, minWidth: 160 }}>
                            {fr.franchiseeName}
                            <Typography component="span" variant="caption" color="text.secondary">
                              {' '}
                              ({fr.franchiseeId})
                            </Typography>
                          </TableCell>
                          <FiguresCells figures={fr} />
                        </TableRow>
                      ))}
                      <TableRow data-testid="summary-row" data-kind="region" data-id={region.regionId ?? ''} sx={rowSx('region')}>
                        <TableCell>{translate('app.booking.summary.region_subtotal', { region: region.regionName ?? region.regionId ?? label('no_region') })}</TableCell>
                        <FiguresCells figures={region} />
                      </TableRow>
                    </Fragment>
                  ))}
                  <TableRow data-testid="summary-row" data-kind="total" data-id="total" sx={rowSx('total')}>
                    <TableCell>{label('total')}</TableCell>
                    <FiguresCells figures={data.totals} />
                  </TableRow>
                </TableBody>
              </Table>
              {!data.regions.length ? (
                <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
                  {label('empty')}
                </Typography>
              ) : null}
            </Box>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};

export default SummaryPage;
