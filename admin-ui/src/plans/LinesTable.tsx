import {
  Box,
  Card,
  CardContent,
  Chip,
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
import { useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { useNumber } from '../common/numbers';
import { usePlaces } from './helpers';
import type { PlanLine, PlanTotals, PlanWave } from './types';

/** The lines of a revision, read-only. */
export const LinesTable = ({ lines }: { lines: PlanLine[] }) => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const f = useFormatters();
  const num = useNumber();
  const places = usePlaces();
  const sorted = [...lines].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  if (!sorted.length) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
        {translate('app.plan.no_lines')}
      </Typography>
    );
  }
  const label = (key: string) => translate(`resources.plans.fields.${key}`);
  if (isSmall) {
    return (
      <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="plan-lines">
        {sorted.map((l, i) => (
          <Stack key={l.id ?? i} direction="row" sx={{ py: 1, gap: 1, alignItems: 'flex-start' }} data-testid="plan-line-row">
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {l.category}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: 'break-word' }}>
                {[places.region(l.regionId), places.store(l.storeId)].filter(Boolean).join(' · ') || '—'}
              </Typography>
            </Box>
            <Box sx={{ textAlign: 'right' }}>
              <Typography variant="body2" data-testid="plan-line-qty">
                {num(l.qty)} {translate('app.plan.pcs')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
                {f.money(l.amountFen)}
              </Typography>
            </Box>
          </Stack>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="plan-lines">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 40 }}>#</TableCell>
            <TableCell>{label('category')}</TableCell>
            <TableCell>{label('regionId')}</TableCell>
            <TableCell>{label('storeId')}</TableCell>
            <TableCell align="right">{label('qty')}</TableCell>
            <TableCell align="right">{label('amountFen')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((l, i) => (
            <TableRow key={l.id ?? i} data-testid="plan-line-row">
              <TableCell sx={{ color: 'text.secondary' }}>{i + 1}</TableCell>
              <TableCell>{l.category}</TableCell>
              <TableCell>{places.region(l.regionId) || '—'}</TableCell>
              <TableCell>{places.store(l.storeId) || '—'}</TableCell>
              <TableCell align="right" data-testid="plan-line-qty">
                {num(l.qty)}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {f.money(l.amountFen)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The waves of a launch plan, read-only. */
export const WavesTable = ({ waves }: { waves: PlanWave[] }) => {
  const translate = useTranslate();
  if (!waves.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.plan.no_waves')}
      </Typography>
    );
  }
  // Wave dates are calendar dates (YYYY-MM-DD): shown as they are, never shifted by a zone.
  const day = (d: string | null | undefined) => (d ? d.slice(0, 10) : '');
  return (
    <Stack spacing={1} data-testid="plan-waves">
      {waves.map((w, i) => (
        <Card key={i} variant="outlined">
          <CardContent sx={{ '&:last-child': { pb: 1.5 } }}>
            <Typography variant="subtitle2">
              {w.name}{' '}
              <Typography component="span" variant="body2" color="text.secondary">
                {day(w.startsOn)}
                {w.endsOn ? ` – ${day(w.endsOn)}` : ''}
              </Typography>
            </Typography>
            <Stack direction="row" sx={{ gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
              {(w.categories ?? []).map((c) => (
                <Chip key={c} size="small" label={c} />
              ))}
            </Stack>
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
};

/** Server totals of the current revision: overall, per region, per category. */
export const TotalsPanel = ({ totals }: { totals: PlanTotals | undefined }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const places = usePlaces();
  if (!totals) return null;
  const group = (title: string, testId: string, rows: { key: string; label: string; qty: number; amountFen: number }[]) => (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {translate(title)}
      </Typography>
      <Table size="small" data-testid={testId}>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.label}</TableCell>
              <TableCell align="right">{num(r.qty)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {f.money(r.amountFen)}
              </TableCell>
            </TableRow>
          ))}
          {!rows.length ? (
            <TableRow>
              <TableCell colSpan={3}>—</TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </Box>
  );
  return (
    <Box data-testid="plan-totals">
      <Stack direction="row" sx={{ gap: 3, mb: 2, flexWrap: 'wrap' }}>
        <Box>
          <Typography variant="caption" color="text.secondary" component="div">
            {translate('app.plan.total_qty')}
          </Typography>
          <Typography variant="h6" data-testid="plan-total-qty">
            {num(totals.qty)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="caption" color="text.secondary" component="div">
            {translate('app.plan.total_amount')}
          </Typography>
          <Typography variant="h6" data-testid="plan-total-amount">
            {f.money(totals.amountFen)}
          </Typography>
        </Box>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
        {group(
          'app.plan.by_region',
          'plan-totals-region',
          (totals.byRegion ?? []).map((r) => ({
            key: r.regionId ?? '',
            label: r.regionId ? places.region(r.regionId) : translate('app.plan.no_region'),
            qty: r.qty,
            amountFen: r.amountFen,
          })),
        )}
        {group(
          'app.plan.by_category',
          'plan-totals-category',
          (totals.byCategory ?? []).map((c) => ({ key: c.category, label: c.category, qty: c.qty, amountFen: c.amountFen })),
        )}
      </Box>
    </Box>
  );
};
