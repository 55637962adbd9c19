import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { LinkBase, useGetList, useGetOne, useTranslate } from 'react-admin';
import { Timeline } from '../processes/Timeline';
import { useTimeline } from '../processes/useTimeline';
import { DueBadge } from './fields';
import { SectionCard } from './ShowParts';
import type { Process, Task } from './types';

/**
 * The run behind a record on its show page: its tasks, its open tasks to act on, its timeline.
 * (Not exported from common/index: it uses the process pages' components, which use common.)
 */

/** The tasks of a record's run (for its timeline and its open decisions), refetched when `version` changes. */
export const useProcessTasks = (workflowId: string, version: string) =>
  useGetList<Task>('tasks', {
    filter: { workflowId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'ASC' },
    meta: { version },
  });

/**
 * The run as a timeline (the component of the process pages), refetched when the record changes
 * and, while it is `live`, every few seconds with its tasks (tasks and mail come and go without the record changing).
 */
export const ProcessTimeline = ({ workflowId, version, live = false }: { workflowId: string; version: string; live?: boolean }) => {
  const queryClient = useQueryClient();
  const { data: process } = useGetOne<Process>('processes', { id: workflowId }, { retry: false, meta: { version } });
  // The record may reach its last state a moment before the run records its end: keep polling until the run has ended.
  const polling = live || process?.status === 'running';
  useEffect(() => {
    if (!polling) return undefined;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: ['processes', 'timeline', workflowId] });
      void queryClient.invalidateQueries({ queryKey: ['processes', 'getOne'] });
      // A task can open after the record last changed (a discrepancy after the receipt): re-read them too.
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'getList'] });
    }, 5000);
    return () => clearInterval(timer);
  }, [polling, workflowId, queryClient]);
  const { data: tasks = [] } = useProcessTasks(workflowId, version);
  const { events, context, isPending } = useTimeline(workflowId, process, tasks, version);
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  return <Timeline events={events} context={context} />;
};

/** The timeline card of a show page (`<testIdPrefix>-timeline`). */
export const TimelineCard = ({ testIdPrefix, children }: { testIdPrefix: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <SectionCard title={translate('app.process.timeline')} testId={`${testIdPrefix}-timeline`}>
      {children}
    </SectionCard>
  );
};

/**
 * The open tasks of a record's run (`<prefix>-open-tasks`, each `<prefix>-open-task`): title
 * linking to the task, due badge, and what `renderActions` puts under it. Nothing when none is open.
 */
export const OpenTasksPanel = ({
  workflowId,
  version,
  testIdPrefix: p,
  title,
  renderActions,
}: {
  workflowId: string;
  version: string;
  testIdPrefix: string;
  title: string;
  renderActions: (task: Task) => ReactNode;
}) => {
  const translate = useTranslate();
  const { data: tasks = [] } = useProcessTasks(workflowId, version);
  const open = tasks.filter((t: Task) => t.status === 'open');
  if (!open.length) return null;
  return (
    <SectionCard title={translate(title)} testId={`${p}-open-tasks`}>
      <Stack spacing={1.5}>
        {open.map((t) => (
          <Box key={t.id} data-testid={`${p}-open-task`} data-task-id={t.id} data-step={t.stepKey}>
            <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
              <Typography variant="body2" component={LinkBase} to={`/tasks/${encodeURIComponent(t.id)}/show`} sx={{ fontWeight: 600 }}>
                {t.title}
              </Typography>
              <DueBadge dueAt={t.dueAt} status={t.status} />
            </Stack>
            {renderActions(t)}
          </Box>
        ))}
      </Stack>
    </SectionCard>
  );
};
