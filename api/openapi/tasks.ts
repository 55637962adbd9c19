// The approval engine: tasks (the inbox and acting on one), process runs, general approvals, the
// audit trail and out-of-office delegations.
import { body, common, dateSchema, errorResponse, fenSchema, idParam, json, listParams, refusals } from './shared';

// ---- what a task is about (api/subjects.ts): typed data per process type, rendered by the reader's UI

const str = { type: 'string' };
const strOrNull = { type: 'string', nullable: true };
const int = { type: 'integer' };
const fenOrNull = { ...fenSchema, nullable: true };
const instant = { type: 'string', format: 'date-time' };
const dateOrNull = { ...dateSchema, nullable: true };
const subjectRef = {
  type: 'object',
  required: ['resource', 'id'],
  description: 'the business object: its admin resource and id (processes for a general approval, whose object is its run), and its code',
  properties: {
    resource: { type: 'string', enum: ['plans', 'bookings', 'shipments', 'price-adjustments', 'returns', 'processes'] },
    id: str,
    code: strOrNull,
  },
};
const kind = (k: string) => ({ type: 'string', enum: [k] });
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });
const SUMMARY: Record<string, Record<string, object>> = {
  plan: {
    planType: { type: 'string', enum: ['purchase', 'launch'] },
    season: str,
    status: str,
    revision: int,
    ownerName: str,
    lineCount: int,
    totalQty: int,
    totalAmountFen: fenSchema,
  },
  booking: {
    status: str,
    franchiseeName: str,
    season: str,
    totalQty: int,
    amountFen: fenSchema,
    quotaFen: fenOrNull,
    quotaCheck: { type: 'string', enum: ['within', 'below', 'above', 'no_quota'] },
    prepaymentDueFen: fenSchema,
    paidFen: fenSchema,
    paymentDeadline: { ...instant, nullable: true, description: 'none until the order statement is sent' },
  },
  shipment: { status: str, franchiseeName: strOrNull, totalQty: int, expectedArrival: instant, delayed: { type: 'boolean' } },
  price: {
    status: str,
    urgent: { type: 'boolean' },
    lineCount: int,
    sku: { type: 'string', description: 'the first line (by SKU)' },
    oldPriceFen: fenSchema,
    newPriceFen: fenSchema,
    storeCount: int,
    allocationDate: dateSchema,
    effectiveDate: dateSchema,
  },
  return: { status: str, requesterName: strOrNull, lineCount: int, totalQty: int, standardPassed: { type: 'boolean' } },
  clearance: {
    status: str,
    requesterName: strOrNull,
    lineCount: int,
    sku: strOrNull,
    clearancePriceFen: fenOrNull,
    currentPriceFen: { ...fenOrNull, description: "the first line's price in effect now (the store's, else the retail price)" },
    aboveCurrent: { type: 'boolean', description: "a line's clearance price is not below the price in effect now" },
    startsOn: dateOrNull,
    endsOn: dateOrNull,
  },
  approval: { title: str, season: strOrNull, amountFen: fenOrNull, reason: strOrNull },
};
const planLine = obj({ category: str, regionId: strOrNull, storeId: strOrNull, qty: int, amountFen: fenSchema });
const CONTENT: Record<string, Record<string, object>> = {
  plan: {
    title: str,
    lines: { type: 'array', items: obj({ ...planLine.properties, storeName: strOrNull, regionName: strOrNull }) },
    totals: {
      type: 'object',
      description: '{qty, amountFen, byRegion: [{regionId, qty, amountFen}], byCategory: [{category, qty, amountFen}]}',
    },
    diff: {
      type: 'object',
      nullable: true,
      description: 'against the revision before (null for the first)',
      properties: {
        fromRevision: int,
        toRevision: int,
        added: { type: 'array', items: planLine },
        removed: { type: 'array', items: planLine },
        changed: { type: 'array', items: obj({ key: str, before: planLine, after: planLine }) },
        totals: { type: 'object', description: '{before: {qty, amountFen}, after: {qty, amountFen}}' },
      },
    },
  },
  booking: {
    prepaymentShareBp: int,
    lines: {
      type: 'array',
      items: obj({ sku: str, productName: str, size: str, qty: int, unitPriceFen: fenSchema, amountFen: fenSchema }),
    },
  },
  shipment: {
    location: strOrNull,
    carrier: strOrNull,
    lastEventAt: { ...instant, nullable: true },
    delayReason: strOrNull,
    lines: { type: 'array', items: obj({ sku: str, size: str, qty: int }) },
    receipt: {
      type: 'object',
      nullable: true,
      description: 'the latest scan-in',
      properties: {
        receivedAt: instant,
        lines: { type: 'array', items: obj({ sku: str, size: str, qty: int, damaged: int }) },
        discrepancies: {
          type: 'array',
          items: obj({
            sku: str,
            size: str,
            kind: { type: 'string', enum: ['short', 'over', 'wrong_item', 'damaged'] },
            expected: int,
            received: int,
            damaged: int,
          }),
        },
      },
    },
  },
  price: {
    reason: str,
    arrivalDate: dateSchema,
    stores: { type: 'array', items: obj({ storeId: str, storeName: str }) },
    lines: {
      type: 'array',
      items: obj({
        sku: str,
        productName: str,
        oldPriceFen: fenSchema,
        newPriceFen: fenSchema,
        suggestedPriceFen: fenOrNull,
        stores: {
          type: 'array',
          items: obj({
            storeId: str,
            currentPriceFen: fenSchema,
            onHand: int,
            stockAgeDays: { type: 'integer', nullable: true },
            sellThroughBp: { type: 'integer', nullable: true, description: 'basis points (1/10000)' },
          }),
        },
      }),
    },
  },
  return: {
    reason: str,
    refusalReasons: { type: 'array', items: str, description: "the return standard's verdict: empty when it passed" },
    lines: {
      type: 'array',
      items: obj({ sku: str, productName: str, size: str, qty: int, condition: str, receivedQty: int, defectiveQty: int }),
    },
  },
  clearance: {
    reason: str,
    lines: { type: 'array', items: obj({ sku: str, productName: str, clearancePriceFen: fenOrNull, currentPriceFen: fenOrNull }) },
  },
  approval: {},
};
const variants = (withContent: boolean) =>
  Object.entries(SUMMARY).map(([k, props]) => ({
    type: 'object',
    required: ['kind', 'ref'],
    properties: { kind: kind(k), ref: subjectRef, ...props, ...(withContent ? CONTENT[k] : {}) },
  }));

