// Replays one recorded history (tests/replay/histories/*.json) on a workflow bundle, and when it
// does not replay, says which process and which event: the workflow type, the fixture file, the
// event's id and type and what it was (the activity, local activity or timer the history holds
// there), then the SDK's own message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

type History = temporal.api.history.v1.History;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const HISTORIES = path.join(__dirname, 'histories');

export function loadHistory(file: string): History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
}

/** The workflow type a history is of (from its first event). */
export function workflowTypeOf(history: History): string {
  return history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown workflow type';
}

/** True when the run the history records had ended when it was recorded; false for a run in flight. */
export function hasEnded(history: History): boolean {
  const last = history.events.at(-1);
  return (
    !!last?.workflowExecutionCompletedEventAttributes ||
    !!last?.workflowExecutionFailedEventAttributes ||
    !!last?.workflowExecutionCanceledEventAttributes ||
    !!last?.workflowExecutionTerminatedEventAttributes ||
    !!last?.workflowExecutionContinuedAsNewEventAttributes
  );
}

const EVENT_TYPES = temporal.api.enums.v1.EventType;

/** An event as a reader wants it: `12 EVENT_TYPE_ACTIVITY_TASK_SCHEDULED (activity sendMail)`. */
export function describeEvent(event: HistoryEvent): string {
  const id = String(event.eventId);
  const type = EVENT_TYPES[event.eventType ?? 0] ?? String(event.eventType);
  const what = (() => {
    const act = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (act) return `activity ${act}`;
    const timer = event.timerStartedEventAttributes;
    if (timer) return `timer ${timer.timerId}, ${Number(timer.startToFireTimeout?.seconds ?? 0)} s`;
    const marker = event.markerRecordedEventAttributes;
    if (marker) {
      // A local activity's marker holds its type in its data (core_local_activity).
      const data = marker.details?.data?.payloads?.[0]?.data;
      try {
        const parsed = data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }) : {};
        return parsed.activity_type ? `local activity ${parsed.activity_type}` : `marker ${marker.markerName}`;
      } catch {
        return `marker ${marker.markerName}`;
      }
    }
    const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name;
    if (child) return `child workflow ${child}`;
    const update = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    if (update) return `Update ${update}`;
    const signal = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (signal) return `signal ${signal}`;
    return null;
  })();
  return `${id} ${type}${what ? ` (${what})` : ''}`;
}

/**
 * Replays the fixture `file` on `bundle`. Resolves when it replays; rejects with the SDK's error
 * class (DeterminismViolationError for a nondeterministic change) and a message that names the
 * workflow type, the file and the event the code disagreed with.
 */
export async function replayFixture(bundle: WorkflowBundle, file: string): Promise<void> {
  const history = loadHistory(file);
  const type = workflowTypeOf(history);
  try {
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${file}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const event = eventNamed(history, message);
    // A local activity of another type: core names the recorded marker's type, not its event.
    const marker = /Activity type of recorded marker '([^']+)'/.exec(message)?.[1];
    const markers = marker ? history.events.filter((e) => describeEvent(e).endsWith(`(local activity ${marker})`)) : [];
    const where = event
      ? `at event ${describeEvent(event)} of ${history.events.length}; the history's next commands: ${nextCommands(history, event)}`
      : markers.length
        ? `at the marker of local activity ${marker} (event ${markers.map((e) => String(e.eventId)).join(' or ')} of ${history.events.length})`
        : `at an event the SDK does not name (of ${history.events.length})`;
    const text = `${type} (tests/replay/histories/${file}) does not replay on this code, ${where}. ${message}`;
    if (err instanceof DeterminismViolationError) throw new DeterminismViolationError(text);
    const wrapped = new Error(text);
    if (err instanceof Error) wrapped.name = err.name;
    throw wrapped;
  }
}

/** The event core's message is about: "HistoryEvent(id: 12, …)", or the activity of "scheduled event '11'" (an activity id). */
function eventNamed(history: History, message: string): HistoryEvent | undefined {
  const id = /HistoryEvent\(id: (\d+)/.exec(message)?.[1];
  if (id) return history.events.find((e) => String(e.eventId) === id);
  const activityId = /Activity id of scheduled event '([^']+)'/.exec(message)?.[1];
  if (activityId) return history.events.find((e) => e.activityTaskScheduledEventAttributes?.activityId === activityId);
  return undefined;
}

/** What the history did at and after `event`: its next few commands (activities, local activities, timers, children). */
function nextCommands(history: History, event: HistoryEvent): string {
  const after = history.events.filter(
    (e) =>
      Number(e.eventId) >= Number(event.eventId) &&
      (e.activityTaskScheduledEventAttributes ||
        e.markerRecordedEventAttributes ||
        e.timerStartedEventAttributes ||
        e.startChildWorkflowExecutionInitiatedEventAttributes),
  );
  return after.slice(0, 3).map(describeEvent).join(', ') || 'none';
}
