import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, CircularProgress, LinearProgress, Stack, type SxProps, type Theme } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Title, useNotify, useStore, useTranslate } from 'react-admin';
import { errorMessage } from './errors';
import { SeasonSelect, useSeasons } from './SeasonSelect';

export type ExportFormat = 'csv' | 'xlsx';

/**
 * CSV and Excel download buttons (`<testIdPrefix>-export-csv|xlsx`, labels `<labelPrefix>csv|xlsx`):
 * one download at a time, a failure notified.
 */
export const ExportButtons = ({
  download,
  testIdPrefix,
  labelPrefix,
  disabled = false,
  sx,
}: {
  download: (format: ExportFormat) => Promise<void>;
  testIdPrefix: string;
  labelPrefix: string;
  disabled?: boolean;
  sx?: SxProps<Theme>;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = (format: ExportFormat) => {
    setBusy(format);
    download(format)
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
          disabled={busy !== null || disabled}
          startIcon={busy === format ? <CircularProgress size={14} /> : <DownloadIcon />}
          onClick={() => run(format)}
          sx={sx}
          data-testid={`${testIdPrefix}-export-${format}`}
        >
          {translate(`${labelPrefix}${format}`)}
        </Button>
      ))}
    </>
  );
};

/** The season of a report page, kept in the store under `storeKey`; the newest season by default. */
export const useReportSeason = (storeKey: string) => {
  const [season, setSeason] = useStore<string>(storeKey, '');
  const seasons = useSeasons(season, setSeason);
  return { season, setSeason, seasons };
};

/**
 * A report page: a card with the season select, further filters and the export buttons on top,
 * an optional help line, the error or progress of the query, then the report itself.
 * data-testids: `<prefix>-page`, `<prefix>-season`, `<prefix>-export-*`, `<prefix>-error`.
 */
export const ReportPage = ({
  testIdPrefix: p,
  title,
  seasonLabel,
  report,
  download,
  exportLabelPrefix,
  exportSx,
  filters,
  help,
  error,
  loading,
  wrapToolbar = false,
  children,
}: {
  testIdPrefix: string;
  title: string;
  seasonLabel: string;
  report: ReturnType<typeof useReportSeason>;
  download: (format: ExportFormat) => Promise<void>;
  exportLabelPrefix: string;
  exportSx?: SxProps<Theme>;
  filters?: ReactNode;
  help?: ReactNode;
  error: unknown;
  loading: boolean;
  wrapToolbar?: boolean;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  const { season, setSeason, seasons } = report;
  return (
    <Box sx={{ mt: 1 }} data-testid={`${p}-page`}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            sx={{ gap: 1.5, alignItems: { sm: 'center' }, mb: 2, ...(wrapToolbar ? { flexWrap: 'wrap' } : {}) }}
          >
            <SeasonSelect
              seasons={seasons}
              value={season}
              onChange={setSeason}
              size="small"
              label={seasonLabel}
              sx={{ minWidth: 200, maxWidth: { sm: 320 } }}
              testId={`${p}-season`}
            />
            {filters}
            <Box sx={{ flex: 1 }} />
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', flexShrink: 0 }}>
              <ExportButtons download={download} testIdPrefix={p} labelPrefix={exportLabelPrefix} disabled={!season} sx={exportSx} />
            </Stack>
          </Stack>
          {help}
          {error ? (
            <Alert severity="error" data-testid={`${p}-error`}>
              {errorMessage(error, translate)}
            </Alert>
          ) : null}
          {season && loading ? <LinearProgress /> : null}
          {children}
        </CardContent>
      </Card>
    </Box>
  );
};

/** Rows of a report table: the grand total bold with a rule above, subtotals semi-bold on a tint. */
export const reportRowSx = (kind: 'total' | 'subtotal' | 'row') =>
  kind === 'total'
    ? { '& td': { fontWeight: 700, borderTop: 2, borderColor: 'divider' }, bgcolor: 'action.selected' }
    : kind === 'subtotal'
      ? { '& td': { fontWeight: 600 }, bgcolor: 'action.hover' }
      : {};
