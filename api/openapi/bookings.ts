// Order-fair bookings of the franchisees (期货订货): booking, importing, payments, cancelling, the
// season's summary, and the franchisee quotas they are checked against.
import { body, common, errorResponse, fenSchema, idParam, json, listParams, ref, refusals } from './shared';

export const bookingSchemas = {
  BookingHeader: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      code: { type: 'string', description: 'BK000012: quoted in the transfer remark' },
      franchiseeId: { type: 'string' },
      franchiseeName: { type: 'string' },
      regionId: { type: 'string' },
      regionName: { type: 'string' },
      season: { type: 'string' },
      status: { type: 'string', enum: ['awaiting_approval', 'awaiting_payment', 'overdue', 'confirmed', 'cancelled', 'rejected'] },
      amountFen: fenSchema,
      prepaymentShareBp: { type: 'integer', description: 'basis points: 3000 = 30%' },
      prepaymentDueFen: fenSchema,
      paidFen: fenSchema,
      outstandingFen: { ...fenSchema, description: 'prepayment still due (0 once closed)' },
      paymentDeadline: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        description:
          'null until the order statement (订货确认单) is sent: the payment window (the franchisee’s days, else booking.paymentWindow) runs from then, to the end of that day in TZ_BUSINESS',
      },
      statementSentAt: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        description: 'when the order statement was sent (at once within the quota, else after the manager’s quota review); null before',
      },
      quotaFen: { type: 'integer', nullable: true },
      quotaCheck: { type: 'string', enum: ['within', 'below', 'above', 'no_quota'] },
      totalQty: { type: 'integer' },
      note: { type: 'string', nullable: true },
      workflowId: { type: 'string' },
      createdById: { type: 'string' },
      createdByName: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      confirmedAt: { type: 'string', format: 'date-time', nullable: true },
      cancelledAt: { type: 'string', format: 'date-time', nullable: true },
      reason: { type: 'string', nullable: true },
    },
  },
  Booking: {
    allOf: [
      { $ref: '#/components/schemas/BookingHeader' },
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
                unitPriceFen: fenSchema,
                amountFen: fenSchema,
              },
            },
          },
          payments: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                amountFen: fenSchema,
                reference: { type: 'string' },
                paidOn: { type: 'string', format: 'date', nullable: true },
                note: { type: 'string', nullable: true },
                recordedById: { type: 'string' },
                recordedByName: { type: 'string' },
                recordedAt: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
    ],
  },
  BookingFigures: {
    type: 'object',
    properties: {
      quotaFen: { type: 'integer', nullable: true },
      orderedFen: fenSchema,
      quotaUsedBp: { type: 'integer', nullable: true, description: 'ordered × 10000 / quota, floored' },
      prepaymentDueFen: fenSchema,
      receivedFen: fenSchema,
      outstandingFen: fenSchema,
      bookings: { type: 'integer' },
      confirmed: { type: 'integer' },
      overdue: { type: 'integer' },
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
            {
              type: 'object',
              properties: {
                regionId: { type: 'string' },
                regionName: { type: 'string' },
                franchisees: {
                  type: 'array',
                  items: {
                    allOf: [
                      { $ref: '#/components/schemas/BookingFigures' },
                      { type: 'object', properties: { franchiseeId: { type: 'string' }, franchiseeName: { type: 'string' } } },
                    ],
                  },
                },
              },
            },
          ],
        },
      },
    },
  },
} as const;

