// The OpenAPI 3 document served at GET /api/openapi.json: everything the API offers.
// The public contract (docs/api.md) is the stable subset of it.

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
      'Workflow engine with approval flows for the merchandise department. Money is integer fen; instants are ISO-8601 with zone. Lists follow react-admin simple REST (Content-Range header). ' +
      'Every answer carries security headers (Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Strict-Transport-Security). ' +
      'CORS: only the origins in CORS_ORIGINS (outside production also the admin UI dev server, http://127.0.0.1:5173 and http://localhost:5173) get Access-Control-Allow-Origin; a preflight from any other origin is 403 cors_origin_refused. ' +
      'Read your writes: a 2xx to an act (decision, delegation, claim, 加签, withdraw, urge, resubmit, payment, shipment event, receipt, cancel, a process start) comes once its effect is written, so any request after it, by anyone, sees it: the task closed, the next tasks open, the process in its next state, the timeline entry. A start whose process has not reached its first tasks within 10 s (e.g. no worker running) still answers: POST /api/approvals and plan submit with 202 (status starting), the other starts with their record as written so far; mail follows later. ' +
      'Availability: any request may answer 503 with Retry-After — service_unavailable (the API is starting or shutting down), database_unavailable, temporal_unavailable; repeating it is safe (a decision or payment that did land answers 409 task_already_decided / duplicate_payment_reference on the repeat).',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      ReturnRequest: {
        type: 'object',
        properties: {
          id: { type: 'string' }, code: { type: 'string', description: 'RT000004' }, kind: { type: 'string', enum: ['return', 'clearance'] },
          status: { type: 'string', description: 'return: checking, refused, pending_approval, rejected, in_transit, defect_handling, accounting, completed; clearance: pending_approval, rejected, approved, running, completed' },
          storeId: { type: 'string', nullable: true }, storeName: { type: 'string', nullable: true }, franchiseeId: { type: 'string', nullable: true }, franchiseeName: { type: 'string', nullable: true },
          reason: { type: 'string' }, refusalReasons: { type: 'array', items: { type: 'string' } }, startsOn: { type: 'string', nullable: true }, endsOn: { type: 'string', nullable: true },
          shipment: { type: 'object', nullable: true, properties: { id: { type: 'string' }, code: { type: 'string' }, status: { type: 'string' }, delayed: { type: 'boolean' }, escalationLevel: { type: 'integer' } } },
          result: { type: 'object', nullable: true }, workflowId: { type: 'string' }, createdByName: { type: 'string' }, createdAt: { type: 'string' }, totalQty: { type: 'integer' },
          lines: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, sku: { type: 'string' }, size: { type: 'string', nullable: true }, qty: { type: 'integer' }, condition: { type: 'string' }, clearancePriceFen: { type: 'integer', nullable: true }, receivedQty: { type: 'integer' }, defectiveQty: { type: 'integer' } } } },
        },
      },
      PriceAdjustment: {
        type: 'object',
        properties: {
          id: { type: 'string' }, code: { type: 'string', description: 'PA000003' }, status: { type: 'string', enum: ['pending_approval', 'approved', 'effective', 'rejected', 'superseded', 'withdrawn'] },
          urgent: { type: 'boolean' }, reason: { type: 'string' }, allocationDate: { type: 'string', format: 'date' }, arrivalDate: { type: 'string', format: 'date' }, effectiveDate: { type: 'string', format: 'date' },
          approvalDueAt: { type: 'string', format: 'date-time' }, notifyBy: { type: 'string', format: 'date-time' }, storeIds: { type: 'array', items: { type: 'string' } }, storeNames: { type: 'array', items: { type: 'string' } }, skus: { type: 'array', items: { type: 'string' } },
          workflowId: { type: 'string' }, createdByName: { type: 'string' }, createdAt: { type: 'string' }, supersedes: { type: 'string', nullable: true }, supersededBy: { type: 'string', nullable: true }, decisionNote: { type: 'string', nullable: true }, effectiveAt: { type: 'string', nullable: true },
          lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, productName: { type: 'string' }, oldPriceFen: fenSchema, newPriceFen: fenSchema, suggestedPriceFen: { type: 'integer', nullable: true } } } },
          notifications: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', enum: ['finance', 'store'] }, storeId: { type: 'string', nullable: true }, storeName: { type: 'string', nullable: true }, taskId: { type: 'string' }, status: { type: 'string' }, sentAt: { type: 'string' }, dueAt: { type: 'string' }, acknowledgedAt: { type: 'string', nullable: true }, acknowledgedByName: { type: 'string', nullable: true } } } },
        },
      },
      ShipmentHeader: {
        type: 'object',
        properties: {
          id: { type: 'string' }, code: { type: 'string', description: 'SH000007' }, externalRef: { type: 'string', nullable: true }, bookingId: { type: 'string', nullable: true }, season: { type: 'string', nullable: true },
          status: { type: 'string', enum: ['created', 'dispatched', 'in_transit', 'arrived', 'received', 'reconciled'] },
          expectedArrival: { type: 'string', format: 'date-time' }, dispatchedAt: { type: 'string', nullable: true }, arrivedAt: { type: 'string', nullable: true }, lastEventAt: { type: 'string', nullable: true },
          location: { type: 'string', nullable: true }, carrier: { type: 'string', nullable: true }, trackingNo: { type: 'string', nullable: true },
          delayed: { type: 'boolean' }, delayReason: { type: 'string', enum: ['late', 'silent'], nullable: true }, delayedSince: { type: 'string', nullable: true },
          escalationLevel: { type: 'integer', description: '0 none, 1 follower, 2 supervisor, 3 manager' }, resolution: { type: 'string', enum: ['exact', 'accepted', 'claimed'], nullable: true }, resolutionNote: { type: 'string', nullable: true },
          workflowId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, createdByName: { type: 'string' }, totalQty: { type: 'integer' },
        },
      },
      Shipment: {
        allOf: [
          { $ref: '#/components/schemas/ShipmentHeader' },
          {
            type: 'object',
            properties: {
              lines: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, sku: { type: 'string' }, productName: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer' }, franchiseeId: { type: 'string', nullable: true }, receivedQty: { type: 'integer' }, damagedQty: { type: 'integer' } } } },
              events: { type: 'array', items: { type: 'object', properties: { eventId: { type: 'string' }, type: { type: 'string' }, at: { type: 'string' }, location: { type: 'string', nullable: true }, expectedArrival: { type: 'string', nullable: true }, recordedAt: { type: 'string' }, applied: { type: 'boolean' } } } },
              receipt: { type: 'object', nullable: true, properties: { number: { type: 'integer' }, receivedAt: { type: 'string' }, byName: { type: 'string' }, lines: { type: 'array', items: { type: 'object' } }, discrepancies: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, size: { type: 'string' }, kind: { type: 'string', enum: ['short', 'over', 'wrong_item', 'damaged'] }, expected: { type: 'integer' }, received: { type: 'integer' }, damaged: { type: 'integer' } } } } } },
            },
          },
        ],
      },
      BookingHeader: {
        type: 'object',
        properties: {
          id: { type: 'string' }, code: { type: 'string', description: 'BK000012: quoted in the transfer remark' }, franchiseeId: { type: 'string' }, franchiseeName: { type: 'string' },
          regionId: { type: 'string' }, regionName: { type: 'string' }, season: { type: 'string' },
          status: { type: 'string', enum: ['awaiting_approval', 'awaiting_payment', 'overdue', 'confirmed', 'cancelled', 'rejected'] },
          amountFen: fenSchema, prepaymentShareBp: { type: 'integer', description: 'basis points: 3000 = 30%' }, prepaymentDueFen: fenSchema, paidFen: fenSchema,
          outstandingFen: { ...fenSchema, description: 'prepayment still due (0 once closed)' }, paymentDeadline: { type: 'string', format: 'date-time' },
          quotaFen: { type: 'integer', nullable: true }, quotaCheck: { type: 'string', enum: ['within', 'below', 'above', 'no_quota'] }, totalQty: { type: 'integer' },
          note: { type: 'string', nullable: true }, workflowId: { type: 'string' }, createdById: { type: 'string' }, createdByName: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' }, confirmedAt: { type: 'string', format: 'date-time', nullable: true }, cancelledAt: { type: 'string', format: 'date-time', nullable: true },
          reason: { type: 'string', nullable: true },
        },
      },
      Booking: {
        allOf: [
          { $ref: '#/components/schemas/BookingHeader' },
          {
            type: 'object',
            properties: {
              lines: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, sku: { type: 'string' }, productName: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer' }, unitPriceFen: fenSchema, amountFen: fenSchema } } },
              payments: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, amountFen: fenSchema, reference: { type: 'string' }, paidOn: { type: 'string', format: 'date', nullable: true }, note: { type: 'string', nullable: true }, recordedById: { type: 'string' }, recordedByName: { type: 'string' }, recordedAt: { type: 'string', format: 'date-time' } } } },
            },
          },
        ],
      },
      BookingFigures: {
        type: 'object',
        properties: {
          quotaFen: { type: 'integer', nullable: true }, orderedFen: fenSchema, quotaUsedBp: { type: 'integer', nullable: true, description: 'ordered × 10000 / quota, floored' },
          prepaymentDueFen: fenSchema, receivedFen: fenSchema, outstandingFen: fenSchema, bookings: { type: 'integer' }, confirmed: { type: 'integer' }, overdue: { type: 'integer' },
        },
      },
      BookingSummary: {
        type: 'object',
        properties: {
          season: { type: 'string' },
          totals: { $ref: '#/components/schemas/BookingFigures' },
          regions: {
            type: 'array',
            items: {
              allOf: [
                { $ref: '#/components/schemas/BookingFigures' },
                { type: 'object', properties: { regionId: { type: 'string' }, regionName: { type: 'string' }, franchisees: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/BookingFigures' }, { type: 'object', properties: { franchiseeId: { type: 'string' }, franchiseeName: { type: 'string' } } }] } } } },
              ],
            },
          },
        },
      },
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
      PlanLine: {
        type: 'object',
        required: ['category', 'qty', 'amountFen'],
        properties: {
          id: { type: 'string', format: 'uuid', readOnly: true },
          position: { type: 'integer', readOnly: true },
          category: { type: 'string', example: 'T恤' },
          regionId: { type: 'string', nullable: true, description: 'a region (片区); null: no region' },
          storeId: { type: 'string', nullable: true, description: 'a store; with regionId given it must lie in that region' },
          qty: { type: 'integer', minimum: 0 },
          amountFen: fenSchema,
        },
      },
      PlanWave: {
        type: 'object',
        required: ['name', 'startsOn', 'categories'],
        properties: {
          id: { type: 'string', format: 'uuid', readOnly: true },
          position: { type: 'integer', readOnly: true },
          name: { type: 'string', example: '第一波' },
          startsOn: dateSchema,
          endsOn: { ...dateSchema, nullable: true, description: 'on or after startsOn' },
          categories: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'each one a category of the plan’s lines' },
        },
      },
      PlanTotals: {
        type: 'object',
        properties: {
          qty: { type: 'integer' },
          amountFen: fenSchema,
          byRegion: { type: 'array', items: { type: 'object', properties: { regionId: { type: 'string', nullable: true }, qty: { type: 'integer' }, amountFen: fenSchema } }, description: 'a store line counts for its store’s region' },
          byCategory: { type: 'array', items: { type: 'object', properties: { category: { type: 'string' }, qty: { type: 'integer' }, amountFen: fenSchema } } },
        },
      },
      PlanRevision: {
        type: 'object',
        properties: {
          number: { type: 'integer', description: '1, then +1 for each edit after a send back' },
          status: { type: 'string', enum: ['draft', 'submitted'] },
          comment: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
          submittedAt: { type: 'string', format: 'date-time', nullable: true },
          lines: { type: 'array', items: ref('PlanLine') },
          waves: { type: 'array', items: ref('PlanWave') },
          totals: ref('PlanTotals'),
        },
      },
      Plan: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          season: { type: 'string', example: '2027SS' },
          type: { type: 'string', enum: ['purchase', 'launch'], description: 'purchase: 采买计划; launch: 上市计划 (with waves)' },
          title: { type: 'string' },
          ownerId: { type: 'string' },
          ownerName: { type: 'string' },
          status: { type: 'string', enum: ['draft', 'submitted', 'sent_back', 'approved', 'rejected', 'withdrawn'], description: 'set by the plan-approval workflow once submitted' },
          currentRevision: { type: 'integer' },
          workflowId: { type: 'string', nullable: true },
          reason: { type: 'string', nullable: true, description: 'why it was sent back, rejected or withdrawn' },
          lockedAt: { type: 'string', format: 'date-time', nullable: true, description: 'when approved (locked)' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          revision: { allOf: [ref('PlanRevision')], description: 'GET one: the current revision with its lines, waves and totals' },
          totalQty: { type: 'integer', description: 'in lists: the current revision’s total quantity' },
          totalAmountFen: { ...fenSchema, description: 'in lists: the current revision’s total amount' },
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
          '429': errorResponse('too_many_attempts: 10 failed logins for the username, or 50 from the client address, within 15 minutes (counted per API process); refused even with the right password until the Retry-After header’s seconds have passed'),
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
        summary: 'Decide a task: approve, reject (comment = reason), send_back (comment = what to change), or a process-specific decision: a booking’s overdue task takes extend (data.paymentDeadline: YYYY-MM-DD, default one more payment window) or cancel (comment = reason); its finance refund task takes refunded',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['decision'], properties: { decision: { type: 'string' }, comment: { type: 'string' }, data: { type: 'object', description: 'what a process-specific decision carries (simple values), e.g. {"paymentDeadline": "2027-03-31"}' } } }),
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
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'The same key (per user) on a retry starts nothing new: 200 with the process the first attempt started' }],
        responses: { '200': json({ $ref: '#/components/schemas/Process' }, 'Already started with this Idempotency-Key'), '201': json({ $ref: '#/components/schemas/Process' }, 'Started'), '422': refusals['422'], ...common },
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
    '/api/plans': {
      get: {
        summary: 'Plans (any staff user), latest change first. Filters: season, type, status, mine, ownerId, q (title), id[]. Rows carry totalQty and totalAmountFen of the current revision',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: ref('Plan') }), ...common },
      },
      post: {
        summary: 'Create a draft plan (supervisor, specialist, manager; the caller owns it) with revision 1. Totals are computed; when `totals` is given it must match (422 totals.qty / totals.amountFen). 422 details name each bad field, e.g. lines.3.qty, lines.0.storeId (unknown, or not in the line’s region), lines.2 (duplicate of a line), season, waves.0.categories (not among the lines), waves (a purchase plan has none). Nothing is saved on any error',
        requestBody: body({
          type: 'object',
          required: ['season', 'type', 'title'],
          properties: {
            season: { type: 'string' },
            type: { type: 'string', enum: ['purchase', 'launch'] },
            title: { type: 'string' },
            lines: { type: 'array', items: ref('PlanLine') },
            waves: { type: 'array', items: ref('PlanWave'), description: 'launch plans only' },
            totals: { type: 'object', properties: { qty: { type: 'integer' }, amountFen: fenSchema }, description: 'optional check of the computed totals' },
            comment: { type: 'string' },
          },
        }),
        responses: { '201': json(ref('Plan'), 'Created'), '422': refusals['422'], ...common },
      },
    },
    '/api/plans/approved': {
      get: {
        summary: 'Approved (locked) plans of a season, for order quotas and the shipment schedule: each with its approved revision’s totals (byRegion, byCategory) and, for launch plans, its waves',
        parameters: [{ name: 'season', in: 'query', schema: { type: 'string' }, description: 'season code; all seasons when omitted' }],
        responses: {
          '200': json({
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                season: { type: 'string' },
                type: { type: 'string' },
                title: { type: 'string' },
                ownerId: { type: 'string' },
                ownerName: { type: 'string' },
                revision: { type: 'integer' },
                lockedAt: { type: 'string', format: 'date-time', nullable: true },
                totals: ref('PlanTotals'),
                waves: { type: 'array', items: ref('PlanWave') },
              },
            },
          }),
          '422': errorResponse('Unknown season'),
          ...common,
        },
      },
    },
    '/api/plans/{id}': {
      get: { summary: 'One plan with its current revision (lines, waves, totals per region and category)', parameters: idParam('id'), responses: { '200': json(ref('Plan')), '404': errorResponse('Unknown id'), ...common } },
      put: {
        summary: 'Edit a plan (its owner or an admin; else 403): a draft in place; after a send back the next revision is opened as a draft (lines and waves not given are copied from the previous one). Any other status: 409 plan_not_editable. Same validation as create',
        parameters: idParam('id'),
        requestBody: body({
          type: 'object',
          properties: {
            title: { type: 'string' },
            lines: { type: 'array', items: ref('PlanLine'), description: 'replaces all lines' },
            waves: { type: 'array', items: ref('PlanWave'), description: 'replaces all waves' },
            totals: { type: 'object', properties: { qty: { type: 'integer' }, amountFen: fenSchema } },
            comment: { type: 'string', description: 'a note on the revision' },
          },
        }),
        responses: { '200': json(ref('Plan')), '404': errorResponse('Unknown id'), '409': errorResponse('plan_not_editable (message says why: submitted, approved, …)'), '422': refusals['422'], ...common },
      },
    },
    '/api/plans/{id}/lines': {
      put: {
        summary: 'Import: replace the lines of the editable revision from a CSV or .xlsx file (the body, at most 5 MB). Columns by header: 品类/category, 片区/region, 店铺/store, 数量/qty, 金额/amount (yuan, ≤ 2 decimals) or 金额(分)/amountFen; empty region/store = none. 422 details: rows.<row>.<field> (row numbers as in the sheet, the header is row 1), or file for a malformed file. Same states as PUT (409 plan_not_editable)',
        parameters: idParam('id'),
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        responses: { '200': json(ref('Plan')), '404': errorResponse('Unknown id'), '409': errorResponse('plan_not_editable'), '413': errorResponse('payload_too_large'), '422': refusals['422'], ...common },
      },
    },
    '/api/plans/{id}/export': {
      get: {
        summary: 'Export the lines of a revision as a file with the import’s columns (Chinese headers, amount in yuan): it imports back unchanged',
        parameters: [
          ...idParam('id'),
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
          { name: 'revision', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'default: the current revision' },
        ],
        responses: {
          '200': {
            description: 'The file (Content-Disposition: attachment, named after the plan’s title)',
            content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
          },
          '404': errorResponse('Unknown plan or revision'),
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/plans/{id}/submit': {
      post: {
        summary: 'Submit (owner or admin): a draft with at least one line starts the plan-approval workflow (chain: supervisor → manager → finance and general manager above plan.thresholdFen); a sent-back plan is resubmitted (the chain resumes where it was sent back). 200 once the workflow marks it submitted. Other states: 409 plan_not_editable; no lines: 422 lines',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }),
        responses: { '200': json(ref('Plan')), '202': json(ref('Plan'), 'Started; not yet marked submitted'), '404': errorResponse('Unknown id'), '409': errorResponse('plan_not_editable'), '422': refusals['422'], ...common },
      },
    },
    '/api/plans/{id}/revisions': {
      get: {
        summary: 'Every revision of a plan, oldest first, with its totals',
        parameters: idParam('id'),
        responses: {
          '200': json({ type: 'array', items: { type: 'object', properties: { number: { type: 'integer' }, status: { type: 'string' }, comment: { type: 'string', nullable: true }, createdAt: { type: 'string', format: 'date-time' }, submittedAt: { type: 'string', format: 'date-time', nullable: true }, current: { type: 'boolean' }, totals: ref('PlanTotals') } } }),
          '404': errorResponse('Unknown id'),
          ...common,
        },
      },
    },
    '/api/plans/{id}/revisions/{n}': {
      get: {
        summary: 'One revision with its lines, waves and totals',
        parameters: [...idParam('id'), { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { '200': json(ref('PlanRevision')), '404': errorResponse('Unknown plan or revision'), ...common },
      },
    },
    '/api/plans/{id}/diff': {
      get: {
        summary: 'What changed between two revisions (default: the previous and the current one): lines added, removed, changed (same category, region and store), and the totals before and after',
        parameters: [
          ...idParam('id'),
          { name: 'from', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'to', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              from: { type: 'integer', nullable: true, description: 'null: compared with nothing (revision 1)' },
              to: { type: 'integer' },
              added: { type: 'array', items: ref('PlanLine') },
              removed: { type: 'array', items: ref('PlanLine') },
              changed: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, before: ref('PlanLine'), after: ref('PlanLine') } } },
              totals: { type: 'object', properties: { before: { type: 'object' }, after: { type: 'object' } } },
            },
          }),
          '404': errorResponse('Unknown plan or revision'),
          ...common,
        },
      },
    },
    '/api/bookings': {
      get: {
        summary: 'Order-fair bookings (期货订单): staff and finance see all, a franchisee’s users their own. Filters: season, franchiseeId, regionId, status (one or a list), payable (awaiting approval or payment, or overdue), q (code BK…, franchisee name or id), id[]. Sort: createdAt, code, amountFen, paymentDeadline, status, franchiseeId, season',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: ref('BookingHeader') }), ...common },
      },
      post: {
        summary: 'Book a franchisee’s futures order (specialist, supervisor, manager). Priced at each product’s wholesale price; amountFen = Σ qty × price; prepaymentDueFen = amount × the franchisee’s share (else booking.prepaymentShare), rounded half up to the fen; paymentDeadline = booking.paymentWindow (or the franchisee’s days) from now, to the end of that day in TZ_BUSINESS. Outside [quota × (1 − booking.quotaTolerance), quota] or without a quota it waits for the manager’s approval first. Starts the booking workflow, which mails the franchisee the statement. 422 details: lines.<i>.sku (unknown, other season), lines.<i>.size, lines.<i> (duplicate SKU and size), franchiseeId; 409 season_closed, booking_exists (one active booking per franchisee and season)',
        requestBody: body({
          type: 'object',
          required: ['franchiseeId', 'season', 'lines'],
          properties: {
            franchiseeId: { type: 'string' },
            season: { type: 'string' },
            lines: { type: 'array', maxItems: 20000, items: { type: 'object', required: ['sku', 'size', 'qty'], properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 1, maximum: 100000 } } } },
            note: { type: 'string' },
          },
        }),
        responses: { '201': json(ref('Booking'), 'Booked'), '409': errorResponse('season_closed or booking_exists'), '422': refusals['422'], '503': errorResponse('temporal_unavailable: not saved'), ...common },
      },
    },
    '/api/bookings/import': {
      post: {
        summary: 'Import the order fair’s order sheet (CSV, also GB18030, or .xlsx; at most 10 MB): one booking per franchisee in it, all or none. Long layout 加盟商, 款号, 尺码, 数量; or wide (尺码配比) layout 加盟商, 款号 and one column per size. Zero or blank quantities are skipped. 422 details rows.<row>.<field> (the header is row 1) or file',
        parameters: [{ name: 'season', in: 'query', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        responses: {
          '201': json({ type: 'object', properties: { bookings: { type: 'array', items: ref('Booking') } } }, 'Booked'),
          '409': errorResponse('season_closed or booking_exists'),
          '413': errorResponse('payload_too_large'),
          '422': refusals['422'],
          '503': errorResponse('temporal_unavailable'),
          ...common,
        },
      },
    },
    '/api/bookings/summary': {
      get: {
        summary: 'Season summary by region and franchisee (staff, finance): quota vs ordered, prepayment due vs received and outstanding, over active bookings (cancelled and rejected ones release their quota)',
        parameters: [{ name: 'season', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': json(ref('BookingSummary')), '422': refusals['422'], ...common },
      },
    },
    '/api/bookings/summary/export': {
      get: {
        summary: 'The season summary as a file: a row per franchisee, region subtotals and the total; amounts in yuan',
        parameters: [
          { name: 'season', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
        ],
        responses: {
          '200': { description: 'The file', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/bookings/{id}': {
      get: { summary: 'One booking: the franchisee’s statement (lines, amounts, deadline) and the payments recorded', parameters: idParam('id'), responses: { '200': json(ref('Booking')), '404': errorResponse('Unknown id'), ...common } },
    },
    '/api/bookings/{id}/payments': {
      post: {
        summary: 'Record a payment received (finance). Partial payments add up; paid at least the prepayment due, the booking is confirmed and its lines become open order lines. 409 duplicate_payment_reference (on this or another booking), booking_closed (confirmed, cancelled, rejected); 422 above the order amount still open',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['amountFen', 'reference'], properties: { amountFen: { type: 'integer', minimum: 1 }, reference: { type: 'string', maxLength: 100 }, paidOn: { type: 'string', format: 'date' }, note: { type: 'string' } } }),
        responses: { '201': json(ref('Booking'), 'Recorded'), ...refusals, ...common },
      },
    },
    '/api/bookings/{id}/cancel': {
      post: {
        summary: 'Cancel a booking not yet confirmed (manager): the quota is released, the franchisee told; money received goes back through a finance task',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }),
        responses: { '200': json(ref('Booking')), ...refusals, ...common },
      },
    },
    '/api/seasons/{code}/quotas/from-plan': {
      post: {
        summary: 'Set the season’s franchisee quotas (订货指标) from its approved purchase plan (manager): each franchisee’s quota is the sum of the plan’s line amounts of its stores. 422 when the season has no approved purchase plan',
        parameters: idParam('code'),
        responses: {
          '200': json({ type: 'object', properties: { planId: { type: 'string' }, quotas: { type: 'array', items: { type: 'object', properties: { franchiseeId: { type: 'string' }, quotaFen: fenSchema, previousFen: { type: 'integer', nullable: true } } } } } }),
          '404': errorResponse('Unknown season'),
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/shipments': {
      get: {
        summary: 'Shipments from head office (staff). Filters: status (one or a list), open (not reconciled: the in-transit list), delayed, escalationLevel (at least), season, bookingId, franchiseeId, q (code SH… or 发货单号), id[]. Sort: createdAt, expectedArrival, code, status, escalationLevel',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: ref('ShipmentHeader') }), ...common },
      },
      post: {
        summary: 'Announce a shipment and start tracking it (follower, specialist, supervisor, manager). Each line is allocated to open order lines of the same SKU and size (of the booking when given, else the oldest first); what no order needs stays unallocated. expectedArrival: an instant, or a date meaning the end of that day in TZ_BUSINESS. 422 lines.<i>.sku / size, bookingId (unknown or not confirmed); 409 shipment_exists (same externalRef)',
        requestBody: body({
          type: 'object',
          required: ['lines', 'expectedArrival'],
          properties: {
            bookingId: { type: 'string' }, externalRef: { type: 'string', description: 'head office’s 发货单号' }, season: { type: 'string' },
            lines: { type: 'array', items: { type: 'object', required: ['sku', 'size', 'qty'], properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } },
            expectedArrival: { type: 'string' }, carrier: { type: 'string' }, trackingNo: { type: 'string' },
          },
        }),
        responses: { '201': json(ref('Shipment'), 'Tracking'), '409': errorResponse('shipment_exists'), '422': refusals['422'], '503': errorResponse('temporal_unavailable: not saved'), ...common },
      },
    },
    '/api/shipments/import': {
      post: {
        summary: 'Import head office’s shipping list (总公司发货数据; CSV incl. GB18030 or .xlsx): columns 发货单号, 款号, 尺码, 数量, 预计到货, optional 订单号 (BK…), 承运商, 运单号. One shipment per 发货单号, all or none; a 发货单号 imported before is skipped (listed in `skipped`). 422 rows.<row>.<field>',
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '201': json({ type: 'object', properties: { shipments: { type: 'array', items: ref('Shipment') }, skipped: { type: 'array', items: { type: 'string' } } } }),
          '413': errorResponse('payload_too_large'),
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/shipments/{id}': {
      get: { summary: 'One shipment: lines (with the franchisee each is for, received and damaged), every event (applied or not), the latest receipt and its discrepancies', parameters: idParam('id'), responses: { '200': json(ref('Shipment')), '404': errorResponse('Unknown id'), ...common } },
    },
    '/api/shipments/{id}/events': {
      post: {
        summary: 'A carrier or head-office event: dispatched, in_transit (location), arrived, or eta_changed (expectedArrival; resets the delay clock). Idempotent by eventId (without one, by type, time and location): a repeat answers duplicate:true and changes nothing. An event older than the newest applied one is kept (applied:false) and never moves the status back',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['type', 'at'], properties: { eventId: { type: 'string' }, type: { type: 'string', enum: ['dispatched', 'in_transit', 'arrived', 'eta_changed'] }, at: { type: 'string', format: 'date-time' }, location: { type: 'string' }, expectedArrival: { type: 'string' } } }),
        responses: { '200': json({ type: 'object', properties: { shipment: ref('Shipment'), duplicate: { type: 'boolean' }, applied: { type: 'boolean' } } }), ...refusals, ...common },
      },
    },
    '/api/shipments/{id}/receipt': {
      post: {
        summary: 'The warehouse scan-in (扫描入库): what arrived, per SKU and size, and how much of it is damaged (a number, or true for all of it). Reconciled against the shipment; any difference (short, over, wrong item, damaged) opens a discrepancy task for the supervisor (accept, claim, recount). 409 receipt_exists while one is being reconciled',
        parameters: idParam('id'),
        requestBody: body({ type: 'object', required: ['lines'], properties: { lines: { type: 'array', items: { type: 'object', required: ['sku', 'size', 'qty'], properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 0 }, damaged: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'boolean' }] } } } } } }),
        responses: { '201': json(ref('Shipment'), 'Received'), ...refusals, ...common },
      },
    },
    '/api/reports/order-balance': {
      get: {
        summary: '期货订、发、欠: ordered, shipped, owed (ordered − shipped) and received, per franchisee and SKU, over confirmed bookings’ order lines (staff). format=csv|xlsx for a file',
        parameters: [
          { name: 'season', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'franchiseeId', in: 'query', schema: { type: 'string' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' } },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              season: { type: 'string' },
              rows: { type: 'array', items: { type: 'object', properties: { franchiseeId: { type: 'string' }, franchiseeName: { type: 'string' }, sku: { type: 'string' }, productName: { type: 'string' }, orderedQty: { type: 'integer' }, shippedQty: { type: 'integer' }, owedQty: { type: 'integer' }, receivedQty: { type: 'integer' } } } },
              totals: { type: 'object' },
            },
          }),
          '422': refusals['422'],
          ...common,
        },
      },
    },
    '/api/price-adjustments': {
      get: {
        summary: 'Price adjustments (调价; staff and store managers). Filters: status (one or a list), sku, storeId, q (code PA… or words of the reason), id[]. Sort: createdAt, code, status, allocationDate, arrivalDate',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: ref('PriceAdjustment') }), ...common },
      },
      post: {
        summary: 'Propose new selling prices (specialist, store_lead, supervisor, manager) for SKUs about to be allocated to stores: {sku, newPriceFen} or lines. Approval is due at the end of the day price.approvalLeadDays before allocationDate (the proposer’s superior); finance and each store’s manager are told on approval and must acknowledge before arrivalDate; the price takes effect at the start of effectiveDate (default arrivalDate). 422 too_late after the approval deadline unless urgent (then the manager approves, before arrival) and always once the goods arrive; 409 pending_adjustment when a SKU and store has one not yet in effect, unless supersedes names it',
        requestBody: body({
          type: 'object',
          required: ['allocationDate', 'arrivalDate', 'storeIds', 'reason'],
          properties: {
            sku: { type: 'string' }, newPriceFen: { type: 'integer', minimum: 1 },
            lines: { type: 'array', items: { type: 'object', required: ['sku', 'newPriceFen'], properties: { sku: { type: 'string' }, newPriceFen: { type: 'integer', minimum: 1 } } } },
            allocationDate: { type: 'string', format: 'date' }, arrivalDate: { type: 'string', format: 'date' }, effectiveDate: { type: 'string', format: 'date' },
            storeIds: { type: 'array', items: { type: 'string' } }, reason: { type: 'string' }, urgent: { type: 'boolean' }, supersedes: { type: 'string', description: 'id of the pending adjustment this one replaces' },
          },
        }),
        responses: { '201': json(ref('PriceAdjustment'), 'Proposed'), '409': errorResponse('pending_adjustment'), '422': errorResponse('validation_failed or too_late'), '503': errorResponse('temporal_unavailable: not saved'), ...common },
      },
    },
    '/api/price-adjustments/context': {
      get: {
        summary: 'The grounds of a proposal: per store the current price, stock on hand, stock age (库龄) in days, units sold and sell-through, and the price the markdown rule (price.markdownRule) suggests; overall, by the oldest stock',
        parameters: [{ name: 'sku', in: 'query', required: true, schema: { type: 'string' } }, { name: 'storeIds', in: 'query', schema: { type: 'string' }, description: 'comma-separated; default all stores' }],
        responses: { '200': json({ type: 'object' }), '422': refusals['422'], ...common },
      },
    },
    '/api/price-adjustments/{id}': {
      get: { summary: 'One adjustment with its lines and who was notified, when, and who acknowledged', parameters: idParam('id'), responses: { '200': json(ref('PriceAdjustment')), '404': errorResponse('Unknown id'), ...common } },
    },
    '/api/prices': {
      get: {
        summary: 'Current price and price history per SKU and store (a store manager sees their own store). A price in effect is the latest change up to now, else the retail price',
        parameters: [{ name: 'sku', in: 'query', schema: { type: 'string' } }, { name: 'storeId', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': json({ type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, productName: { type: 'string' }, storeId: { type: 'string' }, storeName: { type: 'string' }, currentPriceFen: fenSchema, since: { type: 'string', nullable: true }, history: { type: 'array', items: { type: 'object', properties: { priceFen: fenSchema, previousFen: fenSchema, effectiveAt: { type: 'string' }, adjustmentCode: { type: 'string', nullable: true }, note: { type: 'string', nullable: true, description: 'why, for a change not from an adjustment (e.g. a clearance RT…)' }, pending: { type: 'boolean' } } } } } } }),
          ...common,
        },
      },
    },
    '/api/returns': {
      get: {
        summary: 'Returns (过季返仓) and clearances (清货): staff see all, a store manager their store’s, a franchisee’s users their own. Filters: kind, status (one or a list), storeId, franchiseeId, q (code RT…), id[]. Sort: createdAt, code, status, kind',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: ref('ReturnRequest') }), ...common },
      },
      post: {
        summary: 'Ask for end-of-season handling. kind=return: {storeId | franchiseeId, lines:[{sku, size, qty, condition: new|defective|worn}], reason}; the workflow checks the return standard (season window return.opensBeforeSeasonEnd / return.closesAfterSeasonEnd, condition, quantities vs what was received and not yet returned) and refuses with its reasons, else the supervisor approves, the goods come back as a tracked inbound shipment (kind return), defective units at receipt go to after-sales (repair, write_off, return_to_head_office) and then finance (booked). kind=clearance: {storeId, lines:[{sku, clearancePriceFen}], startsOn, endsOn, reason}; the manager approves, the prices apply for the period, the sell-through is recorded at its end. A store manager asks for their own store, a franchisee for itself; staff for either',
        requestBody: body({
          type: 'object',
          required: ['kind', 'lines', 'reason'],
          properties: {
            kind: { type: 'string', enum: ['return', 'clearance'] }, storeId: { type: 'string' }, franchiseeId: { type: 'string' }, reason: { type: 'string' },
            lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 1 }, condition: { type: 'string', enum: ['new', 'defective', 'worn'] }, clearancePriceFen: { type: 'integer', minimum: 1 } } } },
            startsOn: { type: 'string', format: 'date' }, endsOn: { type: 'string', format: 'date' },
          },
        }),
        responses: { '201': json(ref('ReturnRequest'), 'Started'), '422': refusals['422'], '503': errorResponse('temporal_unavailable: not saved'), ...common },
      },
    },
    '/api/returns/{id}': {
      get: { summary: 'One return or clearance: lines (graded at receipt: received, defective), the refusal reasons, the inbound shipment, the result (defect decision, or the clearance’s sell-through)', parameters: idParam('id'), responses: { '200': json(ref('ReturnRequest')), '404': errorResponse('Unknown id'), ...common } },
    },
    '/api/dev/mails': {
      get: {
        summary: 'Mail captured when SMTP_URL is unset (newest first; filter: to)',
        parameters: listParams,
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Mail' } }), '404': errorResponse('SMTP_URL is set'), ...common },
      },
    },
    ...reportPaths(),
  },
} as const;

