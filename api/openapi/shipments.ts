// Shipments to the stores: tracking events, receipt, importing, and the order balance (期货订、发、欠)
// of ordered against shipped.
import { body, common, errorResponse, idParam, json, listParams, ref, refusals } from './shared';

export const shipmentSchemas = {
  ShipmentHeader: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      code: { type: 'string', description: 'SH000007' },
      externalRef: { type: 'string', nullable: true },
      bookingId: { type: 'string', nullable: true },
      season: { type: 'string', nullable: true },
      status: { type: 'string', enum: ['created', 'dispatched', 'in_transit', 'arrived', 'received', 'reconciled'] },
      expectedArrival: { type: 'string', format: 'date-time' },
      dispatchedAt: { type: 'string', nullable: true },
      arrivedAt: { type: 'string', nullable: true },
      lastEventAt: { type: 'string', nullable: true },
      location: { type: 'string', nullable: true },
      carrier: { type: 'string', nullable: true },
      trackingNo: { type: 'string', nullable: true },
      delayed: { type: 'boolean' },
      delayReason: { type: 'string', enum: ['late', 'silent'], nullable: true },
      delayedSince: { type: 'string', nullable: true },
      escalationLevel: { type: 'integer', description: '0 none, 1 follower, 2 supervisor, 3 manager' },
      resolution: { type: 'string', enum: ['exact', 'accepted', 'claimed'], nullable: true },
      resolutionNote: { type: 'string', nullable: true },
      workflowId: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      createdByName: { type: 'string' },
      totalQty: { type: 'integer' },
    },
  },
  Shipment: {
    allOf: [
      { $ref: '#/components/schemas/ShipmentHeader' },
      {
        type: 'object',
        properties: {
          lines: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                position: { type: 'integer' },
                sku: { type: 'string' },
                productName: { type: 'string' },
                size: { type: 'string' },
                qty: { type: 'integer' },
                franchiseeId: { type: 'string', nullable: true },
                receivedQty: { type: 'integer' },
                damagedQty: { type: 'integer' },
              },
            },
          },
          events: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                eventId: { type: 'string' },
                type: { type: 'string' },
                at: { type: 'string' },
                location: { type: 'string', nullable: true },
                expectedArrival: { type: 'string', nullable: true },
                recordedAt: { type: 'string' },
                applied: { type: 'boolean' },
              },
            },
          },
          receipt: {
            type: 'object',
            nullable: true,
            properties: {
              number: { type: 'integer' },
              receivedAt: { type: 'string' },
              byName: { type: 'string' },
              lines: { type: 'array', items: { type: 'object' } },
              discrepancies: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    sku: { type: 'string' },
                    size: { type: 'string' },
                    kind: { type: 'string', enum: ['short', 'over', 'wrong_item', 'damaged'] },
                    expected: { type: 'integer' },
                    received: { type: 'integer' },
                    damaged: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
} as const;

export const shipmentPaths = {
  '/api/shipments': {
    get: {
      summary:
        'Shipments from head office (staff). Filters: status (one or a list), open (not reconciled: the in-transit list), delayed, escalationLevel (at least), season, bookingId, franchiseeId, q (code SH… or 发货单号), id[]. Sort: createdAt, expectedArrival, code, status, escalationLevel',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: ref('ShipmentHeader') }), ...common },
    },
    post: {
      summary:
        'Announce a shipment and start tracking it (follower, specialist, supervisor, manager). Each line is allocated to open order lines of the same SKU and size (of the booking when given, else the oldest first); what no order needs stays unallocated. expectedArrival: an instant, or a date meaning the end of that day in TZ_BUSINESS. 422 lines.<i>.sku / size, bookingId (unknown or not confirmed); 409 shipment_exists (same externalRef)',
      requestBody: body({
        type: 'object',
        required: ['lines', 'expectedArrival'],
        properties: {
          bookingId: { type: 'string' },
          externalRef: { type: 'string', description: 'head office’s 发货单号' },
          season: { type: 'string' },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              required: ['sku', 'size', 'qty'],
              properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
            },
          },
          expectedArrival: { type: 'string' },
          carrier: { type: 'string' },
          trackingNo: { type: 'string' },
        },
      }),
      responses: {
        '201': json(ref('Shipment'), 'Tracking'),
        '409': errorResponse('shipment_exists'),
        '422': refusals['422'],
        '503': errorResponse('temporal_unavailable: not saved'),
        ...common,
      },
    },
  },
  '/api/shipments/import': {
    post: {
      summary:
        'Import head office’s shipping list (总公司发货数据; CSV incl. GB18030 or .xlsx): columns 发货单号, 款号, 尺码, 数量, 预计到货, optional 订单号 (BK…), 承运商, 运单号. One shipment per 发货单号, all or none; a 发货单号 imported before is skipped (listed in `skipped`). 422 rows.<row>.<field>',
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
        },
      },
      responses: {
        '201': json({
          type: 'object',
          properties: { shipments: { type: 'array', items: ref('Shipment') }, skipped: { type: 'array', items: { type: 'string' } } },
        }),
        '413': errorResponse('payload_too_large'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/shipments/{id}': {
    get: {
      summary:
        'One shipment: lines (with the franchisee each is for, received and damaged), every event (applied or not), the latest receipt and its discrepancies',
      parameters: idParam('id'),
      responses: { '200': json(ref('Shipment')), '404': errorResponse('Unknown id'), ...common },
    },
  },
  '/api/shipments/{id}/events': {
    post: {
      summary:
        'A carrier or head-office event: dispatched, in_transit (location), arrived, or eta_changed (expectedArrival; resets the delay clock). Idempotent by eventId (without one, by type, time and location): a repeat answers duplicate:true and changes nothing. An event older than the newest applied one is kept (applied:false) and never moves the status back',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['type', 'at'],
        properties: {
          eventId: { type: 'string' },
          type: { type: 'string', enum: ['dispatched', 'in_transit', 'arrived', 'eta_changed'] },
          at: { type: 'string', format: 'date-time' },
          location: { type: 'string' },
          expectedArrival: { type: 'string' },
        },
      }),
      responses: {
        '200': json({
          type: 'object',
          properties: { shipment: ref('Shipment'), duplicate: { type: 'boolean' }, applied: { type: 'boolean' } },
        }),
        ...refusals,
        ...common,
      },
    },
  },
  '/api/shipments/{id}/receipt': {
    post: {
      summary:
        'The warehouse scan-in (扫描入库): what arrived, per SKU and size, and how much of it is damaged (a number, or true for all of it). Reconciled against the shipment; any difference (short, over, wrong item, damaged) opens a discrepancy task for the supervisor (accept, claim, recount). 409 receipt_exists while one is being reconciled',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['lines'],
        properties: {
          lines: {
            type: 'array',
            items: {
              type: 'object',
              required: ['sku', 'size', 'qty'],
              properties: {
                sku: { type: 'string' },
                size: { type: 'string' },
                qty: { type: 'integer', minimum: 0 },
                damaged: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'boolean' }] },
              },
            },
          },
        },
      }),
      responses: { '201': json(ref('Shipment'), 'Received'), ...refusals, ...common },
    },
  },
  '/api/reports/order-balance': {
    get: {
      summary:
        '期货订、发、欠: ordered, shipped, owed (ordered − shipped) and received, per franchisee and SKU, over confirmed bookings’ order lines (staff). format=csv|xlsx for a file',
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
            rows: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  franchiseeId: { type: 'string' },
                  franchiseeName: { type: 'string' },
                  sku: { type: 'string' },
                  productName: { type: 'string' },
                  orderedQty: { type: 'integer' },
                  shippedQty: { type: 'integer' },
                  owedQty: { type: 'integer' },
                  receivedQty: { type: 'integer' },
                },
              },
            },
            totals: { type: 'object' },
          },
        }),
        '422': refusals['422'],
        ...common,
      },
    },
  },
} as const;
