import DownloadIcon from '@mui/icons-material/Download';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  Box,
  Button,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
  useTheme,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { PieChart } from '@mui/x-charts/PieChart';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { CalendarWarning } from '../calendar/CalendarWarning';
import { useFormatters } from '../common';
import { downloadDashboard, getDashboard, type DashboardData } from './api';
import { ChartCard, Empty, Kpi } from './parts';

const CHART_HEIGHT = 260;

/** The unit cycle times read best in: hours, minutes, or seconds (a demo's seconds-long runs). */
const cycleUnit = (seconds: (number | null)[]): { unit: 'hours' | 'minutes' | 'seconds'; per: number } => {
  const max = Math.max(0, ...seconds.map((s) => s ?? 0));
  return max >= 2 * 3600 ? { unit: 'hours', per: 3600 } : max >= 120 ? { unit: 'minutes', per: 60 } : { unit: 'seconds', per: 1 };
};
const code = (prefix: string, seq: number | null, fallback: string) =>
  seq === null ? fallback : `${prefix}${String(seq).padStart(6, '0')}`;

/** Labels: process types, people (a role task nobody claimed under its role), days of the week. */
const useLabels = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.report_dashboard.${key}`, options);
  const orKey = (key: string, fallback: string) => {
    const v = translate(key);
    return v === key ? fallback : v;
  };
  const dayFormat = new Intl.DateTimeFormat(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', {
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return {
    t,
    locale,
    processType: (pt: string) => orKey(`app.report_dashboard.process_types.${pt}`, pt),
    returnStatus: (s: string) => orKey(`app.report_dashboard.return_status.${s}`, s),
    person: (p: { name: string | null; role: string | null }) =>
      p.name ?? t('unclaimed', { role: orKey(`app.roles.${p.role}`, p.role ?? '?') }),
    day: (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`)),
  };
};

