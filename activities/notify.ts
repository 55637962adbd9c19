// Mail to people of a process: resolves the audience (users, or a task's assignee / role
// holders) and names, then sends one mail per recipient through sendMail, each keyed by
// `<key>:<userId>` so a retry of this activity sends only what is still unsent.
import type { MailParams, MailTemplateName } from '../domain/mail';
import type { Db } from '../lib/db/client';
import type { MailActivities } from './mail';
import type { TaskAudience, taskActivities } from './tasks';

type NameField = 'assigneeName' | 'fromName' | 'toName' | 'byName' | 'submitterName';

export interface NotifyInput {
  key: string;
  workflowId?: string;
  template: MailTemplateName;
  params: MailParams;
  /** Params to fill with a user's name, by user id (null: leave the line out). */
  names?: Partial<Record<NameField, string | null>>;
  userIds?: string[];
  audience?: TaskAudience;
}

export function notifyActivities(db: Db, mail: MailActivities, tasks: ReturnType<typeof taskActivities>) {
  return {
    /** Returns the users a mail went to (or already had gone to). */
    async notify(input: NotifyInput): Promise<{ userIds: string[] }> {
      const userIds = input.userIds ?? (input.audience ? await tasks.taskRecipients(input.audience) : []);
      const nameIds = Object.values(input.names ?? {}).filter((v): v is string => typeof v === 'string');
      const names = new Map(
        (await db.user.findMany({ where: { id: { in: nameIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
      );
      const params: MailParams = { ...input.params };
      for (const [field, id] of Object.entries(input.names ?? {}) as [NameField, string | null][]) {
        const name = id ? names.get(id) : undefined;
        if (name) params[field] = name;
      }
      const delivered: string[] = [];
      for (const userId of [...new Set(userIds)]) {
        const r = await mail.sendMail({ idempotencyKey: `${input.key}:${userId}`, toUserId: userId, template: input.template, params, workflowId: input.workflowId });
        if (r.status !== 'no_address' && r.status !== 'rejected') delivered.push(userId);
      }
      return { userIds: delivered };
    },
  };
}
