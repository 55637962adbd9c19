import { LinearProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useGetList, useGetOne } from 'react-admin';
import type { Process, Task } from '../common';
import { Timeline } from '../processes/Timeline';
import { useTimeline } from '../processes/useTimeline';

/** The tasks of a shipment's run (its timeline and its open decisions: delay follow-ups, scan-in, discrepancy). */
export const useShipmentTasks = (workflowId: string, version: string) =>
  useGetList<Task>('tasks', {
    filter: { workflowId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'ASC' },
    meta: { version },
  });

/**
 * The shipment's run as a timeline (the component of the process pages), refetched when the
 * shipment changes and, while it is `live`, every few seconds: the run writes its first rows just
 * after the shipment is created, and tasks and mail come and go without the shipment changing.
 */
export const ShipmentTimeline = ({ workflowId, version, live = false }: { workflowId: string; version: string; live?: boolean }) => {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: ['processes', 'timeline', workflowId] });
      void queryClient.invalidateQueries({ queryKey: ['processes', 'getOne'] });
    }, 5000);
    return () => clearInterval(timer);
  }, [live, workflowId, queryClient]);
  const { data: process } = useGetOne<Process>('processes', { id: workflowId }, { retry: false, meta: { version } });
  const { data: tasks = [] } = useShipmentTasks(workflowId, version);
  const { events, context, isPending } = useTimeline(workflowId, process, tasks, version);
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  return <Timeline events={events} context={context} />;
};

export default ShipmentTimeline;
