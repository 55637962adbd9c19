// The settings an administrator may change while the system runs (deadlines, reminders …).
import { common, errorResponse, json } from './shared';

export const settingSchemas = {
  Setting: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      key: { type: 'string' },
      value: {},
      default: {},
      description: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    },
  },
} as const;

export const settingPaths = {
  '/api/settings': {
    get: {
      summary: 'All settings with their current value, default and meaning',
      responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Setting' } }), ...common },
    },
  },
  '/api/settings/{key}': {
    get: {
      summary: 'One setting',
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': json({ $ref: '#/components/schemas/Setting' }), '404': errorResponse('Unknown key'), ...common },
    },
    put: {
      summary: 'Change a setting (admin); applies to processes started after it',
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['value'], properties: { value: {} } } } },
      },
      responses: {
        '200': json({ $ref: '#/components/schemas/Setting' }),
        '404': errorResponse('Unknown key'),
        '422': errorResponse('Value does not fit the setting'),
        ...common,
      },
    },
  },
} as const;
