// The engine's mail: queued through the outbox as regular activities, never awaited by a
// decision; the workflow ends only once all of it has gone out.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { TaskState } from '../../domain/approval';
import type { MailParams, MailTemplateName } from '../../domain/mail';
import { Timeline } from './timeline';
import { writes as acts } from './writes';

// Mail is retried until the SMTP server takes it (an outage delays mail, never loses it),
// and never holds up a decision: it goes out from the outbox (see send()).
const mailActs = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // sendMail heartbeats while it works: a worker killed mid-send is retried after 20 s, not 2 minutes.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Params to fill with a user's name, by user id (see the notify activity). */
type MailNames = Parameters<Activities['notify']>[0]['names'];

export abstract class EngineMail extends Timeline {
  /** Who a task's mail goes to: its assignee, or the holders of its role. */
  protected async recipients(task: TaskState): Promise<string[]> {
    if (task.assigneeId) return [task.assigneeId];
    return acts.taskRecipients({ assigneeId: null, candidateRole: task.candidateRole, candidateRegionId: task.candidateRegionId });
  }

  /** Queues mail to a franchisee's own address (statements, reminders) through the outbox. */
  mailFranchisee(template: MailTemplateName, franchiseeId: string, params: MailParams, bookingId?: string): void {
    const { workflowId, runId } = workflowInfo();
    this.mailSeq += 1;
    this.outbox.push(
      mailActs.notify({
        key: `${workflowId}:${runId}:mail:${this.mailSeq}`,
        workflowId,
        template,
        params,
        franchiseeId,
        ...(bookingId ? { bookingId } : {}),
      }),
    );
  }

  /** Queues mail to users (see send) for a process's own events. */
  mailUsers(template: MailTemplateName, userIds: string[], params: MailParams): void {
    this.send(template, userIds, params);
  }

  /**
   * Queues mail to users without waiting for it; `names` maps params to user ids to name.
   * Each mail is keyed by its position in this run, so a retry sends nothing twice.
   */
  protected send(template: MailTemplateName, userIds: string[], params: MailParams, names: MailNames = {}): void {
    if (!userIds.length) return;
    const { workflowId, runId } = workflowInfo();
    this.mailSeq += 1;
    this.outbox.push(mailActs.notify({ key: `${workflowId}:${runId}:mail:${this.mailSeq}`, workflowId, template, params, names, userIds }));
  }
}