const Charts = ({ data }: { data: DashboardData }) => {
  const theme = useTheme();
  const f = useFormatters();
  const { t, locale, processType, returnStatus, person, day } = useLabels();
  const c = {
    primary: theme.palette.primary.main,
    error: theme.palette.error.main,
    warning: theme.palette.warning.main,
    success: theme.palette.success.main,
    info: theme.palette.info.main,
    grey: theme.palette.grey[400],
  };
  const yuan = (v: number | null) => (v === null ? '' : f.money(Math.round(v * 100)));
  const en = locale.startsWith('en');
  const cu = cycleUnit([...data.cycleTimes.processes, ...data.cycleTimes.steps].flatMap((x) => [x.medianSeconds, x.p90Seconds]));
  const inUnit = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / cu.per) * 10) / 10);
  const unitLabel = t(`units.${cu.unit}`);
  const cycleText = (v: number | null) => (v === null ? '' : `${v} ${unitLabel}`);
  const empty = <Empty text={t('empty')} />;

  const byProcess = data.tasks.byProcess.map((r) => ({
    label: processType(r.processType),
    notOverdue: r.open - r.overdue,
    overdue: r.overdue,
  }));
  const people = data.tasks.byPerson.slice(0, 10).map((p) => ({ label: person(p), notOverdue: p.open - p.overdue, overdue: p.overdue }));
  const week = data.escalations.byDay.map((d) => ({ label: day(d.date), count: d.count }));
  const cycles = data.cycleTimes.processes.map((p) => ({
    label: processType(p.processType),
    median: inUnit(p.medianSeconds),
    p90: inUnit(p.p90Seconds),
  }));
  const steps = [...data.cycleTimes.steps]
    .sort((a, b) => (b.medianSeconds ?? 0) - (a.medianSeconds ?? 0))
    .slice(0, 8)
    .map((s) => ({
      label: `${processType(s.processType)} · ${en ? s.titleEn : s.title}`,
      median: inUnit(s.medianSeconds),
      p90: inUnit(s.p90Seconds),
    }));
  const prepay = data.prepayments.regions.map((r) => ({ label: r.regionName, due: r.dueFen / 100, received: r.receivedFen / 100 }));
  const levels = data.delayedShipments.byLevel.map((l) => ({
    label: l.level === 0 ? t('level_0') : t('level', { level: l.level }),
    late: l.late,
    silent: l.silent,
  }));
  const orders = data.orders.byRegion.map((r) => ({ label: r.regionName, ordered: r.orderedQty, shipped: r.shippedQty, owed: r.owedQty }));
  const returns = data.returns.byStatus.map((r) => ({ label: `${processType(r.kind)} · ${returnStatus(r.status)}`, count: r.count }));
  const pt = data.prepayments.totals;
  const ot = data.orders.totals;
  // Tall enough for CJK labels (12 px text measures 17 px high; the default 25 px drops them).
  const axisBand = (dataKey = 'label') => [{ scaleType: 'band' as const, dataKey, height: 32 }];
  const horizontalHeight = (n: number) => Math.max(140, 64 + n * 34);
  // Counts: whole-number ticks; the value axis of horizontal charts tall enough for its numbers.
  const countAxis = [{ tickMinStep: 1 }];
  const valueAxisX = [{ tickMinStep: 1, height: 28 }];

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' } }}>
      <ChartCard
        title={t('tasks_by_process')}
        testId="dashboard-tasks-by-process"
        data={{ open: data.tasks.totals.open, overdue: data.tasks.totals.overdue }}
      >
        {byProcess.length ? (
          <BarChart
            height={CHART_HEIGHT}
            dataset={byProcess}
            xAxis={axisBand()}
            yAxis={countAxis}
            series={[
              { dataKey: 'notOverdue', label: t('series.open'), stack: 'tasks', color: c.primary },
              { dataKey: 'overdue', label: t('series.overdue'), stack: 'tasks', color: c.error },
            ]}
          />
        ) : (
          empty
        )}
      </ChartCard>

      <ChartCard title={t('tasks_by_person')} testId="dashboard-tasks-by-person" data={{ people: data.tasks.byPerson.length }}>
        {people.length ? (
          <BarChart
            height={horizontalHeight(people.length)}
            layout="horizontal"
            dataset={people}
            xAxis={valueAxisX}
            yAxis={[{ scaleType: 'band', dataKey: 'label', width: 130 }]}
            series={[
              { dataKey: 'notOverdue', label: t('series.open'), stack: 'tasks', color: c.primary },
              { dataKey: 'overdue', label: t('series.overdue'), stack: 'tasks', color: c.error },
            ]}
          />
        ) : (
          empty
        )}
      </ChartCard>

      <ChartCard title={t('escalations_week')} testId="dashboard-escalations" data={{ total: data.escalations.total }}>
        <BarChart
          height={CHART_HEIGHT}
          dataset={week}
          xAxis={axisBand()}
          yAxis={countAxis}
          series={[{ dataKey: 'count', label: t('series.escalations'), color: c.warning }]}
          hideLegend
        />
      </ChartCard>

      <ChartCard title={t('delayed_by_level')} testId="dashboard-delayed-shipments" data={{ total: data.delayedShipments.total }}>
        <BarChart
          height={CHART_HEIGHT}
          dataset={levels}
          xAxis={axisBand()}
          yAxis={countAxis}
          series={[
            { dataKey: 'late', label: t('series.late'), stack: 'delay', color: c.error },
            { dataKey: 'silent', label: t('series.silent'), stack: 'delay', color: c.warning },
          ]}
        />
      </ChartCard>

      <ChartCard
        title={t('with_unit', { title: t('cycle_process'), unit: unitLabel })}
        testId="dashboard-cycle-processes"
        data={{ processes: cycles.length }}
      >
        {cycles.length ? (
          <BarChart
            height={CHART_HEIGHT}
            dataset={cycles}
            xAxis={axisBand()}
            series={[
              { dataKey: 'median', label: t('series.median'), color: c.primary, valueFormatter: cycleText },
              { dataKey: 'p90', label: t('series.p90'), color: c.info, valueFormatter: cycleText },
            ]}
          />
        ) : (
          empty
        )}
      </ChartCard>

      <ChartCard
        title={t('with_unit', { title: t('cycle_steps'), unit: unitLabel })}
        testId="dashboard-cycle-steps"
        data={{ steps: data.cycleTimes.steps.length }}
      >
        {steps.length ? (
          <BarChart
            height={horizontalHeight(steps.length)}
            layout="horizontal"
            dataset={steps}
            xAxis={[{ height: 28 }]}
            yAxis={[{ scaleType: 'band', dataKey: 'label', width: 150 }]}
            series={[
              { dataKey: 'median', label: t('series.median'), color: c.primary, valueFormatter: cycleText },
              { dataKey: 'p90', label: t('series.p90'), color: c.info, valueFormatter: cycleText },
            ]}
          />
        ) : (
          empty
        )}
      </ChartCard>

      <ChartCard
        title={`${t('prepayments')}${data.season ? ` · ${data.season}` : ''}`}
        testId="dashboard-prepayments"
        data={{ due: pt.dueFen, received: pt.receivedFen, outstanding: pt.outstandingFen }}
        footer={t('totals', {
          due: f.money(pt.dueFen),
          received: f.money(pt.receivedFen),
          outstanding: f.money(pt.outstandingFen),
          overdue: f.money(pt.overdueFen),
        })}
      >
        <BarChart
          height={CHART_HEIGHT}
          dataset={prepay}
          xAxis={axisBand()}
          yAxis={[{ width: 72, valueFormatter: (v: number) => (v >= 10_000 ? `${Math.round(v / 1000)}k` : String(v)) }]}
          series={[
            { dataKey: 'due', label: t('series.due'), color: c.grey, valueFormatter: yuan },
            { dataKey: 'received', label: t('series.received'), color: c.success, valueFormatter: yuan },
          ]}
        />
      </ChartCard>

      <ChartCard
        title={`${t('orders')}${data.season ? ` · ${data.season}` : ''}`}
        testId="dashboard-orders"
        data={{ ordered: ot.orderedQty, shipped: ot.shippedQty, owed: ot.owedQty }}
        footer={t('order_totals', {
          ordered: ot.orderedQty.toLocaleString(),
          shipped: ot.shippedQty.toLocaleString(),
          owed: ot.owedQty.toLocaleString(),
          received: ot.receivedQty.toLocaleString(),
        })}
      >
        <BarChart
          height={CHART_HEIGHT}
          dataset={orders}
          xAxis={axisBand()}
          yAxis={[{ tickMinStep: 1, width: 56 }]}
          series={[
            { dataKey: 'ordered', label: t('series.ordered'), color: c.grey },
            { dataKey: 'shipped', label: t('series.shipped'), color: c.primary },
            { dataKey: 'owed', label: t('series.owed'), color: c.warning },
          ]}
        />
      </ChartCard>

      <ChartCard
        title={t('late_approvals')}
        testId="dashboard-late-approvals"
        data={{ approved: data.lateApprovals.approved, late: data.lateApprovals.late }}
      >
        {data.lateApprovals.approved ? (
          <>
            <PieChart
              height={200}
              series={[
                {
                  innerRadius: 40,
                  data: [
                    { id: 'on_time', value: data.lateApprovals.onTime, label: t('series.on_time'), color: c.success },
                    { id: 'late', value: data.lateApprovals.late, label: t('series.late_approval'), color: c.error },
                  ],
                },
              ]}
            />
            {data.lateApprovals.adjustments.length ? (
              <>
                <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
                  {t('late_list')}
                </Typography>
                <List dense disablePadding>
                  {data.lateApprovals.adjustments.slice(0, 5).map((a) => (
                    <ListItem key={a.adjustmentId} disableGutters>
                      <ListItemText
                        primary={t('late_row', {
                          code: code('PA', a.seq, a.adjustmentId.slice(0, 8)),
                          who: a.proposerName ?? '—',
                          hours: a.hoursLate ?? '?',
                        })}
                        secondary={f.dateTime(a.approvedAt)}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            ) : null}
          </>
        ) : (
          empty
        )}
      </ChartCard>

      <ChartCard
        title={t('returns')}
        testId="dashboard-returns"
        data={{ pending: data.returns.pending, defective: data.returns.defects.defectiveQty }}
        footer={`${t('kpi.defects')}: ${data.returns.defects.defectiveQty.toLocaleString()}`}
      >
        {returns.length ? (
          <BarChart
            height={horizontalHeight(returns.length)}
            layout="horizontal"
            dataset={returns}
            xAxis={valueAxisX}
            yAxis={[{ scaleType: 'band', dataKey: 'label', width: 130 }]}
            series={[{ dataKey: 'count', label: t('series.requests'), color: c.info }]}
            hideLegend
          />
        ) : (
          empty
        )}
      </ChartCard>
    </Box>
  );
};

/**
 * 报表看板: a manager's morning questions at a glance — open and overdue work, escalations this
 * week, cycle times, prepayments, delayed shipments, ordered/shipped/owed, late price approvals,
 * returns and defects — as charts, from GET /api/reports/dashboard; exported as Excel or CSV.
 */
export const Dashboard = () => {
  const { t, locale } = useLabels();
  const f = useFormatters();
  const notify = useNotify();
  const [season, setSeason] = useState('');
  const { data: seasons = [] } = useGetList<{ id: string; code?: string; name?: string }>('seasons', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'startsOn', order: 'DESC' },
  });
  const { data, error, isPending, isFetching, refetch } = useQuery({
    queryKey: ['reports', 'dashboard', season],
    queryFn: () => getDashboard(season || undefined),
    refetchInterval: 5 * 60_000,
  });
  const shown = season || data?.season || '';
  const download = (format: 'csv' | 'xlsx') =>
    downloadDashboard(shown || undefined, format, locale).catch((e: unknown) =>
      notify(e instanceof Error ? e.message : String(e), { type: 'error' }),
    );
  const k = data?.tasks.totals;

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="dashboard-page" data-season={data?.season ?? ''} data-loaded={data ? 'true' : 'false'}>
      <Title title={t('title')} />
      <CalendarWarning />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h5" component="h1">
            {t('title')}
          </Typography>
          {data ? (
            <Typography variant="body2" color="text.secondary" data-testid="dashboard-subtitle">
              {t('subtitle', {
                at: f.dateTime(data.at),
                week: `${data.week.from} – ${data.week.to}`,
                period: `${data.period.from} – ${data.period.to}`,
              })}
            </Typography>
          ) : null}
        </Box>
        <TextField
          select
          size="small"
          label={t('season')}
          value={seasons.some((s) => String(s.code ?? s.id) === shown) ? shown : ''}
          onChange={(e) => setSeason(e.target.value)}
          sx={{ flex: '0 0 auto', width: { xs: '100%', sm: 200 } }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'dashboard-season' } as object } }}
        >
          {seasons.map((s) => (
            <MenuItem key={String(s.code ?? s.id)} value={String(s.code ?? s.id)}>
              {[s.code ?? s.id, s.name].filter(Boolean).join(' · ')}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" spacing={1} sx={{ flex: '0 0 auto', flexWrap: 'wrap' }}>
          <Button size="small" startIcon={<RefreshIcon />} onClick={() => void refetch()} data-testid="dashboard-refresh">
            {t('refresh')}
          </Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download('xlsx')} data-testid="dashboard-export-xlsx">
            {t('export_xlsx')}
          </Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download('csv')} data-testid="dashboard-export-csv">
            {t('export_csv')}
          </Button>
        </Stack>
      </Stack>
      {isFetching ? <LinearProgress sx={{ mb: 1 }} /> : <Box sx={{ height: 4, mb: 1 }} />}
      {error ? <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert> : null}
      {isPending && !data ? null : data && k ? (
        <>
          <Box
            sx={{
              display: 'grid',
              gap: 1.5,
              mb: 2,
              gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(4, minmax(0, 1fr))', xl: 'repeat(8, minmax(0, 1fr))' },
            }}
          >
            <Kpi testId="kpi-open" label={t('kpi.open')} value={k.open} />
            <Kpi testId="kpi-overdue" label={t('kpi.overdue')} value={k.overdue} alert />
            <Kpi testId="kpi-due-today" label={t('kpi.due_today')} value={k.dueToday} />
            <Kpi testId="kpi-escalations" label={t('kpi.escalations')} value={data.escalations.total} alert />
            <Kpi testId="kpi-delayed" label={t('kpi.delayed')} value={data.delayedShipments.total} alert />
            <Kpi testId="kpi-late-approvals" label={t('kpi.late_approvals')} value={data.lateApprovals.late} alert />
            <Kpi testId="kpi-returns" label={t('kpi.returns')} value={data.returns.pending} />
            <Kpi testId="kpi-defects" label={t('kpi.defects')} value={data.returns.defects.defectiveQty} />
          </Box>
          <Charts data={data} />
        </>
      ) : null}
    </Box>
  );
};

export default Dashboard;
