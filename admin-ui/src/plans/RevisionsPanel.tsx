import ArrowIcon from '@mui/icons-material/ArrowForward';
import DownloadIcon from '@mui/icons-material/Download';
import {
  alpha,
  Box,
  Button,
  Chip,
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
  type Theme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { errorMessage, useFormatters } from '../common';
import { downloadExport, getDiff, getRevisions } from './api';
import { usePlaces } from './helpers';
import type { Amounts, Plan, PlanLine, RevisionSummary } from './types';

const useNumber = () => {
  const f = useFormatters();
  const nf = new Intl.NumberFormat(f.locale.startsWith('zh') ? 'zh-CN' : 'en-US');
  return (n: number | null | undefined) => (typeof n === 'number' ? nf.format(n) : '—');
};

/** Every revision of the plan: number, state, comment, when submitted, totals; each downloadable. */
const RevisionList = ({ plan, revisions }: { plan: Plan; revisions: RevisionSummary[] }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const notify = useNotify();
  const download = (format: 'csv' | 'xlsx', revision: number) =>
    downloadExport(plan, format, revision).catch((error: unknown) => notify(errorMessage(error, translate), { type: 'error' }));
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.plan.revision')}</TableCell>
            <TableCell>{translate('resources.plans.fields.status')}</TableCell>
            <TableCell>{translate('app.plan.revision_comment')}</TableCell>
            <TableCell>{translate('app.plan.submitted_at')}</TableCell>
            <TableCell align="right">{translate('app.plan.total_qty')}</TableCell>
            <TableCell align="right">{translate('app.plan.total_amount')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {revisions.map((r) => (
            <TableRow key={r.number} data-testid="plan-revision-row" data-revision={r.number} selected={r.number === plan.currentRevision}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {translate('app.plan.revision_n', { n: r.number })}
                {r.number === plan.currentRevision ? (
                  <Chip size="small" color="primary" variant="outlined" sx={{ ml: 1 }} label={translate('app.plan.current')} />
                ) : null}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  color={r.status === 'submitted' ? 'info' : 'default'}
                  label={translate(`app.plan.revision_status.${r.status}`, { _: r.status })}
                />
              </TableCell>
              <TableCell sx={{ wordBreak: 'break-word', minWidth: 120 }}>{r.comment || '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.submittedAt ? f.dateTime(r.submittedAt) : '—'}</TableCell>
              <TableCell align="right">{num(r.totals?.qty)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {r.totals ? f.money(r.totals.amountFen) : '—'}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  startIcon={<DownloadIcon />}
                  onClick={() => void download('csv', r.number)}
                  sx={{ minWidth: 0, textTransform: 'none' }}
                >
                  CSV
                </Button>
                <Button
                  size="small"
                  startIcon={<DownloadIcon />}
                  onClick={() => void download('xlsx', r.number)}
                  sx={{ minWidth: 0, textTransform: 'none' }}
                >
                  Excel
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

type Tone = 'success' | 'error' | 'warning';

const tinted = (tone: Tone) => (theme: Theme) => ({
  backgroundColor: alpha(theme.palette[tone].main, 0.1),
  '& td:first-of-type': { borderLeft: `3px solid ${theme.palette[tone].main}` },
});

/** What changed between two revisions: added (green), removed (red), changed (before → after), totals. */
const DiffView = ({ plan, from, to }: { plan: Plan; from: number; to: number }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const places = usePlaces();
  const { data, isPending, error } = useQuery({
    queryKey: ['plans', plan.id, 'diff', from, to, plan.updatedAt],
    queryFn: () => getDiff(plan.id, from, to),
    enabled: from !== to,
  });
  if (from === to) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.plan.diff_same')}
      </Typography>
    );
  }
  if (isPending) return null;
  if (error || !data) {
    return (
      <Typography variant="body2" color="error">
        {errorMessage(error, translate)}
      </Typography>
    );
  }
  const place = (l: PlanLine) => [places.region(l.regionId), places.store(l.storeId)].filter(Boolean).join(' · ') || '—';
  const arrow = (before: ReactNode, after: ReactNode, same: boolean) =>
    same ? (
      <>{after}</>
    ) : (
      <Stack direction="row" component="span" sx={{ alignItems: 'center', gap: 0.5, justifyContent: 'flex-end', whiteSpace: 'nowrap' }}>
        <Box component="span" sx={{ color: 'text.secondary', textDecoration: 'line-through' }} data-testid="diff-before">
          {before}
        </Box>
        <ArrowIcon sx={{ fontSize: 14 }} />
        <Box component="span" sx={{ fontWeight: 600 }} data-testid="diff-after">
          {after}
        </Box>
      </Stack>
    );
  const totals = (a: Amounts, b: Amounts) => (
    <Stack direction="row" sx={{ gap: 3, flexWrap: 'wrap', mb: 1 }} data-testid="plan-diff-totals">
      <Box>
        <Typography variant="caption" color="text.secondary" component="div">
          {translate('app.plan.total_qty')}
        </Typography>
        <Typography variant="body2">{arrow(num(a.qty), num(b.qty), a.qty === b.qty)}</Typography>
      </Box>
      <Box>
        <Typography variant="caption" color="text.secondary" component="div">
          {translate('app.plan.total_amount')}
        </Typography>
        <Typography variant="body2">{arrow(f.money(a.amountFen), f.money(b.amountFen), a.amountFen === b.amountFen)}</Typography>
      </Box>
    </Stack>
  );
  const empty = !data.added.length && !data.removed.length && !data.changed.length;
  return (
    <Box data-testid="plan-diff" data-from={from} data-to={to}>
      {totals(data.totals.before, data.totals.after)}
      {empty ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.plan.diff_empty')}
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' }, '& td:first-of-type': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.plan.diff_change')}</TableCell>
                <TableCell>{translate('resources.plans.fields.category')}</TableCell>
                <TableCell>{translate('app.plan.place')}</TableCell>
                <TableCell align="right">{translate('resources.plans.fields.qty')}</TableCell>
                <TableCell align="right">{translate('resources.plans.fields.amountFen')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.added.map((l, i) => (
                <TableRow key={`a${i}`} data-testid="plan-diff-added" sx={tinted('success')}>
                  <TableCell sx={{ color: 'success.main', fontWeight: 600 }}>+ {translate('app.plan.diff_added')}</TableCell>
                  <TableCell>{l.category}</TableCell>
                  <TableCell>{place(l)}</TableCell>
                  <TableCell align="right">{num(l.qty)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {f.money(l.amountFen)}
                  </TableCell>
                </TableRow>
              ))}
              {data.removed.map((l, i) => (
                <TableRow key={`r${i}`} data-testid="plan-diff-removed" sx={tinted('error')}>
                  <TableCell sx={{ color: 'error.main', fontWeight: 600 }}>− {translate('app.plan.diff_removed')}</TableCell>
                  <TableCell sx={{ textDecoration: 'line-through' }}>{l.category}</TableCell>
                  <TableCell sx={{ textDecoration: 'line-through' }}>{place(l)}</TableCell>
                  <TableCell align="right" sx={{ textDecoration: 'line-through' }}>
                    {num(l.qty)}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', textDecoration: 'line-through' }}>
                    {f.money(l.amountFen)}
                  </TableCell>
                </TableRow>
              ))}
              {data.changed.map((c) => (
                <TableRow key={c.key} data-testid="plan-diff-changed" data-key={c.key} sx={tinted('warning')}>
                  <TableCell sx={{ color: 'warning.dark', fontWeight: 600 }}>~ {translate('app.plan.diff_changed')}</TableCell>
                  <TableCell>{c.after.category}</TableCell>
                  <TableCell>{place(c.after)}</TableCell>
                  <TableCell align="right">{arrow(num(c.before.qty), num(c.after.qty), c.before.qty === c.after.qty)}</TableCell>
                  <TableCell align="right">
                    {arrow(f.money(c.before.amountFen), f.money(c.after.amountFen), c.before.amountFen === c.after.amountFen)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};

/** 修订记录: the revisions and a diff between any two of them. */
export const RevisionsPanel = ({ plan }: { plan: Plan }) => {
  const translate = useTranslate();
  const { data: revisions = [], isPending } = useQuery({
    queryKey: ['plans', plan.id, 'revisions', plan.updatedAt, plan.status, plan.currentRevision],
    queryFn: () => getRevisions(plan.id),
  });
  const numbers = revisions.map((r) => r.number).sort((a, b) => a - b);
  const last = numbers[numbers.length - 1];
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  // Default: the last revision against the one before it (again when a new revision appears).
  useEffect(() => {
    if (last === undefined) return;
    setTo(last);
    setFrom(numbers.length > 1 ? numbers[numbers.length - 2] : last);
  }, [last, numbers.length]);
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  const pick = (label: string, value: number | undefined, onChange: (n: number) => void, testId: string) => (
    <TextField
      select
      size="small"
      fullWidth={false}
      label={translate(label)}
      value={value ?? ''}
      onChange={(e) => onChange(Number(e.target.value))}
      sx={{ width: 160, flex: '0 0 auto' }}
      slotProps={{ htmlInput: { 'data-testid': testId } }}
    >
      {numbers.map((n) => (
        <MenuItem key={n} value={n}>
          {translate('app.plan.revision_n', { n })}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Box data-testid="plan-revisions" data-count={revisions.length}>
      <RevisionList plan={plan} revisions={revisions} />
      {numbers.length > 1 && from !== undefined && to !== undefined ? (
        <Box sx={{ mt: 2 }}>
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1.5 }}>
            <Typography variant="subtitle2" sx={{ mr: 1 }}>
              {translate('app.plan.diff_title')}
            </Typography>
            {pick('app.plan.diff_from', from, setFrom, 'plan-diff-from')}
            <ArrowIcon fontSize="small" color="action" />
            {pick('app.plan.diff_to', to, setTo, 'plan-diff-to')}
          </Stack>
          <DiffView plan={plan} from={from} to={to} />
        </Box>
      ) : null}
    </Box>
  );
};

export default RevisionsPanel;
