import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useDataProvider, useGetMany, usePermissions } from 'react-admin';
import { hasAnyRole, USER_READER_ROLES, useFormatters, type Process, type Task, type TimelineEvent } from '../common';
import type { AppDataProvider } from '../dataProvider';
import type { TimelineContext } from './Timeline';

/** Fields of an event's detail that name a user. */
const USER_KEYS = ['assigneeId', 'toUserId', 'fromUserId', 'userId'];

/** A step's title in the current locale, falling back to Chinese, then to its key. */
export const stepTitle = (title: Record<string, string> | undefined, locale: string, fallback: string) =>
  (title && (title[locale] ?? title[locale.startsWith('zh') ? 'zh-CN' : 'en'] ?? title['zh-CN'])) || fallback;

/**
 * A process run's timeline events, with what the Timeline needs to name their tasks, people
 * and steps. `version` refetches when the page's record changes (e.g. a plan being decided).
 */
export function useTimeline(workflowId: string, process: Process | undefined, tasks: Task[], version?: string) {
  const dataProvider = useDataProvider<AppDataProvider>();
  const f = useFormatters();
  const { permissions } = usePermissions();
  const { data: events = [], isPending } = useQuery<TimelineEvent[]>({
    queryKey: ['processes', 'timeline', workflowId, version],
    queryFn: () => dataProvider.getTimeline(workflowId),
    enabled: !!workflowId,
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
  return { events, context, isPending };
}
