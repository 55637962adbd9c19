import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { ReportPage, reportRowSx, useReportSeason } from '../common/ReportPage';
import { downloadSummaryExport, getSummary } from './api';
import { formatBp, useNumber } from './fields';
import type { Figures } from './types';

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
        <TableCell
          key={key}
          align="right"
          data-field={key}
          sx={{ color: key === 'overdue' && figures.overdue > 0 ? 'error.main' : undefined }}
        >
          {num(figures[key])}
        </TableCell>
      ))}
    </>
  );
};

const rowSx = (kind: Kind) => reportRowSx(kind === 'total' ? 'total' : kind === 'region' ? 'subtotal' : 'row');

/**
 * 订货汇总: a season's bookings by region and franchisee against their quotas: ordered, quota used,
 * prepayment due, received, outstanding, counts; region subtotals and the season's total.
 */
export const SummaryPage = () => {
  const translate = useTranslate();
  const report = useReportSeason('bookings.summary.season');
  const { season } = report;
  const { data, isPending, error } = useQuery({
    queryKey: ['bookings', 'summary', season],
    queryFn: () => getSummary(season),
    enabled: !!season,
  });
  const label = (key: string) => translate(`app.booking.summary.${key}`);
  return (
    <ReportPage
      testIdPrefix="summary"
      title={translate('app.booking.summary.title')}
      seasonLabel={translate('resources.bookings.fields.season')}
      report={report}
      download={(format) => downloadSummaryExport(season, format)}
      exportLabelPrefix="app.booking.summary.export_"
      exportSx={{ textTransform: 'none' }}
      error={error}
      loading={isPending}
    >
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
                    <TableRow
                      key={fr.franchiseeId}
                      data-testid="summary-row"
                      data-kind="franchisee"
                      data-id={fr.franchiseeId}
                      sx={rowSx('franchisee')}
                    >
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
                    <TableCell>
                      {translate('app.booking.summary.region_subtotal', {
                        region: region.regionName ?? region.regionId ?? label('no_region'),
                      })}
                    </TableCell>
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
    </ReportPage>
  );
};

export default SummaryPage;
