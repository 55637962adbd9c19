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
  /** Also (or only) to this franchisee's own e-mail address. */
  franchiseeId?: string;
  /** Fills the booking's figures and lines into the params (see bookingMailParams). */
  bookingId?: string;
}

/** Params a mail about a booking carries, read when it is first sent. */
export type BookingMailParams = (bookingId: string) => Promise<MailParams>;

export function notifyActivities(
  db: Db,
  mail: MailActivities,
  tasks: ReturnType<typeof taskActivities>,
  bookingParams?: BookingMailParams,
) {
  return {
    /** Returns the users a mail went to (or already had gone to). */
    async notify(input: NotifyInput): Promise<{ userIds: string[] }> {
      const userIds = input.userIds ?? (input.audience ? await tasks.taskRecipients(input.audience) : []);
      const nameIds = Object.values(input.names ?? {}).filter((v): v is string => typeof v === 'string');
      const names = new Map(
        (await db.user.findMany({ where: { id: { in: nameIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
      );
      const params: MailParams = { ...(input.bookingId && bookingParams ? await bookingParams(input.bookingId) : {}), ...input.params };
      for (const [field, id] of Object.entries(input.names ?? {}) as [NameField, string | null][]) {
        const name = id ? names.get(id) : undefined;
        if (name) params[field] = name;
      }
      const delivered: string[] = [];
      for (const userId of [...new Set(userIds)]) {
        const r = await mail.sendMail({
          idempotencyKey: `${input.key}:${userId}`,
          toUserId: userId,
          template: input.template,
          params,
          workflowId: input.workflowId,
        });
        if (r.status !== 'no_address' && r.status !== 'rejected') delivered.push(userId);
      }
      if (input.franchiseeId) {
        const f = await db.franchisee.findUnique({ where: { id: input.franchiseeId }, select: { email: true, name: true } });
        if (f) {
          await mail.sendMail({
            idempotencyKey: `${input.key}:franchisee:${input.franchiseeId}`,
            to: { email: f.email, name: f.name },
            template: input.template,
            params: { ...params, franchiseeName: params.franchiseeName ?? f.name },
            workflowId: input.workflowId,
          });
        }
      }
      return { userIds: delivered };
    },
  };
}