export const taskSchemas = {
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
      subject: {
        description:
          'In lists and GET one: what the task is about, by `kind` (the process type: plan, booking, shipment, price, return, clearance, approval); null when its object is gone',
        nullable: true,
        oneOf: [{ $ref: '#/components/schemas/TaskSubject' }],
      },
    },
  },
  TaskSubject: { oneOf: variants(false), discriminator: { propertyName: 'kind' } },
  TaskContent: { oneOf: variants(true), discriminator: { propertyName: 'kind' } },
  TaskDetail: {
    allOf: [
      { $ref: '#/components/schemas/Task' },
      {
        type: 'object',
        properties: {
          content: {
            description: 'The task’s business object in full (the summary’s fields and more), as the decision rests on it; null when none',
            nullable: true,
            oneOf: [{ $ref: '#/components/schemas/TaskContent' }],
          },
        },
      },
    ],
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
} as const;

/** The inbox: listed before /api/info in the document, the rest of the task paths after it. */
export const inboxPaths = {
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
      requestBody: body({
        type: 'object',
        required: ['taskIds', 'decision'],
        properties: {
          taskIds: { type: 'array', items: { type: 'string' }, maxItems: 200 },
          decision: { type: 'string' },
          comment: { type: 'string' },
        },
      }),
      responses: {
        '200': json({
          type: 'object',
          properties: {
            results: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  ok: { type: 'boolean' },
                  error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        }),
        '422': refusals['422'],
        ...common,
      },
    },
  },
} as const;