/** Reports (api/routes/reports.ts): the dashboard's figures, one path each, and GET /metrics. */
function reportPaths() {
  const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', schema, description });
  const params = (seasonal: boolean) => [
    ...(seasonal ? [q('season', 'season code; default the season running today, else the latest to start')] : []),
    q('at', '"now" of the report, an ISO-8601 instant; default the time of the request'),
    q('from', 'first business day of the period (YYYY-MM-DD, TZ_BUSINESS); default 29 days before to', { type: 'string', format: 'date' }),
    q('to', 'last business day of the period; default today', { type: 'string', format: 'date' }),
    q('format', 'json, or a file: csv (UTF-8 with BOM; tables one after the other) or xlsx (a sheet per table)', { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' }),
    q('locale', 'language of a file’s headers; default the user’s', { type: 'string', enum: ['zh-CN', 'en'] }),
  ];
  const get = (summary: string, seasonal = false) => ({
    get: { summary, parameters: params(seasonal), responses: { '200': json({ type: 'object' }), '422': errorResponse('validation_failed: a bad date, period or season'), ...common } },
  });
  return {
    '/api/reports/dashboard': get('All the figures of the dashboard at once (staff): tasks, escalations this week, cycle times, prepayments, delayed shipments, ordered/shipped/owed, late price approvals, returns and defects. Days and weeks (Monday–Sunday) in TZ_BUSINESS', true),
    '/api/reports/tasks': get('Open, overdue (due before at) and due-today tasks in total, per process type and per person (a role task nobody claimed under its role)'),
    '/api/reports/escalations': get('Escalations (audit events escalated: overdue tasks, delayed shipments) per business day and per process type: this week (Monday–Sunday of at), or from–to when given'),
    '/api/reports/cycle-times': get('Cycle time per process type (start to end of runs that ended in from–to; not withdrawn or failed) and per step (created to decided), count, median and p90 in seconds (percentile_cont)'),
    '/api/reports/prepayments': get('Prepayment due vs received per region over the season’s bookings (not cancelled or rejected), outstanding and overdue (deadline before at), integer fen', true),
    '/api/reports/delayed-shipments': get('Delayed shipments per escalation level (0 = not yet escalated … 3 = manager), late or silent, and the list, longest delayed first'),
    '/api/reports/order-totals': get('期货订、发、欠 of the season in total and per region (owed per franchisee and SKU as in /api/reports/order-balance)', true),
    '/api/reports/late-price-approvals': get('Price adjustments approved in from–to, and those approved after their deadline (audit event approved_late) with how late'),
    '/api/reports/returns': get('Returns and clearances still pending per kind and status; defective units (残次) waiting for after-sales or finance'),
    '/metrics': {
      get: {
        summary: 'Prometheus text format (no login; counts only): merch_tasks_open, merch_tasks_overdue, merch_task_decisions_total, merch_escalations_total, merch_mail_sent_total, merch_mail_failed, merch_mail_pending, merch_workflow_starts_total, merch_processes_running, merch_shipments_delayed',
        security: [],
        responses: { '200': { description: 'text/plain; version=0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } }, '503': errorResponse('metrics_unavailable: the database did not answer') },
      },
    },
  };
}
