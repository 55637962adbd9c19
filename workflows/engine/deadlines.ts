// A task's deadlines: its due time, the reminders before it and the escalation after it,
// each a durable timer that stops the moment the task is closed; and the same watch for a
// process's own calendar deadline (remindBefore).
import { condition, patched } from '@temporalio/workflow';
import { Duration } from 'luxon';
import type { Deadlines, StepSpec, TaskState } from '../../domain/approval';
import { planReminders, type PlannedReminder } from '../../domain/reminders';
import { EngineMail } from './mail';
import { withoutNull } from './withoutNull';
import { writes as acts } from './writes';

export abstract class TaskDeadlines extends EngineMail {
  /** A step's due time as the deadlines take it: its absolute `dueAt` exactly, else its duration (or the default). */
  protected dueOf(step: Pick<StepSpec, 'due' | 'dueAt'>): { due: string; dueAt?: string } {
    return { due: step.due ?? this.settings.defaultDue, ...(step.dueAt ? { dueAt: step.dueAt } : {}) };
  }

  /** Runs on older code computed a step's deadlines in an activity of their own, before its tasks. */
  protected async deadlinesFor(step: Pick<StepSpec, 'due' | 'dueAt'>): Promise<Deadlines> {
    return acts.computeDeadlines({
      from: this.now(),
      ...this.dueOf(step),
      leadTimes: this.settings.leadTimes,
      escalationSteps: this.settings.escalationSteps,
      businessDays: this.settings.businessDays,
    });
  }

  /** Whether a reminder goes out at the opening when every lead has passed (reminder.atOpening). */
  private get remindAtOpening(): boolean {
    return this.settings.reminderAtOpening !== false;
  }

  /**
   * Sleeps to each reminder and escalation moment of a task; stops the moment it is closed.
   * The reminders follow the engine's rule (planReminders, domain/reminders.ts) from the
   * task's opening, `openedAt`, with the configured `leads` (none for a step without
   * reminders); runs begun before that rule fire the reminders they were given.
   */
  protected async watch(task: TaskState, deadlines: Deadlines, opened?: { openedAt: string; leads: string[] }): Promise<void> {
    const reminders: PlannedReminder[] =
      this.remindersByRule && opened
        ? planReminders({
            leads: opened.leads,
            moments: deadlines.reminders.map((r) => ({ lead: r.lead, at: Date.parse(r.at) })),
            openedAt: Date.parse(opened.openedAt),
            dueAt: Date.parse(deadlines.dueAt),
            atOpening: this.remindAtOpening,
          })
        : deadlines.reminders.map((r) => ({ lead: r.lead, at: Date.parse(r.at) }));
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
      ...reminders.map((r) => ({ at: r.at, order: 0, fire: () => this.remind(task, r.lead, !!r.opening) })),
      ...deadlines.escalations.map(escalation),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    await this.atMoments(moments, () => task.status !== 'open');
  }

  /**
   * Reminds before a deadline counted in calendar time, not in the task settings' business
   * days (a booking's payment deadline, as the franchisee counts it): at each lead before the
   * deadline, unless `over()` holds by then, calls remind(lead, opening). The reminders follow
   * the engine's rule from the moment this is called (planReminders, domain/reminders.ts): a
   * lead already passed is not sent, late or at once, the next one ahead stands for it, and when
   * every lead has passed one goes out now (opening: true; off with reminder.atOpening).
   * Runs begun before that rule skip passed moments and send none at the start.
   * Runs beside the process's own wait for the deadline.
   */
  async remindBefore(
    deadline: string,
    leads: string[],
    over: () => boolean,
    remind: (lead: string, opening: boolean) => Promise<void>,
  ): Promise<void> {
    const dueAt = Date.parse(deadline);
    const all = leads.map((lead) => ({ lead, at: dueAt - Duration.fromISO(lead).toMillis() }));
    if (this.remindersByRule) {
      const planned = planReminders({ leads, moments: all, openedAt: Date.now(), dueAt, atOpening: this.remindAtOpening });
      const moments = planned.map((r) => ({ at: r.at, fire: () => remind(r.lead, !!r.opening) }));
      await this.atMoments(moments, over);
      return;
    }
    const moments = all.map((m) => ({ at: m.at, fire: () => remind(m.lead, false) })).sort((a, b) => a.at - b.at);
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

  /** A reminder of `lead`; at the opening (`opening`) the mail says "due soon" with the due time, not a lead it no longer has. */
  protected async remind(task: TaskState, lead: string, opening = false): Promise<void> {
    const to = await this.recipients(task);
    this.send('task_reminder', to, {
      processTitle: this.process.title,
      taskTitle: task.title,
      dueAt: task.dueAt,
      ...(opening ? {} : { lead }),
      link: this.taskLink(task),
    });
    await this.audit('reminder_sent', {}, { taskId: task.id, lead, to, ...(opening ? { opening: true } : {}) });
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
