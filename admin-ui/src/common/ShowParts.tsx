import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Alert, AlertTitle, Box, Button, Card, CardContent, CardHeader, Stack, Typography, type AlertProps } from '@mui/material';
import type { ReactNode } from 'react';
import { LinkBase, useTranslate } from 'react-admin';

/** The parts of a record's show page: the header card with its facts, cards of sections. */

/** One fact of a header: a caption (an i18n key) over the value; '—' for none. */
export const FactItem = ({
  label,
  children,
  testId,
  strong,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  strong?: boolean;
}) => {
  const translate = useTranslate();
  return (
    <Box data-testid={testId} sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Box sx={{ typography: strong ? 'subtitle1' : 'body2', fontWeight: strong ? 600 : undefined, wordBreak: 'break-word' }}>
        {children ?? '—'}
      </Box>
    </Box>
  );
};

/** The facts in two columns on phones, four from md. */
export const FactGrid = ({
  children,
  columns = { xs: 'minmax(0, 1fr) minmax(0, 1fr)', md: 'repeat(4, minmax(0, 1fr))' },
}: {
  children: ReactNode;
  columns?: object;
}) => <Box sx={{ display: 'grid', gridTemplateColumns: columns, gap: 2 }}>{children}</Box>;

/** "Open the process" (staff): the run behind a record on the process pages. */
export const ProcessLinkButton = ({ workflowId, testId, label }: { workflowId: string; testId: string; label: string }) => {
  const translate = useTranslate();
  return (
    <Button
      size="small"
      component={LinkBase}
      to={`/processes/${encodeURIComponent(workflowId)}/show`}
      endIcon={<OpenInNewIcon />}
      data-testid={testId}
    >
      {translate(label)}
    </Button>
  );
};

/** Why a record ended as it did (a reason, a note), highlighted under the facts. */
export const ReasonAlert = ({
  severity,
  testId,
  title,
  text,
  ...props
}: { severity: AlertProps['severity']; testId: string; title: string; text?: string | null } & Omit<AlertProps, 'title' | 'severity'>) => (
  <Alert severity={severity} variant="outlined" sx={{ mt: 2 }} data-testid={testId} {...props}>
    <AlertTitle>{title}</AlertTitle>
    {text ? (
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {text}
      </Typography>
    ) : null}
  </Alert>
);

/**
 * The header card of a show page: title (h2) and subtitle, badges on the right, the facts, an
 * alert, then the actions with the process link at the far end.
 */
export const ShowHeader = ({
  data,
  title,
  titleTestId,
  subtitle,
  badges,
  wrapBadges = true,
  facts,
  alert,
  actions,
  processLink,
  dialogs,
}: {
  /** data-* attributes of the card (data-testid, data-code, …). */
  data?: Record<string, string | number | undefined>;
  title: ReactNode;
  titleTestId: string;
  subtitle?: ReactNode;
  badges: ReactNode;
  wrapBadges?: boolean;
  facts: ReactNode;
  alert?: ReactNode;
  actions?: ReactNode;
  processLink?: ReactNode;
  dialogs?: ReactNode;
}) => (
  <Card {...data}>
    <CardContent>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { sm: 'center' }, mb: 2 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-word' }} data-testid={titleTestId}>
            {title}
          </Typography>
          {subtitle ? (
            <Typography variant="body2" color="text.secondary">
              {subtitle}
            </Typography>
          ) : null}
        </Box>
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center', ...(wrapBadges ? { flexWrap: 'wrap' } : {}) }}>
          {badges}
        </Stack>
      </Stack>
      {facts}
      {alert}
      <Stack direction="row" sx={{ gap: 1, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        {actions}
        <Box sx={{ flex: 1 }} />
        {processLink}
      </Stack>
    </CardContent>
    {dialogs}
  </Card>
);

/** A card of a show page with a small title (and subheader). */
export const SectionCard = ({
  title,
  subheader,
  testId,
  children,
}: {
  title: ReactNode;
  subheader?: ReactNode;
  testId?: string;
  children: ReactNode;
}) => (
  <Card sx={{ minWidth: 0 }} data-testid={testId}>
    <CardHeader
      title={title}
      subheader={subheader}
      slotProps={{ title: { variant: 'subtitle1' }, ...(subheader ? { subheader: { variant: 'caption' } } : {}) }}
    />
    <CardContent sx={{ pt: 0 }}>{children}</CardContent>
  </Card>
);

/** The cards of a show page in one minmax(0, 1fr) column: wide tables scroll inside their card instead of widening the page on phones. */
export const ShowGrid = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2, mt: 1 }}>{children}</Box>
);
