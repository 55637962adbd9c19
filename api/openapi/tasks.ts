// The approval engine: tasks (the inbox and acting on one), process runs, general approvals, the
// audit trail and out-of-office delegations.
import { body, common, errorResponse, idParam, json, listParams, refusals } from './shared';

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
      summary: 'One task',
      parameters: idParam('id'),
      responses: { '200': json({ $ref: '#/components/schemas/Task' }), ...refusals, ...common },
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
