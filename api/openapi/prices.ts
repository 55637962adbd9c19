// Price adjustments (调价) and the current prices.
import { body, common, errorResponse, fenSchema, idParam, json, listParams, ref, refusals } from './shared';

export const priceSchemas = {
  PriceAdjustment: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      code: { type: 'string', description: 'PA000003' },
      status: { type: 'string', enum: ['pending_approval', 'approved', 'effective', 'rejected', 'superseded', 'withdrawn'] },
      urgent: { type: 'boolean' },
      reason: { type: 'string' },
      allocationDate: { type: 'string', format: 'date' },
      arrivalDate: { type: 'string', format: 'date' },
      effectiveDate: { type: 'string', format: 'date' },
      approvalDueAt: { type: 'string', format: 'date-time' },
      notifyBy: { type: 'string', format: 'date-time' },
      storeIds: { type: 'array', items: { type: 'string' } },
      storeNames: { type: 'array', items: { type: 'string' } },
      skus: { type: 'array', items: { type: 'string' } },
      workflowId: { type: 'string' },
      createdByName: { type: 'string' },
      createdAt: { type: 'string' },
      supersedes: { type: 'string', nullable: true },
      supersededBy: { type: 'string', nullable: true },
      decisionNote: { type: 'string', nullable: true },
      effectiveAt: { type: 'string', nullable: true },
      lines: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            sku: { type: 'string' },
            productName: { type: 'string' },
            oldPriceFen: fenSchema,
            newPriceFen: fenSchema,
            suggestedPriceFen: { type: 'integer', nullable: true },
          },
        },
      },
      notifications: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['finance', 'store'] },
            storeId: { type: 'string', nullable: true },
            storeName: { type: 'string', nullable: true },
            taskId: { type: 'string' },
            status: { type: 'string' },
            sentAt: { type: 'string' },
            dueAt: { type: 'string' },
            acknowledgedAt: { type: 'string', nullable: true },
            acknowledgedByName: { type: 'string', nullable: true },
          },
        },
      },
    },
  },
} as const;

export const pricePaths = {
  '/api/price-adjustments': {
    get: {
      summary:
        'Price adjustments (调价; staff and store managers). Filters: status (one or a list), sku, storeId, q (code PA… or words of the reason), id[]. Sort: createdAt, code, status, allocationDate, arrivalDate',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: ref('PriceAdjustment') }), ...common },
    },
    post: {
      summary:
        'Propose new selling prices (specialist, store_lead, supervisor, manager) for SKUs about to be allocated to stores: {sku, newPriceFen} or lines. Approval is due at the end of the day price.approvalLeadDays before allocationDate (the proposer’s superior); finance and each store’s manager are told on approval and must acknowledge before arrivalDate; the price takes effect at the start of effectiveDate (default arrivalDate). 422 too_late after the approval deadline unless urgent (then the manager approves, before arrival) and always once the goods arrive; 409 pending_adjustment when a SKU and store has one not yet in effect, unless supersedes names it',
      requestBody: body({
        type: 'object',
        required: ['allocationDate', 'arrivalDate', 'storeIds', 'reason'],
        properties: {
          sku: { type: 'string' },
          newPriceFen: { type: 'integer', minimum: 1 },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              required: ['sku', 'newPriceFen'],
              properties: { sku: { type: 'string' }, newPriceFen: { type: 'integer', minimum: 1 } },
            },
          },
          allocationDate: { type: 'string', format: 'date' },
          arrivalDate: { type: 'string', format: 'date' },
          effectiveDate: { type: 'string', format: 'date' },
          storeIds: { type: 'array', items: { type: 'string' } },
          reason: { type: 'string' },
          urgent: { type: 'boolean' },
          supersedes: { type: 'string', description: 'id of the pending adjustment this one replaces' },
        },
      }),
      responses: {
        '201': json(ref('PriceAdjustment'), 'Proposed'),
        '409': errorResponse('pending_adjustment'),
        '422': errorResponse('validation_failed or too_late'),
        '503': errorResponse('temporal_unavailable: not saved'),
        ...common,
      },
    },
  },
  '/api/price-adjustments/context': {
    get: {
      summary:
        'The grounds of a proposal: per store the current price, stock on hand, stock age (库龄) in days, units sold and sell-through, and the price the markdown rule (price.markdownRule) suggests; overall, by the oldest stock',
      parameters: [
        { name: 'sku', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'storeIds', in: 'query', schema: { type: 'string' }, description: 'comma-separated; default all stores' },
      ],
      responses: { '200': json({ type: 'object' }), '422': refusals['422'], ...common },
    },
  },
  '/api/price-adjustments/{id}': {
    get: {
      summary: 'One adjustment with its lines and who was notified, when, and who acknowledged',
      parameters: idParam('id'),
      responses: { '200': json(ref('PriceAdjustment')), '404': errorResponse('Unknown id'), ...common },
    },
  },
  '/api/prices': {
    get: {
      summary:
        'Current price and price history per SKU and store (a store manager sees their own store). The price in force is the latest clearance whose period holds the instant (its price until the start of the day after its last day), else the latest regular change up to then, else the retail price; so after a clearance the price is what it would have been without it, an adjustment taking effect during the period included',
      parameters: [
        { name: 'sku', in: 'query', schema: { type: 'string' } },
        { name: 'storeId', in: 'query', schema: { type: 'string' } },
        {
          name: 'at',
          in: 'query',
          description: 'the instant to read the prices at (ISO-8601 with zone); now when left out',
          schema: { type: 'string', format: 'date-time' },
        },
      ],
      responses: {
        '200': json({
          type: 'array',
          items: {
            type: 'object',
            properties: {
              sku: { type: 'string' },
              productName: { type: 'string' },
              storeId: { type: 'string' },
              storeName: { type: 'string' },
              currentPriceFen: fenSchema,
              since: { type: 'string', nullable: true },
              regularPriceFen: {
                ...fenSchema,
                description: 'the price without the clearance in force: the latest regular change, else retail',
              },
              clearance: {
                type: 'object',
                nullable: true,
                description: 'the clearance in force, with the end of its period',
                properties: {
                  priceFen: fenSchema,
                  since: { type: 'string', format: 'date-time' },
                  endsAt: { type: 'string', format: 'date-time', description: 'exclusive: the start of the day after its last day' },
                  note: { type: 'string', nullable: true, description: '清货 RT…' },
                },
              },
              history: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    kind: {
                      type: 'string',
                      enum: ['regular', 'clearance', 'clearance_end'],
                      description:
                        'regular: an adjustment (or another lasting change); clearance: a clearance price for its period (endsAt); clearance_end: the return at its end to the price in force then without it',
                    },
                    priceFen: fenSchema,
                    previousFen: fenSchema,
                    effectiveAt: { type: 'string' },
                    endsAt: { type: 'string', nullable: true, description: 'a clearance’s end (exclusive)' },
                    adjustmentCode: { type: 'string', nullable: true },
                    note: {
                      type: 'string',
                      nullable: true,
                      description: 'why, for a change not from an adjustment (e.g. a clearance RT…)',
                    },
                    pending: { type: 'boolean' },
                  },
                },
              },
            },
          },
        }),
        ...common,
      },
    },
  },
} as const;
