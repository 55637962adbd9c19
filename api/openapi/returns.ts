// Returns (返货) and clearances (清货) from the stores.
import { body, common, errorResponse, idParam, json, listParams, ref } from './shared';

export const returnSchemas = {
  ReturnRequest: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      code: { type: 'string', description: 'RT000004' },
      kind: { type: 'string', enum: ['return', 'clearance'] },
      status: {
        type: 'string',
        description:
          'return: checking, refused, pending_approval, rejected, in_transit, defect_handling, accounting, completed; clearance: pending_approval, rejected, approved, running, completed',
      },
      storeId: { type: 'string', nullable: true },
      storeName: { type: 'string', nullable: true },
      franchiseeId: { type: 'string', nullable: true },
      franchiseeName: { type: 'string', nullable: true },
      reason: { type: 'string' },
      refusalReasons: { type: 'array', items: { type: 'string' } },
      startsOn: { type: 'string', nullable: true },
      endsOn: { type: 'string', nullable: true },
      shipment: {
        type: 'object',
        nullable: true,
        properties: {
          id: { type: 'string' },
          code: { type: 'string' },
          status: { type: 'string' },
          delayed: { type: 'boolean' },
          escalationLevel: { type: 'integer' },
        },
      },
      result: { type: 'object', nullable: true },
      workflowId: { type: 'string' },
      createdByName: { type: 'string' },
      createdAt: { type: 'string' },
      totalQty: { type: 'integer' },
      lines: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            position: { type: 'integer' },
            sku: { type: 'string' },
            size: { type: 'string', nullable: true },
            qty: { type: 'integer' },
            condition: { type: 'string' },
            clearancePriceFen: { type: 'integer', nullable: true },
            receivedQty: { type: 'integer' },
            defectiveQty: { type: 'integer' },
          },
        },
      },
    },
  },
} as const;

export const returnPaths = {
  '/api/returns': {
    get: {
      summary:
        'Returns (过季返仓) and clearances (清货): staff see all, a store manager their store’s, a franchisee’s users their own. Filters: kind, status (one or a list), storeId, franchiseeId, q (code RT…), id[]. Sort: createdAt, code, status, kind',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: ref('ReturnRequest') }), ...common },
    },
    post: {
      summary:
        'Ask for end-of-season handling. kind=return: {storeId | franchiseeId, lines:[{sku, size, qty, condition: new|defective|worn}], reason}; the workflow checks the return standard (season window return.opensBeforeSeasonEnd / return.closesAfterSeasonEnd, condition, quantities vs what was received and not yet returned) and refuses with its reasons, else the supervisor approves, the goods come back as a tracked inbound shipment (kind return), defective units at receipt go to after-sales (repair, write_off, return_to_head_office) and then finance (booked). kind=clearance: {storeId, lines:[{sku, clearancePriceFen}], startsOn, endsOn, reason}; each clearance price must be below the price in force at the start of startsOn (422 clearance_not_markdown otherwise); the manager approves, the prices apply for the period and end by themselves (after it the price is what it would have been without the clearance); a line whose price is no longer below the price in force when the period starts is skipped and recorded on the timeline (clearance_line_skipped); the sell-through is recorded at its end. A store manager asks for their own store, a franchisee for itself; staff for either',
      requestBody: body({
        type: 'object',
        required: ['kind', 'lines', 'reason'],
        properties: {
          kind: { type: 'string', enum: ['return', 'clearance'] },
          storeId: { type: 'string' },
          franchiseeId: { type: 'string' },
          reason: { type: 'string' },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                sku: { type: 'string' },
                size: { type: 'string' },
                qty: { type: 'integer', minimum: 1 },
                condition: { type: 'string', enum: ['new', 'defective', 'worn'] },
                clearancePriceFen: { type: 'integer', minimum: 1 },
              },
            },
          },
          startsOn: { type: 'string', format: 'date' },
          endsOn: { type: 'string', format: 'date' },
        },
      }),
      responses: {
        '201': json(ref('ReturnRequest'), 'Started'),
        '422': errorResponse(
          'validation_failed, with details per field; clearance_not_markdown: a clearance price not below the price in force at the start of the period, details per line (lines.<i>.clearancePriceFen: which price is not below which current price); nothing is saved',
        ),
        '503': errorResponse('temporal_unavailable: not saved'),
        ...common,
      },
    },
  },
  '/api/returns/{id}': {
    get: {
      summary:
        'One return or clearance: lines (graded at receipt: received, defective), the refusal reasons, the inbound shipment, the result (defect decision, or the clearance’s sell-through)',
      parameters: idParam('id'),
      responses: { '200': json(ref('ReturnRequest')), '404': errorResponse('Unknown id'), ...common },
    },
  },
} as const;
