// fast-check arbitraries for fuzzing the API, built from our OpenAPI document (api/openapi/):
// every operation (method and path), its path parameters (a real id, an unknown id, garbage),
// its query parameters, and a request body shaped like its schema but hostile: wrong types,
// missing and extra fields, huge strings and arrays, bad numbers, money and dates, awkward
// unicode, prototype-pollution keys, malformed JSON and wrong content types.
import fc from 'fast-check';
import type { Db } from '../../lib/db/client';

type Schema = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema> } };

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/regions/{id}. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  /** A react-admin list (has filter/range/sort). */
  list: boolean;
  body?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document. */
export function operations(doc: Doc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
        | undefined;
      if (!op) continue;
      const params = op.parameters ?? [];
      const query = params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } }));
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query,
        list: query.some((q) => q.name === 'range'),
        body: body ? resolve(doc, body) : undefined,
      });
    }
  }
  return ops;
}

/** $ref and allOf resolved (to a bounded depth). */
function resolve(doc: Doc, s: Schema, depth = 0): Schema {
  if (depth > 6) return { type: 'object' };
  if (typeof s.$ref === 'string') return resolve(doc, doc.components.schemas[s.$ref.split('/').pop()!] ?? { type: 'object' }, depth + 1);
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as Schema[]).map((p) => resolve(doc, p, depth + 1));
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
  }
  const out: Schema = { ...s };
  if (s.properties)
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [k, resolve(doc, v, depth + 1)]),
    );
  if (s.items) out.items = resolve(doc, s.items as Schema, depth + 1);
  return out;
}

// ---- hostile scalars ---------------------------------------------------------------------------

const HUGE = 'x'.repeat(100_000);
const HUGE_CJK = '商'.repeat(30_000);

/** Numbers (and money) a validator must refuse or handle: negative, fractional, huge, unsafe. */
export const badNumber = fc.constantFrom<unknown>(
  -1,
  -0,
  0,
  0.5,
  1.005,
  12.34,
  -100,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  5e-324,
  '12',
  '1e3',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '１２',
  '',
  ' 1 ',
  '12.00',
  '1,000',
);

/** Dates and instants: impossible days, far past and future, bad zones, other spellings. */
export const badDate = fc.constantFrom<unknown>(
  '2026-02-30',
  '2027-02-29',
  '2027-13-01',
  '2027-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '275760-09-13',
  '-000001-01-01',
  '2027-03-01T25:00:00+08:00',
  '2027-03-01T10:00:00+99:00',
  '2027-03-01T10:00:00+08:00[Asia/Nowhere]',
  '2027-03-01T10:00:00 CST',
  '2027/3/1',
  '20270301',
  '2027-3-1',
  'tomorrow',
  '1e12',
  '',
  'T',
  '2027-03-01T',
  1_700_000_000_000,
  '2027-03-01T10:00:00.123456789Z',
);

/** Text: empty, blank, huge, RTL override, emoji, NUL bytes, lone surrogates, control characters, injections. */
export const badText = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    ' ',
    '\t\n',
    HUGE,
    HUGE_CJK,
    '\u202Eevil\u202C',
    'مرحبا',
    '😀👨‍👩‍👧‍👦',
    'a\u0000b',
    '\u0000',
    '\uD800',
    'x\uDFFFy',
    '\uFEFF',
    '\u200B',
    '\u0007\u001b[31m',
    '\'; DROP TABLE "User"; --',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '../../etc/passwd',
    '%00',
    '${7*7}',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'prototype',
    'null',
    'undefined',
    'true',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Any wrong-typed JSON value. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [null], { a: 1 }),
  badNumber,
  badText,
  fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  fc.constant(Array.from({ length: 3_000 }, () => ({ sku: 'X', size: 'M', qty: 1 }))),
);

/** Object keys that try prototype pollution. */
const POLLUTING = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

// ---- values shaped like a schema ---------------------------------------------------------------

