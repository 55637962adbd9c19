import { LinearProgress } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useGetList, useGetMany, useGetOne, usePermissions } from 'react-admin';
import { hasAnyRole, USER_READER_ROLES, useFormatters, type Process, type Task, type TimelineEvent } from '../common';
import type { AppDataProvider } from '../dataProvider';
import { Timeline, type TimelineContext } from '../processes/Timeline';

const USER_KEYS = ['assigneeId', 'toUserId', 'fromUserId', 'userId'];

const stepTitle = (title: Record<string, string> | undefined, locale: string, fallback: string) =>
  (title && (title[locale] ?? title[locale.startsWith('zh') ? 'zh-CN' : 'en'] ?? title['zh-CN'])) || fallback;

/**
 * The plan's approval run as a timeline (the component of the process pages), with the names
 * of tasks, people and steps; refetched whenever the plan changes.
 */
export const PlanTimeline = ({ workflowId, version }: { workflowId: string; version: string }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const f = useFormatters();
  const { permissions } = usePermissions();
  const { data: process } = useGetOne<Process>('processes', { id: workflowId }, { retry: false, meta: { version } });
  const { data: tasks = [] } = useGetList<Task>('tasks', {
    filter: { workflowId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'ASC' },
    meta: { version },
  });
  const { data: events = [], isPending } = useQuery<TimelineEvent[]>({
    queryKey: ['processes', 'timeline', workflowId, version],
    queryFn: () => dataProvider.getTimeline(workflowId),
  });
  const userIds = useMemo(() => {
    const ids = new Set<string>();
    for (const e of events) for (const k of USER_KEYS) if (typeof e.detail?.[k] === 'string') ids.add(e.detail[k] as string);
    return [...ids];
  }, [events]);
  const { data: users = [] } = useGetMany<{ id: string; name?: string; username?: string }>(
    'users',
    { ids: userIds },
    { enabled: userIds.length > 0 && hasAnyRole(permissions, USER_READER_ROLES) },
  );
  const context: TimelineContext = useMemo(
    () => ({
      tasks: new Map(tasks.map((t) => [t.id, { title: t.title, assigneeName: t.assigneeName }])),
      users: new Map(users.filter(Boolean).map((u) => [String(u.id), u.name ?? u.username ?? ''])),
      steps: new Map((process?.state?.steps ?? []).map((s) => [s.key, stepTitle(s.title, f.locale, s.key)])),
    }),
    [tasks, users, process, f.locale],
  );
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  return <Timeline events={events} context={context} />;
};

export default PlanTimeline;
