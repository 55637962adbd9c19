import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import type { ReactNode } from 'react';
import {
  DataTable,
  LinkBase,
  ListContextProvider,
  Show,
  TextField,
  useGetList,
  useList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import {
  AssigneeField,
  DecisionChip,
  DecisionField,
  DueBadge,
  DueBadgeField,
  EscalationChip,
  EscalationField,
  ProcessStatusChip,
  ProcessTypeLabel,
  TaskStatusField,
  ZonedDateField,
  temporalWorkflowUrl,
  useAppInfo,
  useFormatters,
  type Process,
  type Task,
} from '../common';
import { ProcessActions } from './ProcessActions';
import { Timeline } from './Timeline';
import { stepTitle, useTimeline } from './useTimeline';
import ObjectIcon from '@mui/icons-material/Description';
import { objectPath } from '../tasks/subject/types';
import { OpenTasksCard } from '../prices/OpenTasks';

const ProcessTitle = () => {
  const record = useRecordContext<Process>();
  const translate = useTranslate();
  return <>{record ? `${translate('resources.processes.name', { smart_count: 1 })}: ${record.title}` : ''}</>;
};

const Item = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children ?? '—'}</Box>
    </Box>
  );
};

/** The chain with its live tasks (from the workflow's state while it runs). */
const Steps = ({ process, tasks }: { process: Process; tasks: Task[] }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const state = process.state;
  const steps = state?.steps ?? [];
  if (!steps.length) return null;
  const current = state?.currentStep ?? null;
  const round = state?.round ?? process.round ?? 0;
  const liveTasks = state?.tasks ?? [];
  const names = new Map(tasks.map((t) => [t.id, t.assigneeName]));
  const all = [...steps];
  if (current === 'revise' && !steps.some((s) => s.key === 'revise')) {
    all.push({ key: 'revise', title: { 'zh-CN': translate('app.process.revise_step'), en: translate('app.process.revise_step') } });
  }
  const activeIndex = all.findIndex((s) => s.key === current);
  return (
    <Stepper orientation="vertical" activeStep={activeIndex === -1 ? all.length : activeIndex} nonLinear>
      {all.map((step, index) => {
        const stepTasks = liveTasks.filter((t) => t.stepKey === step.key && t.round === round);
        const done = stepTasks.length > 0 && stepTasks.every((t) => t.status !== 'open') && step.key !== current;
        return (
          <Step key={step.key} completed={done} active={step.key === current || stepTasks.length > 0} index={index}>
            <StepLabel
              optional={
                step.mode === 'any' ? (
                  <Typography variant="caption">{translate('app.process.mode_any')}</Typography>
                ) : steps.length && step.mode === 'all' && stepTasks.length > 1 ? (
                  <Typography variant="caption">{translate('app.process.mode_all')}</Typography>
                ) : undefined
              }
            >
              {stepTitle(step.title, f.locale, step.key)}
              {step.key === current ? <Chip size="small" color="info" sx={{ ml: 1 }} label={translate('app.process.current')} /> : null}
            </StepLabel>
            <StepContent>
              {stepTasks.map((t) => (
                <Stack key={t.id} direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
                  <Typography variant="body2">
                    {names.get(t.id) ||
                      t.decision?.byName ||
                      (t.candidateRole
                        ? translate('app.task.role_pool', { role: translate(`app.roles.${t.candidateRole}`, { _: t.candidateRole }) })
                        : '—')}
                  </Typography>
                  {t.decision ? (
                    <DecisionChip decision={t.decision.decision} />
                  ) : (
                    <Chip size="small" variant="outlined" label={translate(`app.task_status.${t.status}`, { _: t.status })} />
                  )}
                  <Typography variant="caption" color="text.secondary">
                    {t.decision ? f.dateTime(t.decision.at) : `${translate('resources.tasks.fields.dueAt')} ${f.dateTime(t.dueAt)}`}
                  </Typography>
                </Stack>
              ))}
            </StepContent>
          </Step>
        );
      })}
    </Stepper>
  );
};

