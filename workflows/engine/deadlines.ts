// A task's deadlines: its due time, the reminders before it and the escalation after it,
// each a durable timer that stops the moment the task is closed; and the same watch for a
// process's own calendar deadline (remindBefore).
import { condition, patched } from '@temporalio/workflow';
import { Duration } from 'luxon';
import type { Deadlines, TaskState } from '../../domain/approval';
import { EngineMail } from './mail';
import { withoutNull } from './withoutNull';
import { writes as acts } from './writes';

export abstract class TaskDeadlines extends EngineMail {
  protected async deadlinesFor(due: string | undefined): Promise<Deadlines> {
    return acts.computeDeadlines({
      from: this.now(),
      due: due ?? this.settings.defaultDue,
      leadTimes: this.settings.leadTimes,
      escalationSteps: this.settings.escalationSteps,
      businessDays: this.settings.businessDays,
    });
  }

  /** Sleeps to each reminder and escalation moment of a task; stops the moment it is closed. */
  protected async watch(task: TaskState, deadlines: Deadlines): Promise<void> {
    // Escalation climbs one level per interval: a level fired late (its moment passed while no
    // worker ran) moves the levels above it by as much, so they never fire at once. Watches
    // begun on older code fired every passed level in a row, as their histories record.
    const spaced = patched('task-escalation-one-level-per-interval');
    let late = 0;
    const escalation = (e: Deadlines['escalations'][number]) => ({
      get at() {
        return Date.parse(e.at) + late;
      },
      order: 1,
      fire: () => {
        if (spaced) late = Math.max(late, Date.now() - Date.parse(e.at));
        return this.escalate(task, e.level);
      },
    });
    const moments = [
      ...deadlines.reminders.map((r) => ({ at: Date.parse(r.at), order: 0, fire: () => this.remind(task, r.lead) })),
      ...deadlines.escalations.map(escalation),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    await this.atMoments(moments, () => task.status !== 'open');
  }

  /**
   * Reminds before a deadline counted in calendar time, not in the task settings' business
   * days (a booking's payment deadline, as the franchisee counts it): at each lead before the
   * deadline, unless `over()` holds by then, calls remind(lead). A moment already past when
   * its turn comes is skipped, not sent late. Runs beside the process's own wait for the deadline.
   */
  async remindBefore(deadline: string, leads: string[], over: () => boolean, remind: (lead: string) => Promise<void>): Promise<void> {
    const moments = leads
      .map((lead) => ({ at: Date.parse(deadline) - Duration.fromISO(lead).toMillis(), fire: () => remind(lead) }))
      .sort((a, b) => a.at - b.at);
    await this.atMoments(moments, over, { skipPassed: true });
  }

  /** Sleeps to each moment in turn and fires it; stops for good the moment `over()` holds. */
  private async atMoments(
    moments: { at: number; fire: () => Promise<void> }[],
    over: () => boolean,
    opts: { skipPassed?: boolean } = {},
  ): Promise<void> {
    for (const m of moments) {
      const wait = m.at - Date.now();
      if (wait <= 0 && opts.skipPassed) continue;
      if (wait > 0 && (await condition(over, wait))) return;
      if (over()) return;
      await m.fire();
    }
  }

  protected async remind(task: TaskState, lead: string): Promise<void> {
    const to = await this.recipients(task);
    this.send('task_reminder', to, {
      processTitle: this.process.title,
      taskTitle: task.title,
      dueAt: task.dueAt,
      lead,
      link: this.taskLink(task),
    });
    await this.audit('reminder_sent', {}, { taskId: task.id, lead, to });
  }

  /** Level 1 tells the superior; every later level hands the task one level higher. */
  protected async escalate(task: TaskState, level: number): Promise<void> {
    const target = await acts.resolveEscalationTarget({
      assigneeId: task.assigneeId,
      candidateRole: task.candidateRole,
      candidateRegionId: task.candidateRegionId,
    });
    if (task.status !== 'open') return;
    if (!target) {
      await this.audit('escalation_skipped', {}, { taskId: task.id, level, reason: 'no superior' });
      return;
    }
    task.escalationLevel = level;
    const common = { processTitle: this.process.title, taskTitle: task.title, dueAt: task.dueAt, level, link: this.taskLink(task) };
    if (level === 1) {
      await acts.markEscalated({ taskId: task.id, level });
      await this.audit(
        'escalated',
        {},
        withoutNull({ taskId: task.id, level, action: 'notified', toUserId: target.userId, assigneeId: task.assigneeId }),
      );
      this.send('task_overdue', [target.userId], common, { assigneeName: task.assigneeId });
      return;
    }
    const from = task.assigneeId;
    task.assigneeId = target.userId;
    task.candidateRole = null;
    task.candidateRegionId = null;
    await acts.reassignTask({ taskId: task.id, toUserId: target.userId, fromUserId: from, escalationLevel: level });
    await this.audit(
      'escalated',
      {},
      withoutNull({ taskId: task.id, level, action: 'reassigned', fromUserId: from, toUserId: target.userId }),
    );
    this.send('task_reassigned', [target.userId], { ...common, reason: 'escalation' }, { fromName: from });
  }
}
