// The engine's reminder rule, for every process: which reminders a task (or a process's own
// deadline, a booking's payment deadline) gets when its lead times meet the time it opens.
// Pure: no I/O, no clock; workflow code may import it.
import { Duration } from 'luxon';

/** A reminder `lead` before the due time, at `at` (epoch ms). */
export interface ReminderMoment {
  lead: string;
  at: number;
}

/** A reminder to send: at its lead's moment, or once at the opening (`opening`). */
export interface PlannedReminder extends ReminderMoment {
  /** Sent when the task opened, standing in for leads that had all passed by then. */
  opening?: true;
}

/**
 * The reminders of a task (or a deadline) that opens at `openedAt` and is due at `dueAt`,
 * given one moment per configured lead (due − lead; the engine passes those still ahead and
 * may pass those already passed too):
 *
 * - a moment strictly after the opening is sent at its time (chronological, one per instant:
 *   the first-listed lead wins a tie);
 * - a moment at or before the opening is not sent, neither late nor at once: the next moment
 *   still ahead stands for it (leads P3D, P1D on a two-day window: one reminder, 1 day before);
 * - when no moment lies ahead (the window is shorter than every lead) but leads are set and the
 *   due time still lies ahead, one reminder is sent at the opening (lead: the shortest lead),
 *   unless `atOpening` is false (setting `reminder.atOpening`). A task already due when it
 *   opens gets none: reminders come before the due time; escalation takes over after it.
 */
export function planReminders(input: {
  /** The configured lead times (ISO-8601 durations); none: no reminder at all. */
  leads: string[];
  /** The moments of those leads that are known (at least those after the opening). */
  moments: ReminderMoment[];
  openedAt: number;
  dueAt: number;
  atOpening: boolean;
}): PlannedReminder[] {
  const seen = new Set<number>();
  const ahead = input.moments
    .filter((m) => m.at > input.openedAt)
    .sort((a, b) => a.at - b.at) // stable: the first-listed lead wins a tie
    .filter((m) => (seen.has(m.at) ? false : (seen.add(m.at), true)));
  if (ahead.length || !input.leads.length || !input.atOpening || input.dueAt <= input.openedAt) return ahead;
  const shortest = [...input.leads].sort((a, b) => Duration.fromISO(a).toMillis() - Duration.fromISO(b).toMillis())[0]!;
  return [{ lead: shortest, at: input.openedAt, opening: true }];
}
