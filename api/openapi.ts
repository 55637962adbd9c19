// The OpenAPI 3 document served at GET /api/openapi.json: everything the API offers.
// The public contract (../shared/API.md) is the stable subset of it.

const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const listParams = [
  { name: 'filter', in: 'query', schema: { type: 'string' }, description: 'JSON object of filters' },
  { name: 'range', in: 'query', schema: { type: 'string' }, description: 'JSON [start, end], inclusive' },
  { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'JSON ["field", "ASC"|"DESC"]' },
];
const common = {
  '401': errorResponse('Not logged in or token invalid'),
  '403': errorResponse('Outside the caller’s roles'),
};

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Merchandise Flow API',
    version: '1.0.0',
    description:
      'Workflow engine with approval flows for the merchandise department. Money is integer fen; instants are ISO-8601 with zone. Lists follow react-admin simple REST (Content-Range header).',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', example: 'validation_failed' },
              message: { type: 'string' },
              details: { description: 'For 422: an object mapping each bad field to its message' },
            },
          },
        },
      },
      User: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          username: { type: 'string' },
          name: { type: 'string' },
          email: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          locale: { type: 'string', enum: ['zh-CN', 'en'] },
          regionId: { type: 'string', nullable: true },
          superiorId: { type: 'string', nullable: true },
          storeId: { type: 'string', nullable: true },
          franchiseeId: { type: 'string', nullable: true },
        },
      },
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
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/health': {
      get: {
        security: [],
        summary: 'Liveness of the database and Temporal',
        responses: {
          '200': json({ type: 'object', example: { status: 'ok', db: 'ok', temporal: 'ok' } }),
          '503': json({ type: 'object', example: { status: 'down', db: 'ok', temporal: 'down', down: ['temporal'] } }, 'Something is down'),
        },
      },
    },
    '/api/openapi.json': { get: { security: [], summary: 'This document', responses: { '200': json({ type: 'object' }) } } },
    '/api/auth/login': {
      post: {
        security: [],
        summary: 'Log in',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['username', 'password'],
                properties: { username: { type: 'string' }, password: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '200': json({
            type: 'object',
            properties: { token: { type: 'string' }, user: { $ref: '#/components/schemas/User' } },
          }),
          '401': errorResponse('invalid_credentials'),
          '422': errorResponse('Malformed body'),
        },
      },
    },
    '/api/me': { get: { summary: 'The current user', responses: { '200': json({ $ref: '#/components/schemas/User' }), ...common } } },
    '/api/users': {
      get: {
        summary: 'Users (filters: q, role, id[])',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/User' } }), ...common },
      },
    },
    '/api/users/{id}': {
      get: {
        summary: 'One user',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ $ref: '#/components/schemas/User' }), '404': errorResponse('Unknown id'), ...common },
      },
    },
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
    '/api/dev/mails': {
      get: {
        summary: 'Mail captured when SMTP_URL is unset (newest first; filter: to)',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Mail' } }), '404': errorResponse('SMTP_URL is set'), ...common },
      },
    },
  },
} as const;
