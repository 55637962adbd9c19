// The settings a process runs with, read once when it starts (a change applies to processes
// started after it). Shared by the workflows, which run with them, and the activities, which
// read them: a pure type here, so neither imports the other's modules for it.

/** What the approval engine needs for every task: due times, reminders, escalation, urging. */
export interface EngineSettings {
  defaultDue: string;
  businessDays: boolean;
  leadTimes: string[];
  escalationSteps: string[];
  urgeMinInterval: string;
}
