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
const idParam = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string' } }];
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const refusals = {
  '403': errorResponse('Not yours to act on (forbidden)'),
  '404': errorResponse('Unknown id'),
  '409': errorResponse('task_already_decided, not_open, already_decided or process_finished'),
  '422': errorResponse('validation_failed, with details per field'),
};
const common = {
  '401': errorResponse('Not logged in or token invalid'),
  '403': errorResponse('Outside the caller’s roles'),
};

// Master data (regions, stores, franchisees, products, seasons, calendar overrides): one shape each.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const masterRefusals = {
  '404': errorResponse('Unknown id'),
  '409': errorResponse('already_exists (create with a taken id) or in_use (delete of a row still referenced; message says by what)'),
  '422': errorResponse('validation_failed, details naming each bad field (also an unknown regionId, franchiseeId, seasonCode …)'),
};
function masterData(resource: string, schema: string, o: { what: string; writer: string; filters: string; create: object }) {
  const one = ref(schema);
  return {
    [`/api/${resource}`]: {
      get: {
        summary: `${o.what} (any staff user; not store managers or franchisees). Filters: ${o.filters}`,
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: one }), ...common },
      },
      post: {
        summary: `Create one (${o.writer})`,
        requestBody: body(o.create),
        responses: { '201': json(one, 'Created'), ...masterRefusals, ...common },
      },
    },
    [`/api/${resource}/{id}`]: {
      get: { summary: 'One row', parameters: idParam('id'), responses: { '200': json(one), '404': masterRefusals['404'], ...common } },
      put: {
        summary: `Change one (${o.writer}); every field optional, the id cannot change`,
        parameters: idParam('id'),
        requestBody: body(o.create),
        responses: { '200': json(one), ...masterRefusals, ...common },
      },
      delete: {
        summary: `Delete one (${o.writer}); 409 in_use while something refers to it. Returns the deleted row`,
        parameters: idParam('id'),
        responses: { '200': json(one), ...masterRefusals, ...common },
      },
    },
  };
}
const fenSchema = { type: 'integer', minimum: 0, description: 'fen (1/100 yuan), a whole number' };
const dateSchema = { type: 'string', format: 'date', example: '2027-02-01' };
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
          active: { type: 'boolean', description: 'false: deactivated, cannot log in' },
        },
      },
      Region: { type: 'object', properties: { id: { type: 'string', example: 'EAST' }, name: { type: 'string' } } },
      Store: {
        type: 'object',
        properties: {
          id: { type: 'string', example: 'S001' },
          name: { type: 'string' },
          regionId: { type: 'string' },
          kind: { type: 'string', enum: ['direct', 'franchise'] },
          franchiseeId: { type: 'string', nullable: true, description: 'required for a franchise store, null for a direct one' },
        },
      },
      Franchisee: {
        type: 'object',
        properties: {
          id: { type: 'string', example: 'F001' },
          name: { type: 'string' },
          regionId: { type: 'string' },
          email: { type: 'string', format: 'email' },
          prepaymentShareBp: { type: 'integer', minimum: 0, maximum: 10000, nullable: true, description: 'basis points (3000 = 30%); null: the booking.prepaymentShare setting' },
          paymentWindowDays: { type: 'integer', minimum: 1, maximum: 365, nullable: true, description: 'null: the booking.paymentWindow setting' },
          quotas: {
            type: 'array',
            description: 'order quota per season; a PUT with quotas replaces them all',
            items: { type: 'object', required: ['seasonCode', 'quotaFen'], properties: { seasonCode: { type: 'string' }, quotaFen: fenSchema } },
          },
        },
      },
      Product: {
        type: 'object',
        properties: {
          id: { type: 'string', description: '= sku' },
          sku: { type: 'string', example: '27SS-TS-001' },
          name: { type: 'string' },
          category: { type: 'string' },
          seasonCode: { type: 'string' },
          wholesalePriceFen: fenSchema,
          retailPriceFen: fenSchema,
          sizes: { type: 'array', items: { type: 'string' }, description: 'in size-run order; a PUT with sizes replaces them', example: ['S', 'M', 'L', 'XL'] },
          createdAt: { type: 'string', format: 'date-time', readOnly: true },
        },
      },
      Season: {
        type: 'object',
        properties: {
          id: { type: 'string', description: '= code' },
          code: { type: 'string', example: '2027SS' },
          name: { type: 'string' },
          startsOn: dateSchema,
          endsOn: { ...dateSchema, description: 'on or after startsOn' },
          orderOpen: { type: 'boolean', description: 'the order fair takes bookings', default: true },
        },
      },
      CalendarOverride: {
        type: 'object',
        properties: {
          id: { type: 'string', description: '= date' },
          date: dateSchema,
          isWorkday: { type: 'boolean' },
          note: { type: 'string', nullable: true },
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
      Task: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          processType: { type: 'string' },
          processId: { type: 'string' },
          workflowId: { type: 'string' },
          processTitle: { type: 'string', nullable: true },
          stepKey: { type: 'string' },
          stepTitle: { type: 'object', nullable: true, description: "the step's title per language: {'zh-CN', en}" },
          round: { type: 'integer', description: '0, then +1 per resubmission after a send back' },
          title: { type: 'string' },
          status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
          assigneeId: { type: 'string', nullable: true },
          assigneeName: { type: 'string', nullable: true },
          candidateRole: { type: 'string', nullable: true },
          candidateRegionId: { type: 'string', nullable: true },
          allowedDecisions: { type: 'array', items: { type: 'string' } },
          dueAt: { type: 'string', format: 'date-time' },
          overdue: { type: 'boolean' },
          escalationLevel: { type: 'integer' },
          delegatedFromId: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
          decidedAt: { type: 'string', format: 'date-time', nullable: true },
          decidedById: { type: 'string', nullable: true },
          decision: { type: 'string', nullable: true },
          comment: { type: 'string', nullable: true },
        },
      },
      Process: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          workflowId: { type: 'string' },
          processType: { type: 'string' },
          processId: { type: 'string' },
          title: { type: 'string' },
          submitterId: { type: 'string', nullable: true },
          submitterName: { type: 'string', nullable: true },
          status: { type: 'string', enum: ['running', 'sent_back', 'approved', 'rejected', 'withdrawn', 'completed', 'failed'] },
          round: { type: 'integer' },
          result: { nullable: true },
          startedAt: { type: 'string', format: 'date-time' },
          endedAt: { type: 'string', format: 'date-time', nullable: true },
          state: { description: 'GET one: the live state from the workflow (steps, tasks) while it runs', nullable: true },
        },
      },
      TimelineEvent: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          type: { type: 'string', example: 'decided' },
          actor: { type: 'string', description: "who: a user's name, or 'system'" },
          actorId: { type: 'string', nullable: true },
          detail: { type: 'object' },
        },
      },
      Delegation: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          userId: { type: 'string' },
          delegateId: { type: 'string' },
          startsAt: { type: 'string', format: 'date-time' },
          endsAt: { type: 'string', format: 'date-time' },
          reason: { type: 'string', nullable: true },
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
    '/api/me': {
      get: { summary: 'The current user', responses: { '200': json({ $ref: '#/components/schemas/User' }), ...common } },
      put: {
        summary: 'Change one’s own locale, name or password (password: {current, new}; a wrong current one is 422 on password.current)',
        requestBody: body({
          type: 'object',
          properties: {
            locale: { type: 'string', enum: ['zh-CN', 'en'] },
            name: { type: 'string' },
            password: { type: 'object', required: ['current', 'new'], properties: { current: { type: 'string' }, new: { type: 'string', minLength: 8 } } },
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
        responses: { '201': json({ $ref: '#/components/schemas/User' }, 'Created'), '409': masterRefusals['409'], '422': masterRefusals['422'], ...common },
      },
    },
    '/api/users/{id}': {
      get: {
        summary: 'One user',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ $ref: '#/components/schemas/User' }), '404': errorResponse('Unknown id'), ...common },
      },
      put: {
        summary: 'Change a user (admin); every field optional; password resets it; active=false deactivates (no DELETE). A superior chain may not loop (422 superiorId)',
        parameters: idParam('id'),
        requestBody: body(userWrite),
        responses: { '200': json({ $ref: '#/components/schemas/User' }), ...masterRefusals, ...common },
      },
    },
    ...masterData('regions', 'Region', { what: 'Regions (片区)', writer: 'admin', filters: 'q (id or name), id[]', create: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } } }),
    ...masterData('stores', 'Store', {
      what: 'Stores',
      writer: 'manager',
      filters: 'q (id or name), regionId, kind, franchiseeId, id[]',
      create: { allOf: [ref('Store')], required: ['id', 'name', 'regionId'], description: 'kind defaults to direct; a franchise store must name franchiseeId, a direct one must not' },
    }),
    ...masterData('franchisees', 'Franchisee', {
      what: 'Franchisees (加盟商) with their quotas',
      writer: 'manager',
      filters: 'q (id or name), regionId, id[]',
      create: { allOf: [ref('Franchisee')], required: ['id', 'name', 'regionId', 'email'] },
    }),
    ...masterData('products', 'Product', {
      what: 'Products with their sizes',
      writer: 'manager',
      filters: 'q (sku or name), seasonCode, category, id[]',
      create: { allOf: [ref('Product')], required: ['sku', 'name', 'category', 'seasonCode', 'wholesalePriceFen', 'retailPriceFen', 'sizes'] },
    }),
    ...masterData('seasons', 'Season', {
      what: 'Seasons, latest first',
      writer: 'manager',
      filters: 'q (code or name), orderOpen, id[]',
      create: { allOf: [ref('Season')], required: ['code', 'name', 'startsOn', 'endsOn'] },
    }),
    ...masterData('calendar-overrides', 'CalendarOverride', {
      what: 'Company calendar overrides, by date',
      writer: 'admin',
      filters: 'year, isWorkday, id[]',
      create: { allOf: [ref('CalendarOverride')], required: ['date', 'isWorkday'] },
    }),
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
    '/api/tasks': {
      get: {
        summary: 'Tasks, open and most urgent first. Filters: mine, status, processType, overdue, workflowId, assigneeId, q, id[]',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Task' } }), ...common },
      },
    },
    '/api/tasks/decisions': {
      post: {
        summary: 'Bulk decisions (e.g. approve the selected tasks): each goes through the same checks as one decision',
        requestBody: body({ type: 'object', required: ['taskIds', 'decision'], properties: { taskIds: { type: 'array', items: { type: 'string' }, maxItems: 200 }, decision: { type: 'string' }, comment: { type: 'string' } } }),
        responses: {
          '200': json({ type: 'object', properties: { results: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, ok: { type: 'boolean' }, error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } } }),
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/info': {
      get: {
        summary: 'About this deployment: Temporal Web UI address (null when unknown), namespace, business time zone',
        responses: { '200': json({ type: 'object', properties: { temporalUiUrl: { type: 'string', nullable: true }, temporalNamespace: { type: 'string' }, tzBusiness: { type: 'string' }, mailCaptured: { type: 'boolean' } } }), ...common },
      },
    },
    '/api/tasks/{id}': {
      get: { summary: 'One task', parameters: idParam('id'), responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common } },
    },
    '/api/tasks/{id}/decision': {
      post: {
        summary: 'Decide a task: approve, reject (comment = reason), send_back (comment = what to change), or a process-specific decision',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['decision'], properties: { decision: { type: 'string' }, comment: { type: 'string' } } }),
        responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
      },
    },
    '/api/tasks/{id}/delegate': {
      post: {
        summary: 'Hand the task to another user, who may then decide it',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['toUserId'], properties: { toUserId: { type: 'string' }, comment: { type: 'string' } } }),
        responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
      },
    },
    '/api/tasks/{id}/claim': {
      post: { summary: 'Take a role task as one’s own', parameters: idParam('id'), responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common } },
    },
    '/api/tasks/{id}/approvers': {
      post: {
        summary: '加签: add an approver after the current step, or with it (co-approver)',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['userId'], properties: { userId: { type: 'string' }, position: { type: 'string', enum: ['after', 'with'] }, comment: { type: 'string' } } }),
        responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
      },
    },
    '/api/processes': {
      get: {
        summary: 'Process runs, newest first. Filters: processType, status, mine, q',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Process' } }), ...common },
      },
    },
    '/api/processes/{workflowId}': {
      get: { summary: 'One process run with its live state', parameters: idParam('workflowId'), responses: { '200': json({ $ref: '#/components/schemas/Process' }), ...refusals, ...common } },
    },
    '/api/processes/{workflowId}/timeline': {
      get: {
        summary: 'The audit trail of one process, in order',
        parameters: idParam('workflowId'),
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/TimelineEvent' } }), ...refusals, ...common },
      },
    },
    '/api/processes/{workflowId}/withdraw': {
      post: {
        summary: '撤回: the submitter withdraws while nothing is decided (or while revising after a send back)',
        parameters: idParam('workflowId'),
        requestBody: body({ type: 'object', properties: { reason: { type: 'string' } } }),
        responses: { '200': json({ $ref: '#/components/schemas/Process' }), ...refusals, ...common },
      },
    },
    '/api/processes/{workflowId}/urge': {
      post: {
        summary: '催办: the submitter reminds the current approvers (rate-limited by urge.minInterval: 429 urge_too_soon)',
        parameters: idParam('workflowId'),
        requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }),
        responses: { '200': json({ type: 'object', properties: { notified: { type: 'integer' } } }), '429': errorResponse('urge_too_soon'), ...refusals, ...common },
      },
    },
    '/api/processes/{workflowId}/resubmit': {
      post: {
        summary: 'After a send back: resubmit; the chain resumes at the step that sent it back',
        parameters: idParam('workflowId'),
        requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }),
        responses: { '200': json({ $ref: '#/components/schemas/Process' }), ...refusals, ...common },
      },
    },
    '/api/approvals': {
      post: {
        summary: '通用审批: start a general approval. Without steps: superior → manager → finance above plan.thresholdFen',
        requestBody: body({
          type: 'object',
          required: ['title'],
          properties: {
            title: { type: 'string' },
            amountFen: { type: 'integer', minimum: 0 },
            steps: { type: 'array', items: { type: 'object', description: '{key, title: {zh-CN, en}, assignees: [{userId}|{role, regionId?}|{superiorOf: "submitter", levels?}], mode?: all|any, due?: ISO duration, whenAmountFenAbove?}' } },
            cc: { type: 'array', items: { type: 'object' } },
          },
        }),
        responses: { '201': json({ $ref: '#/components/schemas/Process' }, 'Started'), '422': refusals['422'], ...common },
      },
    },
    '/api/audit-events': {
      get: {
        summary: 'All audit events (managers, finance). Filters: workflowId, type, processType, actorId',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/TimelineEvent' } }), ...common },
      },
    },
    '/api/delegations': {
      get: { summary: 'Out-of-office periods: mine, or all for managers', parameters: listParams, responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Delegation' } }), ...common } },
      post: {
        summary: 'Set an out-of-office period: new tasks route to the delegate (admin may set it for others)',
        requestBody: body({ type: 'object', required: ['delegateId', 'startsAt', 'endsAt'], properties: { userId: { type: 'string' }, delegateId: { type: 'string' }, startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' }, reason: { type: 'string' } } }),
        responses: { '201': json({ $ref: '#/components/schemas/Delegation' }, 'Created'), '422': refusals['422'], ...common },
      },
    },
    '/api/delegations/{id}': {
      delete: { summary: 'End an out-of-office period', parameters: idParam('id'), responses: { '200': json({ $ref: '#/components/schemas/Delegation' }), ...refusals, ...common } },
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