/** Pools of real values (ids, codes) the generator mixes into otherwise plausible bodies. */
export interface Pools {
  /** By resource (the path segment before {id}): regions, users, plans, … */
  ids: Record<string, string[]>;
  /** Plausible strings for fields named like ids or codes. */
  strings: string[];
}

function plausible(schema: Schema, pools: Pools, name: string, depth: number): fc.Arbitrary<unknown> {
  const t = schema.type;
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (t === 'integer') return fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 31 }));
  if (t === 'number') return fc.double({ min: 0, max: 1, noNaN: true });
  if (t === 'boolean') return fc.boolean();
  if (schema.format === 'date') return fc.constantFrom('2027-02-01', '2027-03-15', '2026-12-31');
  if (schema.format === 'date-time') return fc.constantFrom('2027-03-15T10:00:00+08:00', '2027-03-15T02:00:00Z');
  if (t === 'array') return fc.array(valueOf((schema.items as Schema) ?? {}, pools, name, depth + 1), { maxLength: 3 });
  if (t === 'object' || schema.properties) return objectOf(schema, pools, depth + 1);
  if (/id$|Id$|code|sku|season|key|username/i.test(name) && pools.strings.length) return fc.constantFrom(...pools.strings);
  return fc.string({ maxLength: 12 });
}

/** A value for a schema: mostly plausible, sometimes hostile, so refusals come from every layer. */
export function valueOf(schema: Schema, pools: Pools, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return wrongType;
  const hostile =
    schema.type === 'integer' || schema.type === 'number'
      ? badNumber
      : schema.format === 'date' || schema.format === 'date-time'
        ? badDate
        : wrongType;
  return fc.oneof(
    { arbitrary: plausible(schema, pools, name, depth), weight: 3 },
    { arbitrary: hostile, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  );
}

function objectOf(schema: Schema, pools: Pools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries((schema.properties as Record<string, Schema>) ?? {});
  const fields = Object.fromEntries(props.map(([k, v]) => [k, valueOf(v, pools, k, depth)]));
  const known = props.length ? fc.record(fields, { requiredKeys: [] }) : fc.constant({});
  const extra = fc.dictionary(
    fc.oneof(fc.constantFrom(...POLLUTING, 'extra', 'id', 'createdAt', 'status', 'amountFen', 'roles'), fc.string({ maxLength: 8 })),
    wrongType,
    { maxKeys: 2 },
  );
  return fc.tuple(known, extra, fc.boolean()).map(([k, e, withExtra]) => {
    // Own properties even for __proto__ (as JSON.parse makes them), so they reach the wire.
    const out: Record<string, unknown> = { ...k };
    if (withExtra)
      for (const [key, v] of Object.entries(e))
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

// ---- bodies on the wire -------------------------------------------------------------------------

export interface WireBody {
  contentType?: string;
  body?: string | Buffer;
  what: string;
}

const MALFORMED = [
  '{',
  '}',
  '{"a":',
  '[1,2',
  'nul',
  'undefined',
  "{'a':1}",
  '{"a":1,}',
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '{"lines":[{"__proto__":{"qty":1}}]}',
  '1e999',
  '"just a string"',
  '123',
  'true',
  'null',
  '[]',
  '[{}]',
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000),
  `{"s":"${'y'.repeat(3_000_000)}"}`,
];

export function wireBody(schema: Schema | undefined, pools: Pools): fc.Arbitrary<WireBody> {
  const shaped = schema ? valueOf(schema, pools) : wrongType;
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null', what: 'json' })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...MALFORMED).map((b) => ({ contentType: 'application/json', body: b, what: 'malformed json' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'text/csv',
            'application/octet-stream',
            '',
          ),
          fc.oneof(
            shaped.map((v) => JSON.stringify(v) ?? 'null'),
            fc.constantFrom(
              'a=1&b[c]=2&__proto__[x]=1',
              '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
              '<a>1</a>',
              '',
            ),
          ),
        )
        .map(([contentType, body]) => ({ contentType: contentType || undefined, body, what: `content-type ${contentType || 'none'}` })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 200 })
        .map((b) => ({ contentType: 'application/json', body: Buffer.from(b), what: 'random bytes' })),
    },
    { weight: 1, arbitrary: fc.constant({ what: 'no body' }) },
  );
}

