import { LinearProgress } from '@mui/material';
import { useGetList, useGetOne } from 'react-admin';
import type { Process, Task } from '../common';
import { Timeline } from '../processes/Timeline';
import { useTimeline } from '../processes/useTimeline';

/** The tasks of a booking's run (for its timeline and its open decisions). */
export const useBookingTasks = (workflowId: string, version: string) =>
  useGetList<Task>('tasks', {
    filter: { workflowId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'ASC' },
    meta: { version },
  });

/** The booking's run as a timeline (the component of the process pages), refetched when the booking changes. */
export const BookingTimeline = ({ workflowId, version }: { workflowId: string; version: string }) => {
  const { data: process } = useGetOne<Process>('processes', { id: workflowId }, { retry: false, meta: { version } });
  const { data: tasks = [] } = useBookingTasks(workflowId, version);
  const { events, context, isPending } = useTimeline(workflowId, process, tasks, version);
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  return <Timeline events={events} context={context} />;
};

export default BookingTimeline;
