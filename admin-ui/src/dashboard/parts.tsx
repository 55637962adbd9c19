import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled card holding one chart; `testId` and `data` attributes let tests read its figures. */
export const ChartCard = ({
  title,
  testId,
  data,
  children,
  footer,
  wide,
}: {
  title: string;
  testId: string;
  data?: Record<string, string | number>;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) => (
  <Card
    variant="outlined"
    data-testid={testId}
    {...Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]))}
    sx={{ minWidth: 0, gridColumn: wide ? { md: 'span 2' } : undefined, display: 'flex', flexDirection: 'column' }}
  >
    <CardHeader title={title} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} sx={{ pb: 0 }} />
    <CardContent sx={{ pt: 1, flex: 1, '&:last-child': { pb: 2 } }}>
      <Box sx={{ width: '100%', minWidth: 0 }}>{children}</Box>
      {footer ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {footer}
        </Typography>
      ) : null}
    </CardContent>
  </Card>
);

/** A key figure: a label and a big number, red when `alert` and above zero. */
export const Kpi = ({ label, value, alert, testId }: { label: string; value: number; alert?: boolean; testId: string }) => (
  <Card variant="outlined" data-testid={testId} data-value={value} sx={{ minWidth: 0 }}>
    <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
      <Typography variant="body2" color="text.secondary" noWrap title={label}>
        {label}
      </Typography>
      <Typography variant="h4" component="div" sx={{ fontWeight: 600, color: alert && value > 0 ? 'error.main' : 'text.primary' }}>
        {value.toLocaleString()}
      </Typography>
    </CardContent>
  </Card>
);

/** Shown instead of a chart without data. */
export const Empty = ({ text }: { text: string }) => (
  <Box sx={{ height: 120, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
    <Typography variant="body2" color="text.secondary">
      {text}
    </Typography>
  </Box>
);
