import AlarmIcon from '@mui/icons-material/AccessAlarm';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { Chip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { decisionColor, processStatusColor, taskStatusColor } from './labels';
import { useFormatters } from './useFormatters';

type SourceProps = Partial<Pick<FieldProps, 'label' | 'sortable' | 'sortBy'>> & { source: string; emptyText?: string };

const valueOf = (record: Record<string, unknown> | undefined, source: string): unknown =>
  source.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

/** An ISO instant in the business zone, formatted per locale. */
export const ZonedDateField = ({ source, emptyText = '—', showTime = true }: SourceProps & { showTime?: boolean }) => {
  const record = useRecordContext();
  const f = useFormatters();
  const value = valueOf(record, source);
  const text = typeof value === 'string' ? (showTime ? f.dateTime(value) : f.date(value)) : '';
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {text || emptyText}
    </Typography>
  );
};

/** Integer fen as ¥1,234.56. */
export const MoneyField = ({ source, emptyText = '—' }: SourceProps) => {
  const record = useRecordContext();
  const f = useFormatters();
  const value = valueOf(record, source);
  return (
    <Typography component="span" variant="body2">
      {typeof value === 'number' ? f.money(value) : emptyText}
    </Typography>
  );
};

export const ProcessTypeLabel = ({ type }: { type: string | null | undefined }) => {
  const translate = useTranslate();
  if (!type) return null;
  return <>{translate(`app.process_type.${type}`, { _: type })}</>;
};

export const ProcessTypeField = ({ source = 'processType' }: Partial<SourceProps>) => {
  const record = useRecordContext();
  const value = valueOf(record, source);
  return (
    <Typography component="span" variant="body2">
      <ProcessTypeLabel type={typeof value === 'string' ? value : undefined} />
    </Typography>
  );
};

export const ProcessStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={processStatusColor(status)}
      label={translate(`app.process_status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const ProcessStatusField = ({ source = 'status' }: Partial<SourceProps>) => {
  const record = useRecordContext();
  const value = valueOf(record, source);
  return <ProcessStatusChip status={typeof value === 'string' ? value : undefined} />;
};

export const TaskStatusChip = ({ status }: { status: string | undefined }) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip size="small" variant="outlined" color={taskStatusColor(status)} label={translate(`app.task_status.${status}`, { _: status })} />
  );
};

export const TaskStatusField = ({ source = 'status' }: Partial<SourceProps>) => {
  const record = useRecordContext();
  const value = valueOf(record, source);
  return <TaskStatusChip status={typeof value === 'string' ? value : undefined} />;
};

export const DecisionChip = ({ decision }: { decision: string | null | undefined }) => {
  const translate = useTranslate();
  if (!decision) return null;
  return <Chip size="small" color={decisionColor(decision)} label={translate(`app.decision.${decision}`, { _: decision })} />;
};

export const DecisionField = ({ source = 'decision', emptyText = '—' }: Partial<SourceProps>) => {
  const record = useRecordContext();
  const value = valueOf(record, source);
  return typeof value === 'string' && value ? <DecisionChip decision={value} /> : <>{emptyText}</>;
};

/** "2天后到期" (green, amber within a day) or "已逾期 3 小时" (red), for an open task. */
export const DueBadge = ({ dueAt, status = 'open' }: { dueAt: string | null | undefined; status?: string }) => {
  const f = useFormatters();
  if (status !== 'open') return null;
  const info = f.due(dueAt);
  if (!info) return null;
  return (
    <Chip
      size="small"
      data-testid="due-badge"
      data-overdue={info.overdue ? 'true' : 'false'}
      icon={info.overdue ? <WarningIcon /> : <AlarmIcon />}
      color={info.overdue ? 'error' : info.soon ? 'warning' : 'success'}
      variant={info.overdue ? 'filled' : 'outlined'}
      label={f.dueText(info)}
    />
  );
};

export const DueBadgeField = (_props: Partial<SourceProps>) => {
  const record = useRecordContext<{ dueAt?: string; status?: string }>();
  return <DueBadge dueAt={record?.dueAt} status={record?.status} />;
};

/** Escalation level, shown only when the task has escalated. */
export const EscalationChip = ({ level }: { level: number | null | undefined }) => {
  const translate = useTranslate();
  if (!level || level <= 0) return null;
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      icon={<TrendingUpIcon />}
      data-testid="escalation-chip"
      label={translate('app.task.escalation_level', { level })}
    />
  );
};

export const EscalationField = (_props: Partial<SourceProps>) => {
  const record = useRecordContext<{ escalationLevel?: number }>();
  return <EscalationChip level={record?.escalationLevel} />;
};

/** Who a task waits for: the assignee, or the role (any holder may claim it). */
export const AssigneeField = (_props: Partial<SourceProps>) => {
  const record = useRecordContext<{ assigneeName?: string | null; candidateRole?: string | null; assigneeId?: string | null }>();
  const translate = useTranslate();
  if (!record) return null;
  const text = record.assigneeName
    ? record.assigneeName
    : record.candidateRole
      ? translate('app.task.role_pool', { role: translate(`app.roles.${record.candidateRole}`, { _: record.candidateRole }) })
      : '—';
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};
