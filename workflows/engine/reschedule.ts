// Rescheduling a run's open tasks when the business calendar changes under them (issue 26): an
// admin imports a year's official holidays, and a task whose due date was counted in business
// days over that year now falls differently. The API sends rescheduleDeadlinesUpdate
// (workflows/messages/calendar.ts); this layer, between the shared Updates and the engine's
// public face, handles it for every process:
// - it remembers how each open task's deadlines were counted (from, due, leads, escalation
//   steps, business days: what openTask gave the openTask activity);
// - on the Update it recomputes them with the same activity on today's calendar; a task whose
//   due time moves gets the new one in its row and a `due_rescheduled` timeline entry (old and
//   new due time) in one write, and its watch (reminders, escalation) restarts on the new
//   deadlines; a task whose reminder or escalation times alone moved gets a new watch only;
// - tasks counted in calendar days, and tasks with an absolute due time (a step's `dueAt`) keep
//   their due time.
// Moments of the new watch already past are sent at once only when the old watch had not sent
// them yet; an escalation level the task already reached is never repeated.
//
// Replay: the Update is new, so no earlier history holds it; until a run receives one, this
// layer adds no command (it records what openTask had anyway, and the watch runs as before),
// so runs in flight replay unchanged and need no patch. Runs on the write path before local
// writes (patched('engine-local-writes') false) keep their deadlines.
import type { AssigneeRef, Deadlines, StepSpec, TaskState } from '../../domain/approval';
import {
  rescheduleDeadlinesUpdate,
  type RescheduleDeadlinesInput,
  type RescheduleDeadlinesResult,
  type RescheduledTask,
} from '../messages/calendar';
import { EngineUpdates } from './updates';
import { writes as acts } from './writes';

/** How a task's deadlines were counted, as the openTask activity was asked. */
interface DeadlineSpec {
  from: string;
  due: string;
  /** An absolute due time: kept as it is, whatever the calendar. */
  dueAt?: string;
  leadTimes: string[];
  escalationSteps: string[];
  businessDays: boolean;
  /** false: the step asked for no reminders and no escalation. */
  escalate: boolean;
}

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

function sameMoments(a: Deadlines, b: Deadlines): boolean {
  const key = (d: Deadlines) =>
    JSON.stringify([d.reminders.map((r) => [r.lead, Date.parse(r.at)]), d.escalations.map((e) => [e.level, Date.parse(e.at)])]);
  return key(a) === key(b);
}

export abstract class EngineReschedule extends EngineUpdates {
  private readonly deadlineSpecs = new Map<string, DeadlineSpec>();
  /**
   * Each task's current watch: its generation (a new watch ends the one before), the deadlines it
   * watches, and after a reschedule the whole deadlines they were taken from (moments past left out).
   */
  private readonly watches = new Map<string, { generation: number; deadlines: Deadlines; counted?: Deadlines }>();

  protected override registerHandlers(): void {
    super.registerHandlers();
    this.onUpdate(rescheduleDeadlinesUpdate, (input) => this.rescheduleDeadlines(input));
  }

  protected override async openTask(step: StepSpec, assignee: AssigneeRef, slot: string, legacyDeadlines?: Deadlines): Promise<TaskState> {
    // The same instant and settings the engine's openTask gives the openTask activity.
    const spec: DeadlineSpec = {
      from: this.now(),
      ...this.dueOf(step),
      leadTimes: this.settings.leadTimes,
      escalationSteps: this.settings.escalationSteps,
      businessDays: this.settings.businessDays,
      escalate: step.escalate !== false,
    };
    const task = await super.openTask(step, assignee, slot, legacyDeadlines);
    if (this.local) this.deadlineSpecs.set(task.id, spec);
    return task;
  }

  /**
   * The engine's watch, made replaceable: the watch sees the task through a view whose status
   * reads as ended once a newer watch of the task has started, so it stops at its next moment
   * (or at once while it sleeps). Until then the view is the task itself.
   */
  protected override watch(task: TaskState, deadlines: Deadlines, opened?: { openedAt: string; leads: string[] }): Promise<void> {
    const generation = (this.watches.get(task.id)?.generation ?? 0) + 1;
    this.watches.set(task.id, { generation, deadlines });
    const current = () => this.watches.get(task.id)?.generation === generation;
    const view = new Proxy(task, {
      get: (t, key, receiver) => (key === 'status' && !current() ? 'cancelled' : Reflect.get(t, key, receiver)),
    });
    return super.watch(view, deadlines, opened);
  }

  protected async rescheduleDeadlines(input: RescheduleDeadlinesInput): Promise<RescheduleDeadlinesResult> {
    const moved: RescheduledTask[] = [];
    const retimed: string[] = [];
    const open = [...this.tasks.values()].filter((t) => {
      const spec = this.deadlineSpecs.get(t.id);
      return t.status === 'open' && spec?.businessDays && !spec.dueAt;
    });
    for (const task of open) {
      const spec = this.deadlineSpecs.get(task.id)!;
      const fresh = await acts.computeDeadlines({
        from: spec.from,
        due: spec.due,
        leadTimes: spec.leadTimes,
        escalationSteps: spec.escalationSteps,
        businessDays: spec.businessDays,
      });
      if (task.status !== 'open') continue; // decided meanwhile
      const deadlines = spec.escalate ? fresh : { ...fresh, reminders: [], escalations: [] };
      const watched = this.watches.get(task.id);
      const before = watched?.counted ?? watched?.deadlines ?? { dueAt: task.dueAt, reminders: [], escalations: [] };
      const dueMoved = !sameInstant(fresh.dueAt, task.dueAt);
      if (!dueMoved && sameMoments(before, deadlines)) continue;
      if (dueMoved) {
        const oldDueAt = task.dueAt;
        task.dueAt = new Date(fresh.dueAt).toISOString();
        await acts.rescheduleTask({
          taskId: task.id,
          dueAt: task.dueAt,
          audit: {
            idempotencyKey: this.nextAuditKey(),
            workflowId: this.process.workflowId,
            processType: this.process.processType,
            processId: this.process.processId,
            actorId: input.actorId,
            detail: { taskId: task.id, oldDueAt, newDueAt: task.dueAt, reason: input.reason, year: input.year },
            at: this.now(),
          },
        });
        moved.push({ taskId: task.id, oldDueAt, newDueAt: task.dueAt });
      } else retimed.push(task.id);
      if (task.status !== 'open') continue;
      void this.watch(task, this.pending(task, before, deadlines));
      this.watches.get(task.id)!.counted = deadlines;
    }
    return { moved, retimed };
  }

  /**
   * The new deadlines' moments still to come: those after now, and those already past under the
   * new calendar that the old watch had not reached yet (sent at once); never an escalation
   * level the task has reached.
   */
  private pending(task: TaskState, before: Deadlines, next: Deadlines): Deadlines {
    const now = Date.now();
    const oldReminder = new Map(before.reminders.map((r) => [r.lead, Date.parse(r.at)]));
    const oldEscalation = new Map(before.escalations.map((e) => [e.level, Date.parse(e.at)]));
    return {
      dueAt: next.dueAt,
      reminders: next.reminders.filter((r) => Date.parse(r.at) > now || (oldReminder.get(r.lead) ?? 0) > now),
      escalations: next.escalations.filter(
        (e) => e.level > task.escalationLevel && (Date.parse(e.at) > now || (oldEscalation.get(e.level) ?? 0) > now),
      ),
    };
  }
}
