// Purchase plans: drafting, submitting for approval, revisions and their differences, export.
import { body, common, dateSchema, errorResponse, fenSchema, idParam, json, listParams, ref, refusals } from './shared';

export const planSchemas = {
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
      byRegion: {
        type: 'array',
        items: {
          type: 'object',
          properties: { regionId: { type: 'string', nullable: true }, qty: { type: 'integer' }, amountFen: fenSchema },
        },
        description: 'a store line counts for its store’s region',
      },
      byCategory: {
        type: 'array',
        items: { type: 'object', properties: { category: { type: 'string' }, qty: { type: 'integer' }, amountFen: fenSchema } },
      },
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
      status: {
        type: 'string',
        enum: ['draft', 'submitted', 'sent_back', 'approved', 'rejected', 'withdrawn'],
        description: 'set by the plan-approval workflow once submitted',
      },
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
} as const;

export const planPaths = {
  '/api/plans': {
    get: {
      summary:
        'Plans (any staff user), latest change first. Filters: season, type, status, mine, ownerId, q (title), id[]. Rows carry totalQty and totalAmountFen of the current revision',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: ref('Plan') }), ...common },
    },
    post: {
      summary:
        'Create a draft plan (supervisor, specialist, manager; the caller owns it) with revision 1. Totals are computed; when `totals` is given it must match (422 totals.qty / totals.amountFen). 422 details name each bad field, e.g. lines.3.qty, lines.0.storeId (unknown, or not in the line’s region), lines.2 (duplicate of a line), season, waves.0.categories (not among the lines), waves (a purchase plan has none). Nothing is saved on any error',
      requestBody: body({
        type: 'object',
        required: ['season', 'type', 'title'],
        properties: {
          season: { type: 'string' },
          type: { type: 'string', enum: ['purchase', 'launch'] },
          title: { type: 'string' },
          lines: { type: 'array', items: ref('PlanLine') },
          waves: { type: 'array', items: ref('PlanWave'), description: 'launch plans only' },
          totals: {
            type: 'object',
            properties: { qty: { type: 'integer' }, amountFen: fenSchema },
            description: 'optional check of the computed totals',
          },
          comment: { type: 'string' },
        },
      }),
      responses: { '201': json(ref('Plan'), 'Created'), '422': refusals['422'], ...common },
    },
  },
  '/api/plans/approved': {
    get: {
      summary:
        'Approved (locked) plans of a season, for order quotas and the shipment schedule: each with its approved revision’s totals (byRegion, byCategory) and, for launch plans, its waves',
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
    get: {
      summary: 'One plan with its current revision (lines, waves, totals per region and category)',
      parameters: idParam('id'),
      responses: { '200': json(ref('Plan')), '404': errorResponse('Unknown id'), ...common },
    },
    put: {
      summary:
        'Edit a plan (its owner or an admin; else 403): a draft in place; after a send back the next revision is opened as a draft (lines and waves not given are copied from the previous one). Any other status: 409 plan_not_editable. Same validation as create',
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
      responses: {
        '200': json(ref('Plan')),
        '404': errorResponse('Unknown id'),
        '409': errorResponse('plan_not_editable (message says why: submitted, approved, …)'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/plans/{id}/lines': {
    put: {
      summary:
        'Import: replace the lines of the editable revision from a CSV or .xlsx file (the body, at most 5 MB). Columns by header: 品类/category, 片区/region, 店铺/store, 数量/qty, 金额/amount (yuan, ≤ 2 decimals) or 金额(分)/amountFen; empty region/store = none. 422 details: rows.<row>.<field> (row numbers as in the sheet, the header is row 1), or file for a malformed file. Same states as PUT (409 plan_not_editable)',
      parameters: idParam('id'),
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
        },
      },
      responses: {
        '200': json(ref('Plan')),
        '404': errorResponse('Unknown id'),
        '409': errorResponse('plan_not_editable'),
        '413': errorResponse('payload_too_large'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/plans/{id}/export': {
    get: {
      summary:
        'Export the lines of a revision as a file with the import’s columns (Chinese headers, amount in yuan): it imports back unchanged',
      parameters: [
        ...idParam('id'),
        { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
        { name: 'revision', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'default: the current revision' },
      ],
      responses: {
        '200': {
          description: 'The file (Content-Disposition: attachment, named after the plan’s title)',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        '404': errorResponse('Unknown plan or revision'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/plans/{id}/submit': {
    post: {
      summary:
        'Submit (owner or admin): a draft with at least one line starts the plan-approval workflow (chain: supervisor → manager → finance and general manager above plan.thresholdFen); a sent-back plan is resubmitted (the chain resumes where it was sent back). 200 once the workflow marks it submitted. Other states: 409 plan_not_editable; no lines: 422 lines',
      parameters: idParam('id'),
      requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }),
      responses: {
        '200': json(ref('Plan')),
        '202': json(ref('Plan'), 'Started; not yet marked submitted'),
        '404': errorResponse('Unknown id'),
        '409': errorResponse('plan_not_editable'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/plans/{id}/revisions': {
    get: {
      summary: 'Every revision of a plan, oldest first, with its totals',
      parameters: idParam('id'),
      responses: {
        '200': json({
          type: 'array',
          items: {
            type: 'object',
            properties: {
              number: { type: 'integer' },
              status: { type: 'string' },
              comment: { type: 'string', nullable: true },
              createdAt: { type: 'string', format: 'date-time' },
              submittedAt: { type: 'string', format: 'date-time', nullable: true },
              current: { type: 'boolean' },
              totals: ref('PlanTotals'),
            },
          },
        }),
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
      summary:
        'What changed between two revisions (default: the previous and the current one): lines added, removed, changed (same category, region and store), and the totals before and after',
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
            changed: {
              type: 'array',
              items: { type: 'object', properties: { key: { type: 'string' }, before: ref('PlanLine'), after: ref('PlanLine') } },
            },
            totals: { type: 'object', properties: { before: { type: 'object' }, after: { type: 'object' } } },
          },
        }),
        '404': errorResponse('Unknown plan or revision'),
        ...common,
      },
    },
  },
} as const;