export const taskPaths = {
  '/api/tasks/{id}': {
    get: {
      summary: 'One task, with its business object in full (`content`), for those who may see the task',
      parameters: idParam('id'),
      responses: { '200': json({ $ref: '#/components/schemas/TaskDetail' }), ...refusals, ...common },
    },
  },
  '/api/tasks/{id}/decision': {
    post: {
      summary:
        'Decide a task: approve, reject (comment = reason), send_back (comment = what to change), or a process-specific decision: a booking’s overdue task takes extend (data.paymentDeadline: YYYY-MM-DD, default one more payment window) or cancel (comment = reason); its finance refund task takes refunded',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['decision'],
        properties: {
          decision: { type: 'string' },
          comment: { type: 'string' },
          data: {
            type: 'object',
            description: 'what a process-specific decision carries (simple values), e.g. {"paymentDeadline": "2027-03-31"}',
          },
        },
      }),
      responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
    },
  },
  '/api/tasks/{id}/delegate': {
    post: {
      summary: 'Hand the task to another user, who may then decide it',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['toUserId'],
        properties: { toUserId: { type: 'string' }, comment: { type: 'string' } },
      }),
      responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
    },
  },
  '/api/tasks/{id}/claim': {
    post: {
      summary: 'Take a role task as one’s own',
      parameters: idParam('id'),
      responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
    },
  },
  '/api/tasks/{id}/approvers': {
    post: {
      summary: '加签: add an approver after the current step, or with it (co-approver)',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['userId'],
        properties: { userId: { type: 'string' }, position: { type: 'string', enum: ['after', 'with'] }, comment: { type: 'string' } },
      }),
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
    get: {
      summary: 'One process run with its live state',
      parameters: idParam('workflowId'),
      responses: { '200': json({ $ref: '#/components/schemas/Process' }), ...refusals, ...common },
    },
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
      responses: {
        '200': json({ type: 'object', properties: { notified: { type: 'integer' } } }),
        '429': errorResponse('urge_too_soon'),
        ...refusals,
        ...common,
      },
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
          reason: { type: 'string', maxLength: 2000, description: 'why it is asked; shown to the approvers with the amount' },
          steps: {
            type: 'array',
            items: {
              type: 'object',
              description:
                '{key, title: {zh-CN, en}, assignees: [{userId}|{role, regionId?}|{superiorOf: "submitter", levels?}], mode?: all|any, due?: ISO duration, whenAmountFenAbove?}',
            },
          },
          cc: { type: 'array', items: { type: 'object' } },
        },
      }),
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 200 },
          description: 'The same key (per user) on a retry starts nothing new: 200 with the process the first attempt started',
        },
      ],
      responses: {
        '200': json({ $ref: '#/components/schemas/Process' }, 'Already started with this Idempotency-Key'),
        '201': json({ $ref: '#/components/schemas/Process' }, 'Started'),
        '422': refusals['422'],
        ...common,
      },
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
    get: {
      summary: 'Out-of-office periods: mine, or all for managers',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/Delegation' } }), ...common },
    },
    post: {
      summary: 'Set an out-of-office period: new tasks route to the delegate (admin may set it for others)',
      requestBody: body({
        type: 'object',
        required: ['delegateId', 'startsAt', 'endsAt'],
        properties: {
          userId: { type: 'string' },
          delegateId: { type: 'string' },
          startsAt: { type: 'string', format: 'date-time' },
          endsAt: { type: 'string', format: 'date-time' },
          reason: { type: 'string' },
        },
      }),
      responses: { '201': json({ $ref: '#/components/schemas/Delegation' }, 'Created'), '422': refusals['422'], ...common },
    },
  },
  '/api/delegations/{id}': {
    delete: {
      summary: 'End an out-of-office period',
      parameters: idParam('id'),
      responses: { '200': json({ $ref: '#/components/schemas/Delegation' }), ...refusals, ...common },
    },
  },
} as const;
