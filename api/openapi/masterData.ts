// Master data (regions, stores, franchisees, products, seasons, calendar overrides): one shape each,
// the same five operations on every one.
import { body, common, dateSchema, fenSchema, idParam, json, listParams, masterRefusals, ref } from './shared';

export const masterDataSchemas = {
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
      prepaymentShareBp: {
        type: 'integer',
        minimum: 0,
        maximum: 10000,
        nullable: true,
        description: 'basis points (3000 = 30%); null: the booking.prepaymentShare setting',
      },
      paymentWindowDays: {
        type: 'integer',
        minimum: 1,
        maximum: 365,
        nullable: true,
        description: 'null: the booking.paymentWindow setting',
      },
      quotas: {
        type: 'array',
        description: 'order quota per season; a PUT with quotas replaces them all',
        items: {
          type: 'object',
          required: ['seasonCode', 'quotaFen'],
          properties: { seasonCode: { type: 'string' }, quotaFen: fenSchema },
        },
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
      sizes: {
        type: 'array',
        items: { type: 'string' },
        description: 'in size-run order; a PUT with sizes replaces them',
        example: ['S', 'M', 'L', 'XL'],
      },
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
} as const;

/** The five operations on one kind of master data, at /api/<resource> and /api/<resource>/{id}. */
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

export const masterDataPaths = {
  ...masterData('regions', 'Region', {
    what: 'Regions (片区)',
    writer: 'admin',
    filters: 'q (id or name), id[]',
    create: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
  }),
  ...masterData('stores', 'Store', {
    what: 'Stores',
    writer: 'manager',
    filters: 'q (id or name), regionId, kind, franchiseeId, id[]',
    create: {
      allOf: [ref('Store')],
      required: ['id', 'name', 'regionId'],
      description: 'kind defaults to direct; a franchise store must name franchiseeId, a direct one must not',
    },
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
    create: {
      allOf: [ref('Product')],
      required: ['sku', 'name', 'category', 'seasonCode', 'wholesalePriceFen', 'retailPriceFen', 'sizes'],
    },
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
} as const;
