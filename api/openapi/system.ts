// The deployment itself: its health, this document, what it runs on, and the mail it captured
// when no SMTP server is set (development).
import { common, errorResponse, json, listParams } from './shared';

export const healthPaths = {
  '/health': {
    get: {
      security: [],
      summary:
        'Liveness of the database and Temporal. `calendar` warns of years the business calendar has no official holidays for while the system’s dates reach into them (see GET /api/calendar/coverage; status unknown when the database is down); a warning never changes the status',
      responses: {
        '200': json({
          type: 'object',
          example: {
            status: 'ok',
            db: 'ok',
            temporal: 'ok',
            calendar: {
              status: 'warning',
              knownThrough: 2026,
              gaps: [{ year: 2027, startsOn: '2027-01-01', daysUntil: 17, reasons: ['warning_window'], openTasks: 0, latestDueAt: null }],
            },
          },
        }),
        '503': json({ type: 'object', example: { status: 'down', db: 'ok', temporal: 'down', down: ['temporal'] } }, 'Something is down'),
      },
    },
  },
  '/api/openapi.json': { get: { security: [], summary: 'This document', responses: { '200': json({ type: 'object' }) } } },
} as const;

export const infoPaths = {
  '/api/info': {
    get: {
      summary: 'About this deployment: Temporal Web UI address (null when unknown), namespace, business time zone',
      responses: {
        '200': json({
          type: 'object',
          properties: {
            temporalUiUrl: { type: 'string', nullable: true },
            temporalNamespace: { type: 'string' },
            tzBusiness: { type: 'string' },
            mailCaptured: { type: 'boolean' },
          },
        }),
        ...common,
      },
    },
  },
} as const;

export const devMailSchemas = {
  Mail: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      text: { type: 'string' },
      sentAt: { type: 'string', format: 'date-time' },
      status: { type: 'string' },
    },
  },
} as const;

export const devMailPaths = {
  '/api/dev/mails': {
    get: {
      summary: 'Mail captured when SMTP_URL is unset (newest first; filter: to)',
      parameters: listParams,
      responses: {
        '200': json({ type: 'array', items: { $ref: '#/components/schemas/Mail' } }),
        '404': errorResponse('SMTP_URL is set'),
        ...common,
      },
    },
  },
} as const;
