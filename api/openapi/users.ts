// Logging in, the current user, and the user accounts (admin).
import { body, common, errorResponse, idParam, json, listParams, masterRefusals, refusals } from './shared';

export const userSchemas = {
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
      active: { type: 'boolean', description: 'false: deactivated, cannot log in' },
    },
  },
} as const;

const userWrite = {
  type: 'object',
  properties: {
    username: { type: 'string', pattern: '^[a-z0-9_.-]{3,40}$' },
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    password: { type: 'string', minLength: 8 },
    roles: { type: 'array', minItems: 1, items: { type: 'string' } },
    locale: { type: 'string', enum: ['zh-CN', 'en'], default: 'zh-CN' },
    regionId: { type: 'string', nullable: true },
    superiorId: { type: 'string', format: 'uuid', nullable: true },
    storeId: { type: 'string', nullable: true },
    franchiseeId: { type: 'string', nullable: true },
    active: { type: 'boolean', default: true },
  },
};

export const userPaths = {
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
        '429': errorResponse(
          'too_many_attempts: 10 failed logins for the username, or 50 from the client address, within 15 minutes (counted per API process); refused even with the right password until the Retry-After header’s seconds have passed',
        ),
      },
    },
  },
  '/api/me': {
    get: { summary: 'The current user', responses: { '200': json({ $ref: '#/components/schemas/User' }), ...common } },
    put: {
      summary: 'Change one’s own locale, name or password (password: {current, new}; a wrong current one is 422 on password.current)',
      requestBody: body({
        type: 'object',
        properties: {
          locale: { type: 'string', enum: ['zh-CN', 'en'] },
          name: { type: 'string' },
          password: {
            type: 'object',
            required: ['current', 'new'],
            properties: { current: { type: 'string' }, new: { type: 'string', minLength: 8 } },
          },
        },
      }),
      responses: { '200': json({ $ref: '#/components/schemas/User' }), '422': refusals['422'], ...common },
    },
  },
  '/api/users': {
    get: {
      summary: 'Users (filters: q, role, active, id[])',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/User' } }), ...common },
    },
    post: {
      summary: 'Create a user (admin): username, name, email, password (min 8), roles required',
      requestBody: body({ ...userWrite, required: ['username', 'name', 'email', 'password', 'roles'] }),
      responses: {
        '201': json({ $ref: '#/components/schemas/User' }, 'Created'),
        '409': masterRefusals['409'],
        '422': masterRefusals['422'],
        ...common,
      },
    },
  },
  '/api/users/{id}': {
    get: {
      summary: 'One user',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': json({ $ref: '#/components/schemas/User' }), '404': errorResponse('Unknown id'), ...common },
    },
    put: {
      summary:
        'Change a user (admin); every field optional; password resets it; active=false deactivates (no DELETE). A superior chain may not loop (422 superiorId)',
      parameters: idParam('id'),
      requestBody: body(userWrite),
      responses: { '200': json({ $ref: '#/components/schemas/User' }), ...masterRefusals, ...common },
    },
  },
} as const;
