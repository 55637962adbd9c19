// The settings a process runs with, read once when it starts (a change applies to processes
// started after it). Shared by the workflows, which run with them, and the activities, which
// read them: a pure type here, so neither imports the other's modules for it.

/** What the approval engine needs for every task: due times, reminders, escalation, urging. */
export interface EngineSettings {
  defaultDue: string;
  businessDays: boolean;
  leadTimes: string[];
  /**
   * One reminder at the opening when every lead has passed (reminder.atOpening, see
   * domain/reminders.ts). Absent in the settings of runs begun before the key existed.
   */
  reminderAtOpening?: boolean;
  escalationSteps: string[];
  urgeMinInterval: string;
}

/**
 * Everything a process runs with: the engine's settings and each process's own timings, read
 * together by the engine's first activity when a run begins (beginProcess) and recorded in its
 * history. A process reads them from its engine (ApprovalEngine.settingsFor), never from
 * its input: the input carries the facts of the case (amounts, dates, people, a franchisee's
 * own payment window), not settings.
 */
export interface ProcessSettings extends EngineSettings {
  /** zone: TZ_BUSINESS as the run began, the zone of its payment dates (absent in runs begun before it was recorded). */
  booking: { reminderLeadTimes: string[]; zone?: string };
  shipment: { silenceTimeout: string; escalationLadder: string[] };
  goodsReturn: { transitTime: string; defectDue: string; accountingDue: string };
}

/** The processes with settings of their own in ProcessSettings. */
export type ProcessSection = Exclude<keyof ProcessSettings, keyof EngineSettings>;
