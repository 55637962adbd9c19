import { LinearProgress } from '@mui/material';
import { useGetList, useGetOne } from 'react-admin';
import type { Process, Task } from '../common';
import { Timeline } from '../processes/Timeline';
import { useTimeline } from '../processes/useTimeline';

/**
 * The plan's approval run as a timeline (the component of the process pages), with the names
 * of tasks, people and steps; refetched whenever the plan changes.
 */
export const PlanTimeline = ({ workflowId, version }: { workflowId: string; version: string }) => {
  const { data: process } = useGetOne<Process>('processes', { id: workflowId }, { retry: false, meta: { version } });
  const { data: tasks = [] } = useGetList<Task>('tasks', {
    filter: { workflowId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'ASC' },
    meta: { version },
  });
  const { events, context, isPending } = useTimeline(workflowId, process, tasks, version);
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  return <Timeline events={events} context={context} />;
};

export default PlanTimeline;
