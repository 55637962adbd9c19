import { Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { Task } from '../common';
import { OpenTasksPanel } from '../common/ProcessTasks';
import { TaskActions } from '../tasks/TaskActions';

/** Whether the user may decide a task (as the API's mayDecide: admin, the assignee, or a holder of its role). */
export const useMayDecide = () => {
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const roles: string[] = Array.isArray(permissions) ? permissions.map(String) : [];
  return (t: Task) =>
    roles.includes('admin') ||
    (t.assigneeId ? String(t.assigneeId) === String(identity?.id) : !!t.candidateRole && roles.includes(t.candidateRole));
};

/**
 * The open tasks of an adjustment's or a return's run (as far as the user may see them): their
 * decision buttons (approve / reject, acknowledge, repair / write off / return to head office,
 * booked) for those who may decide them, else whom they wait for. `testIdPrefix`: price, return.
 * While the run is `live`, its tasks are re-read every few seconds: a step's task is created just
 * after the record changes (and a return's next step after its shipment is reconciled elsewhere).
 */
export const OpenTasksCard = ({
  workflowId,
  version,
  testIdPrefix,
  live = false,
}: {
  workflowId: string;
  version: string;
  testIdPrefix: string;
  live?: boolean;
}) => {
  const translate = useTranslate();
  const mayDecide = useMayDecide();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: ['tasks', 'getList'] }), 2500);
    return () => clearInterval(timer);
  }, [live, queryClient]);
  // A new version of the record re-reads the tasks in place (a new query key would drop the list
  // while loading, and with it a decision dialog the user has open).
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['tasks', 'getList'] });
  }, [version, queryClient]);
  const waitingFor = (t: Task) =>
    t.assigneeName ??
    (t.candidateRole ? translate('app.task.role_pool', { role: translate(`app.roles.${t.candidateRole}`, { _: t.candidateRole }) }) : '—');
  return (
    <OpenTasksPanel
      workflowId={workflowId}
      version="open-tasks"
      testIdPrefix={testIdPrefix}
      title="app.price.open_tasks"
      renderActions={(t) =>
        mayDecide(t) ? (
          <TaskActions task={t} withDelegate={false} withSubject={false} />
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid={`${testIdPrefix}-task-waiting`}>
            {translate('app.price.waiting_for', { who: waitingFor(t) })}
          </Typography>
        )
      }
    />
  );
};
