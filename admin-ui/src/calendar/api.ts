import { uploadFile } from '../common/api';
import { API_URL, httpClient } from '../httpClient';

/** GET /api/calendar/coverage (api/routes/calendar.ts). */
export interface CalendarGap {
  year: number;
  startsOn: string;
  daysUntil: number;
  reasons: string[];
  openTasks: number;
  latestDueAt: string | null;
}

export interface CalendarCoverage {
  status: 'ok' | 'warning';
  today: string;
  knownThrough: number | null;
  packageYears: { first: number; last: number };
  importedYears: number[];
  warnDaysBefore: number;
  gaps: CalendarGap[];
}

export interface OfficialYearImport {
  year: number;
  format: 'ics' | 'csv';
  holidays: number;
  workdays: number;
  replaced: boolean;
  changedDates: string[];
  rescheduled: { processes: number; moved: { workflowId: string; taskId: string }[]; failed: { workflowId: string; error: string }[] };
}

export const getCoverage = async (): Promise<CalendarCoverage> =>
  (await httpClient(`${API_URL}/calendar/coverage`)).json as CalendarCoverage;

export const importOfficialYear = async (year: number, file: File): Promise<OfficialYearImport> =>
  (await uploadFile(`${API_URL}/calendar/official-years/${year}?fileName=${encodeURIComponent(file.name)}`, file)) as OfficialYearImport;
