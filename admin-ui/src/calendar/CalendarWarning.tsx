import { Alert, AlertTitle, Button, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { usePermissions, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { getCoverage, type CalendarCoverage } from './api';

export const coverageQueryKey = ['calendar', 'coverage'];

/** The years the system's dates reach into without official holidays (GET /api/calendar/coverage); nothing when there are none. */
export const CalendarWarning = ({ link = true }: { link?: boolean }) => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const roles = Array.isArray(permissions) ? permissions : [];
  const { data } = useQuery<CalendarCoverage>({ queryKey: coverageQueryKey, queryFn: getCoverage, staleTime: 60_000 });
  if (!data || data.status !== 'warning') return null;
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.calendar_years.${key}`, options);
  return (
    <Alert
      severity="warning"
      sx={{ my: 1 }}
      data-testid="calendar-warning"
      action={
        link && roles.includes('admin') ? (
          <Button color="inherit" size="small" component={Link} to="/calendar-overrides">
            {t('open_calendar')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{t('warning_title')}</AlertTitle>
      {data.gaps.map((g) => (
        <Typography key={g.year} variant="body2" data-testid="calendar-warning-gap" data-year={g.year}>
          {t('gap', {
            year: g.year,
            when: g.daysUntil === 0 ? t('begun') : t('days_until', { days: g.daysUntil }),
            tasks: g.openTasks ? t('open_tasks', { count: g.openTasks }) : '',
          })}
        </Typography>
      ))}
      <Typography variant="body2">{t('action')}</Typography>
    </Alert>
  );
};
