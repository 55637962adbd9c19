// The business calendar's message to running processes: after an admin imports a year's
// official schedule (POST /api/calendar/official-years/:year), the API sends this Update to each
// process with an open task the new calendar may move. The engine (workflows/engine/reschedule.ts)
// recomputes the business-day deadlines of its open tasks; a task whose due time moves gets the
// new one (row, timeline entry with the old and new due time), and its reminders and escalation
// restart on the new deadlines. Answered once all of that is written. The name is in histories: never rename.
import { defineUpdate } from '@temporalio/workflow';

export interface RescheduleDeadlinesInput {
  /** Why the calendar changed, for the timeline: an import of this year's official schedule. */
  reason: 'calendar_import';
  year: number;
  /** Who imported it. */
  actorId: string | null;
}

export interface RescheduledTask {
  taskId: string;
  oldDueAt: string;
  newDueAt: string;
}

export interface RescheduleDeadlinesResult {
  /** Tasks whose due time moved (their reminders and escalation moved with it). */
  moved: RescheduledTask[];
  /** Tasks whose reminder or escalation times alone moved. */
  retimed: string[];
}

export const rescheduleDeadlinesUpdate = defineUpdate<RescheduleDeadlinesResult, [RescheduleDeadlinesInput]>('rescheduleDeadlines');
