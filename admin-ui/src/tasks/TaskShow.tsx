import ClaimIcon from '@mui/icons-material/PanTool';
import ProcessIcon from '@mui/icons-material/AccountTree';
import { Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import {
  Labeled,
  LinkBase,
  Show,
  TextField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useGetIdentity,
} from 'react-admin';
import {
  AssigneeField,
  DecisionField,
  DueBadge,
  EscalationChip,
  ProcessTypeField,
  TaskStatusField,
  ZonedDateField,
  errorMessage,
  type Task,
} from '../common';
import type { AppDataProvider } from '../dataProvider';
import { SubjectContent, SubjectLink } from './subject/SubjectContent';
import { TaskActions } from './TaskActions';

const TaskTitle = () => {
  const record = useRecordContext<Task>();
  const translate = useTranslate();
  return <>{record ? `${translate('resources.tasks.name', { smart_count: 1 })}: ${record.title}` : ''}</>;
};

/** A role task nobody holds yet: take it as one's own. */
const ClaimButton = ({ task }: { task: Task }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { identity } = useGetIdentity();
  const claim = useMutation({
    mutationFn: () => dataProvider.claimTask(task.id),
    onSuccess: () => {
      notify('app.task.claimed', { type: 'success' });
      refresh();
    },
    onError: (error) => {
      notify(errorMessage(error, translate), { type: 'error' });
      refresh();
    },
  });
  if (task.status !== 'open' || task.assigneeId || !task.candidateRole || !identity) return null;
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<ClaimIcon />}
      onClick={() => claim.mutate()}
      disabled={claim.isPending}
      data-testid="claim-button"
    >
      {translate('app.action.claim')}
    </Button>
  );
};

const TaskDetail = () => {
  const task = useRecordContext<Task>();
  const translate = useTranslate();
  if (!task) return null;
  // One minmax(0, 1fr) column: the content's wide tables scroll inside the card on a phone.
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Card sx={{ minWidth: 0 }}>
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
            <Typography variant="h6" sx={{ flex: '1 1 auto', minWidth: 200 }}>
              {task.title}
            </Typography>
            <TaskStatusField />
            <DueBadge dueAt={task.dueAt} status={task.status} />
            <EscalationChip level={task.escalationLevel} />
          </Stack>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' },
              gap: 2,
            }}
          >
            <Labeled source="processType">
              <ProcessTypeField />
            </Labeled>
            <Labeled source="processTitle">
              <TextField source="processTitle" emptyText="—" />
            </Labeled>
            <Labeled source="assignee">
              <AssigneeField />
            </Labeled>
            <Labeled source="dueAt">
              <ZonedDateField source="dueAt" />
            </Labeled>
            <Labeled source="createdAt">
              <ZonedDateField source="createdAt" />
            </Labeled>
            <Labeled source="round">
              <TextField source="round" emptyText="0" />
            </Labeled>
            <Labeled source="decision">
              <DecisionField />
            </Labeled>
            <Labeled source="decidedAt">
              <ZonedDateField source="decidedAt" />
            </Labeled>
            <Labeled source="comment">
              <TextField source="comment" emptyText="—" />
            </Labeled>
          </Box>
          {task.content ? (
            <>
              <Divider sx={{ my: 2 }} />
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
                <Typography variant="subtitle1" sx={{ flex: 1 }}>
                  {translate('app.subject.content_title')}
                </Typography>
                {/* A general approval's object is its process: the process link below is the one. */}
                {task.content.ref.resource !== 'processes' ? <SubjectLink subject={task.content} /> : null}
              </Stack>
              <SubjectContent content={task.content} />
            </>
          ) : null}
          <Divider sx={{ my: 2 }} />
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            <TaskActions task={task} size="medium" withSubject={!task.content} />
            <ClaimButton task={task} />
            <Box sx={{ flex: 1 }} />
            <Button
              component={LinkBase}
              to={`/processes/${encodeURIComponent(task.workflowId)}/show`}
              startIcon={<ProcessIcon />}
              data-testid="task-process-link"
            >
              {translate('app.task.open_process')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};

export const TaskShow = () => (
  <Show title={<TaskTitle />} component="div" actions={false}>
    <TaskDetail />
  </Show>
);

export default TaskShow;