// ---- path and query ------------------------------------------------------------------------------

const GARBAGE_IDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  'not-a-uuid',
  '0',
  '-1',
  '1.5',
  '9999999999999999999999',
  '%00',
  '%E2%80%AE',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
  '__proto__',
  'constructor',
  "'%20OR%201=1--",
  encodeURIComponent('😀'),
  encodeURIComponent('\uD800'.replace(/\uD800/, 'x')),
  'a'.repeat(2_000),
  'NaN',
];

/** A path with its parameters substituted: a real id of the resource, an unknown one, or garbage. */
export function pathArb(op: Operation, pools: Pools): fc.Arbitrary<string> {
  const parts = op.path.split('/');
  return fc
    .tuple(
      ...op.pathParams.map((p) => {
        const resource = parts[parts.indexOf(`{${p}}`) - 1] ?? '';
        const real = pools.ids[p === 'id' ? resource : p] ?? pools.ids[resource] ?? [];
        return fc.oneof(
          { weight: 3, arbitrary: real.length ? fc.constantFrom(...real.map(encodeURIComponent)) : fc.constantFrom(...GARBAGE_IDS) },
          { weight: 2, arbitrary: fc.constantFrom(...GARBAGE_IDS) },
        );
      }),
    )
    .map((values) => {
      let i = 0;
      return op.path.replace(/\{\w+\}/g, () => values[i++]!);
    });
}

/** Percent-encoded; a lone surrogate (which UTF-8 cannot hold) as its invalid 3-byte form. */
const enc = (v: unknown) =>
  (typeof v === 'string' ? v.slice(0, 3_000) : (JSON.stringify(v) ?? 'undefined'))
    .split(/([\uD800-\uDFFF])/)
    .map((part, i) => (i % 2 ? (part === '' ? '' : '%ED%A0%80') : encodeURIComponent(part)))
    .join('');

/** Filter, range and sort values of a react-admin list, mostly wrong. */
const listParam = {
  filter: fc.oneof(
    fc.constantFrom(
      '{',
      '[]',
      'null',
      '"x"',
      '1',
      '{"q":{"$ne":1}}',
      '{"id":[1,{"a":2}]}',
      '{"__proto__":{"polluted":"yes"}}',
      '{"status":["open",null]}',
      '{"mine":"maybe"}',
      '{"overdue":1}',
      '{"q":"\\u0000"}',
      '{"q":"%"}',
      '{"q":"_"}',
      '{"id":"not-a-uuid"}',
      '{"season":"\\ud800"}',
      '{"from":"2026-02-30"}',
      '{"processType":["x","y"]}',
    ),
    fc
      .dictionary(
        fc.constantFrom(
          'q',
          'id',
          'status',
          'season',
          'mine',
          'overdue',
          'processType',
          'regionId',
          'roles',
          'active',
          'kind',
          'type',
          'sku',
          'workflowId',
          'from',
          'to',
          '__proto__',
          'constructor',
        ),
        wrongType,
        { maxKeys: 3 },
      )
      .map((d) => JSON.stringify(d)),
  ),
  range: fc.oneof(
    fc.constantFrom(
      '[',
      '[0]',
      '[0,1,2]',
      '[-1,5]',
      '[5,1]',
      '[0.5,3]',
      '[0,1e308]',
      '[1e21,1e22]',
      '["0","9"]',
      '[null,null]',
      '{}',
      '[0,9007199254740993]',
      '[2147483648,2147483650]',
      '[0,99999999]',
    ),
    fc.tuple(fc.integer({ min: -5, max: 5000 }), fc.integer({ min: -5, max: 2 ** 31 + 5 })).map((t) => JSON.stringify(t)),
  ),
  sort: fc.oneof(
    fc.constantFrom(
      '[',
      '["id"]',
      '["id","UP"]',
      '[1,"ASC"]',
      '["__proto__","ASC"]',
      '["constructor","DESC"]',
      '["passwordHash","ASC"]',
      '["id; DROP TABLE x","ASC"]',
      '["id","ASC","x"]',
      '"id"',
      '{}',
    ),
    fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom('ASC', 'DESC', 'asc', 'x', '')).map((t) => JSON.stringify(t)),
  ),
};