const ProcessTasks = ({ tasks, isPending }: { tasks: Task[]; isPending: boolean }) => {
  const listContext = useList({ data: tasks, isPending, resource: 'tasks', perPage: 100 });
  return (
    <ListContextProvider value={listContext}>
      <DataTable resource="tasks" rowClick="show" bulkActionButtons={false} empty={<Box sx={{ p: 2 }}>—</Box>}>
        <DataTable.Col source="title">
          <TextField source="title" />
        </DataTable.Col>
        <DataTable.Col source="assignee" disableSort>
          <AssigneeField />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <TaskStatusField />
        </DataTable.Col>
        <DataTable.Col source="dueAt" disableSort>
          <ZonedDateField source="dueAt" />
        </DataTable.Col>
        <DataTable.Col source="due" disableSort>
          <DueBadgeField />
          <EscalationField />
        </DataTable.Col>
        <DataTable.Col source="decision" disableSort>
          <DecisionField />
        </DataTable.Col>
        <DataTable.Col source="comment" disableSort>
          <TextField source="comment" emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </ListContextProvider>
  );
};

/** Phones: the process's tasks as a compact list. */
const ProcessTaskCards = ({ tasks }: { tasks: Task[] }) => {
  const translate = useTranslate();
  const f = useFormatters();
  if (!tasks.length) return <Box sx={{ p: 2 }}>—</Box>;
  return (
    <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />}>
      {tasks.map((t) => (
        <Box
          key={t.id}
          component={LinkBase}
          to={`/tasks/${encodeURIComponent(t.id)}/show`}
          sx={{ display: 'block', px: 2, py: 1, color: 'inherit', textDecoration: 'none' }}
        >
          <Typography variant="body2" sx={{ fontWeight: 600, wordBreak: 'break-word' }}>
            {t.title}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {t.assigneeName ??
              (t.candidateRole
                ? translate('app.task.role_pool', { role: translate(`app.roles.${t.candidateRole}`, { _: t.candidateRole }) })
                : '—')}
            {' · '}
            {t.decidedAt ? f.dateTime(t.decidedAt) : `${translate('resources.tasks.fields.dueAt')} ${f.dateTime(t.dueAt)}`}
          </Typography>
          <Stack direction="row" sx={{ gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
            {t.decision ? (
              <DecisionChip decision={t.decision} />
            ) : (
              <Chip size="small" variant="outlined" label={translate(`app.task_status.${t.status}`, { _: t.status })} />
            )}
            <DueBadge dueAt={t.dueAt} status={t.status} />
            <EscalationChip level={t.escalationLevel} />
          </Stack>
          {t.comment ? (
            <Typography variant="body2" sx={{ mt: 0.5, wordBreak: 'break-word' }}>
              “{t.comment}”
            </Typography>
          ) : null}
        </Box>
      ))}
    </Stack>
  );
};

const ProcessDetail = () => {
  const process = useRecordContext<Process>();
  const translate = useTranslate();
  const f = useFormatters();
  const info = useAppInfo();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const workflowId = process?.id ?? '';
  const { data: tasks = [], isPending: tasksPending } = useGetList<Task>(
    'tasks',
    { filter: { workflowId }, pagination: { page: 1, perPage: 200 }, sort: { field: 'createdAt', order: 'ASC' } },
    { enabled: !!workflowId },
  );
  const { events, context, isPending: eventsPending } = useTimeline(workflowId, process, tasks);
  if (!process) return null;
  const currentKey = process.state?.currentStep;
  const currentStep = currentKey
    ? currentKey === 'revise'
      ? translate('app.process.revise_step')
      : stepTitle(process.state?.steps?.find((s) => s.key === currentKey)?.title, f.locale, currentKey)
    : null;
  const temporalUrl = temporalWorkflowUrl(info, process.workflowId || process.id);
  const result =
    process.result && typeof process.result === 'object' && 'result' in (process.result as object)
      ? String((process.result as { result: unknown }).result)
      : typeof process.result === 'string'
        ? process.result
        : null;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, alignItems: { sm: 'center' }, mb: 2 }}>
            <Typography variant="h6" component="h2" sx={{ flex: 1, wordBreak: 'break-word' }}>
              {process.title}
            </Typography>
            <ProcessStatusChip
              status={process.status}
              data-testid="process-status"
              sx={{ alignSelf: { xs: 'flex-start', sm: 'center' } }}
            />
          </Stack>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, gap: 2 }}>
            <Item label="resources.processes.fields.processType">
              <ProcessTypeLabel type={process.processType} />
            </Item>
            <Item label="resources.processes.fields.currentStep" testId="process-current-step">
              {currentStep}
            </Item>
            <Item label="resources.processes.fields.round">{String(process.state?.round ?? process.round ?? 0)}</Item>
            <Item label="resources.processes.fields.submitterName">{process.submitterName}</Item>
            <Item label="resources.processes.fields.startedAt">{f.dateTime(process.startedAt)}</Item>
            <Item label="resources.processes.fields.endedAt">{process.endedAt ? f.dateTime(process.endedAt) : null}</Item>
            {process.seasonCode ? <Item label="resources.processes.fields.season">{process.seasonCode}</Item> : null}
            {result ? (
              <Item label="resources.processes.fields.result">
                <ProcessStatusChip status={result} />
              </Item>
            ) : null}
          </Box>
          <Stack direction="row" sx={{ gap: 1, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
            <ProcessActions process={process} />
            <Box sx={{ flex: 1 }} />
            {objectPath(process.processType, process.processId) ? (
              <Button
                size="small"
                component={LinkBase}
                to={objectPath(process.processType, process.processId)!}
                startIcon={<ObjectIcon />}
                data-testid="process-object-link"
              >
                {translate(`app.subject.open.${process.processType}`)}
              </Button>
            ) : null}
            {temporalUrl ? (
              <Button
                size="small"
                href={temporalUrl}
                target="_blank"
                rel="noopener noreferrer"
                endIcon={<OpenInNewIcon />}
                sx={{ textTransform: 'none' }}
                data-testid="temporal-link"
              >
                {translate('app.process.view_in_temporal')}
              </Button>
            ) : null}
          </Stack>
        </CardContent>
      </Card>
      {/* A general approval has no page of its own: its decisions are taken here too. */}
      {process.processType === 'approval' && process.status === 'running' ? (
        <OpenTasksCard workflowId={process.workflowId} version={`${process.status}:${tasks.length}`} testIdPrefix="process" live />
      ) : null}
      <Card sx={{ minWidth: 0 }}>
        <CardHeader title={translate('app.process.tasks')} slotProps={{ title: { variant: 'subtitle1' } }} />
        {isSmall ? <ProcessTaskCards tasks={tasks} /> : <ProcessTasks tasks={tasks} isPending={tasksPending} />}
      </Card>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: {
            xs: 'minmax(0, 1fr)',
            md: process.state?.steps?.length ? 'minmax(0, 3fr) minmax(0, 2fr)' : 'minmax(0, 1fr)',
          },
          gap: 2,
          alignItems: 'start',
        }}
      >
        <Card sx={{ minWidth: 0 }}>
          <CardHeader title={translate('app.process.timeline')} slotProps={{ title: { variant: 'subtitle1' } }} />
          <CardContent sx={{ pt: 0 }}>{eventsPending ? null : <Timeline events={events} context={context} />}</CardContent>
        </Card>
        {process.state?.steps?.length ? (
          <Card sx={{ minWidth: 0 }}>
            <CardHeader title={translate('app.process.steps')} slotProps={{ title: { variant: 'subtitle1' } }} />
            <CardContent sx={{ pt: 0 }}>
              <Steps process={process} tasks={tasks} />
            </CardContent>
          </Card>
        ) : null}
      </Box>
    </Stack>
  );
};

export const ProcessShow = () => (
  <Show title={<ProcessTitle />} component="div" actions={false}>
    <ProcessDetail />
  </Show>
);

export default ProcessShow;
