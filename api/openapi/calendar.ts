// The business calendar's years (issue 26): which years have official holidays, where the
// system's dates reach beyond them, and the admin's import of a year's official schedule.
import { common, errorResponse, json, ref } from './shared';

const gap = {
  type: 'object',
  properties: {
    year: { type: 'integer', example: 2027 },
    startsOn: { type: 'string', format: 'date' },
    daysUntil: { type: 'integer', description: 'days from today (business zone) to the year’s first day; 0 once it has begun' },
    reasons: {
      type: 'array',
      items: { type: 'string', enum: ['current_year', 'warning_window', 'open_tasks', 'settings'] },
      description:
        'current_year: today is in it; warning_window: it begins within calendar.warnDaysBefore days; open_tasks: open tasks are due in it or later; settings: the settings’ durations from today reach into it',
    },
    openTasks: { type: 'integer' },
    latestDueAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

export const calendarSchemas = {
  CalendarGap: gap,
  CalendarCoverage: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok', 'warning'] },
      today: { type: 'string', format: 'date' },
      knownThrough: {
        type: 'integer',
        nullable: true,
        description: 'the last year with official holidays, without a gap from this year on',
      },
      packageYears: { type: 'object', properties: { first: { type: 'integer' }, last: { type: 'integer' } } },
      importedYears: { type: 'array', items: { type: 'integer' } },
      warnDaysBefore: { type: 'integer' },
      settingsHorizon: { type: 'string', format: 'date-time' },
      gaps: { type: 'array', items: ref('CalendarGap') },
    },
  },
} as const;

export const calendarPaths = {
  '/api/calendar/coverage': {
    get: {
      summary:
        'The years the business calendar knows (chinese-days package, imported official schedules) and the years the system’s dates reach into without official holidays (working days there count weekends only). Read by the dashboard; staff',
      responses: { '200': json(ref('CalendarCoverage')), ...common },
    },
  },
  '/api/calendar/official-years': {
    get: {
      summary:
        'The package’s years and the official schedules imported (year, source ics|csv, fileName, holidays, workdays, importedAt, importedById); staff',
      responses: { '200': json({ type: 'object' }), ...common },
    },
  },
  '/api/calendar/official-years/{year}': {
    post: {
      summary:
        'Import a year’s official schedule (admin), replacing an earlier import of that year; the year then counts as known. ' +
        'ICS (text/calendar): each VEVENT’s DTSTART..DTEND (exclusive) days in the year; X-APPLE-SPECIAL-DAY ALTERNATE-WORKDAY / WORK-HOLIDAY decides, else a SUMMARY (or DESCRIPTION) naming work (班, 补班, 上班, workday, make-up) is a make-up working day and every other event a holiday (春节, 春节(休), 休, 放假); events outside the year are ignored. ' +
        'CSV (text/csv): header date, kind, name (日期, 类型, 名称); kind holiday / 休 / 假 / 放假 or workday / 班 / 补班 / 上班; every date in the year. ' +
        'A bad file: 422 invalid_schedule with details lines.<n> (ICS) or rows.<n> (CSV), nothing written. Then every process with an open task the changed dates may move gets the rescheduleDeadlines Update: business-day due times that now fall differently move (with their reminders and escalation), each on its timeline as due_rescheduled {taskId, oldDueAt, newDueAt}; absolute and calendar-day due times stay. A re-import that changes no date tells no process.',
      parameters: [
        { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } },
        { name: 'fileName', in: 'query', schema: { type: 'string' }, description: 'the uploaded file’s name, kept with the import' },
      ],
      requestBody: {
        required: true,
        content: { 'text/calendar': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
      },
      responses: {
        '200': json({
          type: 'object',
          properties: {
            year: { type: 'integer' },
            format: { type: 'string', enum: ['ics', 'csv'] },
            holidays: { type: 'integer' },
            workdays: { type: 'integer' },
            replaced: { type: 'boolean' },
            ignoredEvents: { type: 'integer' },
            changedDates: { type: 'array', items: { type: 'string', format: 'date' } },
            rescheduled: {
              type: 'object',
              properties: {
                processes: { type: 'integer', description: 'processes told' },
                moved: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      workflowId: { type: 'string' },
                      taskId: { type: 'string' },
                      oldDueAt: { type: 'string' },
                      newDueAt: { type: 'string' },
                    },
                  },
                },
                failed: {
                  type: 'array',
                  items: { type: 'object', properties: { workflowId: { type: 'string' }, error: { type: 'string' } } },
                },
              },
            },
          },
        }),
        '413': errorResponse('payload_too_large'),
        '422': errorResponse('invalid_schedule (details lines.<n> / rows.<n> / file) or validation_failed (year, empty body)'),
        ...common,
      },
    },
  },
  '/api/calendar/official-years/{year}/reschedule': {
    post: {
      summary:
        'Tell every process with an open task that may count a day of the year to recompute its business-day deadlines (admin): for processes an import listed under rescheduled.failed. Tasks already on the calendar’s deadlines do not move again',
      parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100 } }],
      responses: {
        '200': json({
          type: 'object',
          properties: {
            processes: { type: 'integer' },
            moved: { type: 'array', items: { type: 'object' } },
            failed: { type: 'array', items: { type: 'object' } },
          },
        }),
        '422': errorResponse('validation_failed (year)'),
        ...common,
      },
    },
  },
} as const;