export const bookingPaths = {
  '/api/bookings': {
    get: {
      summary:
        'Order-fair bookings (期货订单): staff and finance see all, a franchisee’s users their own. Filters: season, franchiseeId, regionId, status (one or a list), payable (awaiting approval or payment, or overdue), q (code BK…, franchisee name or id), id[]. Sort: createdAt, code, amountFen, paymentDeadline, status, franchiseeId, season',
      parameters: listParams,
      responses: { '200': json({ type: 'array', items: ref('BookingHeader') }), ...common },
    },
    post: {
      summary:
        'Book a franchisee’s futures order (specialist, supervisor, manager). Priced at each product’s wholesale price; amountFen = Σ qty × price; prepaymentDueFen = amount × the franchisee’s share (else booking.prepaymentShare), rounded half up to the fen; Within [quota × (1 − booking.quotaTolerance), quota] the workflow mails the franchisee the order statement (订货确认单) at once; below, above or without a quota it waits for the manager’s quota review first and sends the statement once approved. paymentDeadline = booking.paymentWindow (or the franchisee’s days) from the moment the statement is sent, to the end of that day in TZ_BUSINESS (null until then). 422 details: lines.<i>.sku (unknown, other season), lines.<i>.size, lines.<i> (duplicate SKU and size), franchiseeId; 409 season_closed, booking_exists (one active booking per franchisee and season)',
      requestBody: body({
        type: 'object',
        required: ['franchiseeId', 'season', 'lines'],
        properties: {
          franchiseeId: { type: 'string' },
          season: { type: 'string' },
          lines: {
            type: 'array',
            maxItems: 20000,
            items: {
              type: 'object',
              required: ['sku', 'size', 'qty'],
              properties: { sku: { type: 'string' }, size: { type: 'string' }, qty: { type: 'integer', minimum: 1, maximum: 100000 } },
            },
          },
          note: { type: 'string' },
        },
      }),
      responses: {
        '201': json(ref('Booking'), 'Booked'),
        '409': errorResponse('season_closed or booking_exists'),
        '422': refusals['422'],
        '503': errorResponse('temporal_unavailable: not saved'),
        ...common,
      },
    },
  },
  '/api/bookings/import': {
    post: {
      summary:
        'Import the order fair’s order sheet (CSV, also GB18030, or .xlsx; at most 10 MB): one booking per franchisee in it, all or none. Long layout 加盟商, 款号, 尺码, 数量; or wide (尺码配比) layout 加盟商, 款号 and one column per size. Zero or blank quantities are skipped. 422 details rows.<row>.<field> (the header is row 1) or file',
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
      summary:
        'Season summary by region and franchisee (staff, finance): quota vs ordered, prepayment due vs received and outstanding, over active bookings (cancelled and rejected ones release their quota)',
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
        '200': {
          description: 'The file',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        '422': refusals['422'],
        ...common,
      },
    },
  },
  '/api/bookings/{id}': {
    get: {
      summary: 'One booking: the franchisee’s statement (lines, amounts, deadline) and the payments recorded',
      parameters: idParam('id'),
      responses: { '200': json(ref('Booking')), '404': errorResponse('Unknown id'), ...common },
    },
  },
  '/api/bookings/{id}/payments': {
    post: {
      summary:
        'Record a payment received (finance). Partial payments add up; paid at least the prepayment due, the booking is confirmed and its lines become open order lines. 409 duplicate_payment_reference (on this or another booking), booking_closed (confirmed, cancelled, rejected); 422 validation_failed (above the order amount still open), payment_date_in_future (paidOn after today in TZ_BUSINESS; nothing is recorded)',
      parameters: idParam('id'),
      requestBody: body({
        type: 'object',
        required: ['amountFen', 'reference'],
        properties: {
          amountFen: { type: 'integer', minimum: 1 },
          reference: { type: 'string', maxLength: 100 },
          paidOn: { type: 'string', format: 'date', description: 'the day it was paid: today or earlier in TZ_BUSINESS' },
          note: { type: 'string' },
        },
      }),
      responses: {
        '201': json(ref('Booking'), 'Recorded'),
        ...refusals,
        '422': errorResponse('validation_failed, with details per field; payment_date_in_future: paidOn is after today in TZ_BUSINESS'),
        ...common,
      },
    },
  },
  '/api/bookings/{id}/cancel': {
    post: {
      summary:
        'Cancel a booking not yet confirmed (manager): the quota is released, the franchisee told; money received goes back through a finance task',
      parameters: idParam('id'),
      requestBody: body({ type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } }),
      responses: { '200': json(ref('Booking')), ...refusals, ...common },
    },
  },
  '/api/seasons/{code}/quotas/from-plan': {
    post: {
      summary:
        'Set the season’s franchisee quotas (订货指标) from its approved purchase plan (manager): each franchisee’s quota is the sum of the plan’s line amounts of its stores. 422 when the season has no approved purchase plan',
      parameters: idParam('code'),
      responses: {
        '200': json({
          type: 'object',
          properties: {
            planId: { type: 'string' },
            quotas: {
              type: 'array',
              items: {
                type: 'object',
                properties: { franchiseeId: { type: 'string' }, quotaFen: fenSchema, previousFen: { type: 'integer', nullable: true } },
              },
            },
          },
        }),
        '404': errorResponse('Unknown season'),
        '422': refusals['422'],
        ...common,
      },
    },
  },
} as const;