function queryValue(schema: Schema, pools: Pools, name: string): fc.Arbitrary<string> {
  return fc.oneof(
    plausible(schema, pools, name, 3).map(enc),
    (schema.format === 'date' || /^(at|from|to)$/.test(name) ? badDate : schema.type === 'integer' ? badNumber : badText).map(enc),
  );
}

/** A query string (with the leading ?) for an operation: its parameters with odd values, duplicates and bracket syntax. */
export function queryArb(op: Operation, pools: Pools): fc.Arbitrary<string> {
  const named = op.query.map((q) => {
    const value = q.name in listParam ? listParam[q.name as keyof typeof listParam].map(enc) : queryValue(q.schema, pools, q.name);
    return fc.option(
      value.map((v) => `${q.name}=${v}`),
      { nil: undefined, freq: 3 },
    );
  });
  const odd = fc.constantFrom(
    '',
    'range=[0,1]&range=[2,3]',
    'filter[q]=a',
    'filter[__proto__][polluted]=yes',
    'sort[]=id',
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes',
    'season[]=2027SS',
    'season=2027SS&season=2027AW',
    'season=%ED%A0%80',
    'season=%C0%AF',
    'season=%FF%FE',
    'format=pdf',
    'format[]=csv',
    'a=%ZZ',
    'x=' + 'y'.repeat(8_000),
  );
  return fc.tuple(fc.tuple(...named), odd).map(([parts, extra]) => {
    const all = [...parts.filter((p): p is string => p !== undefined), ...(extra ? [extra] : [])];
    return all.length ? `?${all.join('&')}` : '';
  });
}

// ---- whole requests ------------------------------------------------------------------------------

export type Caller = 'admin' | 'low' | 'none' | 'bad-token';

export interface FuzzRequest {
  op: Operation;
  method: string;
  url: string;
  as: Caller;
  body: WireBody;
}

/** A request to one of the operations, as admin, a low-privileged user, nobody or a forged token. */
export function requestArb(ops: Operation[], pools: Pools, focus: 'bodies' | 'queries'): fc.Arbitrary<FuzzRequest> {
  const caller = fc.constantFrom<Caller>('admin', 'admin', 'admin', 'low', 'low', 'none', 'bad-token');
  return fc.constantFrom(...ops).chain((op) =>
    fc
      .record({
        path: pathArb(op, pools),
        query: focus === 'queries' || op.query.length ? queryArb(op, pools) : fc.constant(''),
        as: caller,
        body:
          focus === 'bodies' && op.method !== 'GET'
            ? wireBody(op.body, pools)
            : fc.oneof(
                { weight: 4, arbitrary: fc.constant<WireBody>({ what: 'no body' }) },
                { weight: 1, arbitrary: wireBody(op.body, pools) },
              ),
        // A method the path does not have now and then: 404/405, never 5xx.
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(op.method) },
          { weight: 1, arbitrary: fc.constantFrom('PATCH', 'DELETE', 'PUT', 'POST') },
        ),
      })
      .map(({ path, query, as, body, method }) => ({ op, method, url: path + query, as, body })),
  );
}

// ---- the state a refusal must not touch ----------------------------------------------------------

/** One checksum per table of the schema: md5 of every row as text, in a fixed order. */
export async function tableChecksums(db: Db): Promise<Record<string, string>> {
  const tables = (
    await db.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map((r) => r.tablename);
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h FROM "${t}" x`)
    .join(' UNION ALL ');
  const rows = await db.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The checksums once nothing writes any more (equal a second apart): after an accepted request, its workflows settle. */
export async function quietTables(db: Db): Promise<Record<string, string>> {
  let last = await tableChecksums(db);
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = await tableChecksums(db);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the database never became quiet');
}
