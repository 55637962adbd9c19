// Shared pieces of the master-data routes: zod field types (dates, fen), list filters, and
// the mapping of database refusals (unique, foreign key, missing row) onto the error shape.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import { ApiError, notFound } from './errors';
import type { ListQuery } from './list';

// ---- zod field types -------------------------------------------------------------------------

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  // Year 0000 is a JS date but not a PostgreSQL one, and the day after 9999-12-31 is an instant
  // PostgreSQL does not read (both were 500s): business dates are 1900–9998.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900' && s < '9999';
}

/** 'YYYY-MM-DD', a real calendar date (no 2027-02-30). */
export const isoDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date (1900–9998)');

/** The Date Prisma wants for a @db.Date column, and back. */
export const dateToDb = (isoDay: string): Date => new Date(`${isoDay}T00:00:00Z`);
export const dateFromDb = (d: Date): string => d.toISOString().slice(0, 10);

/** Money in whole fen, never floats. `max` defaults to what a JSON number holds exactly. */
export const fen = (max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: 'must be a whole number of fen' })
    .int('must be a whole number of fen')
    .min(0, 'must be ≥ 0')
    .max(max, `must be at most ${max}`);

/** Largest value of an Int (int4) column. */
export const INT4_MAX = 2_147_483_647;

/** A business key such as a region, store or SKU code. */
export const code = (max = 40) =>
  z
    .string({ error: 'required' })
    .trim()
    .min(1, 'required')
    .max(max, `at most ${max} characters`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only');

export const text = (max = 200) => z.string({ error: 'required' }).trim().min(1, 'required').max(max, `at most ${max} characters`);

/** Most lines one order or shipment may have. */
export const MAX_GOODS_LINES = 20_000;

/**
 * The lines of an order or a shipment: SKU, size and a quantity from 1 to `maxQty`, one line
 * at least. Bookings and shipments differ only in the largest quantity.
 */
export const goodsLines = (maxQty: number) =>
  z
    .array(
      z.object({
        sku: text(40),
        size: text(20),
        qty: z
          .number({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .max(maxQty, `must be at most ${maxQty}`),
      }),
      { error: 'must be a list of lines' },
    )
    .min(1, 'at least one line')
    .max(MAX_GOODS_LINES, `at most ${MAX_GOODS_LINES} lines`);

/** react-admin sends the record's `id`; resources keyed by another field accept either. */
export function idAlias(key: string) {
  return (v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (o[key] === undefined && o.id !== undefined) return { ...o, [key]: o.id };
    }
    return v;
  };
}

// ---- list filters --------------------------------------------------------------------------

export const filterString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function filterBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** react-admin's getMany: filter {"id": [...]}; also a single id. */
export function filterIds(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  return undefined;
}

/** Case-insensitive "contains" on any of the fields. */
export function containsAny(q: unknown, fields: string[]): Record<string, { contains: string; mode: 'insensitive' }>[] | undefined {
  const s = filterString(q);
  if (!s) return undefined;
  return fields.map((f) => ({ [f]: { contains: s, mode: 'insensitive' as const } }));
}

/** orderBy from the list query; `id` is the row's key field under another name. */
export function orderBy(q: ListQuery, keyField: string, fallback: Record<string, 'asc' | 'desc'>): Record<string, 'asc' | 'desc'>[] {
  if (!q.sort) return [fallback];
  const field = q.sort.field === 'id' ? keyField : q.sort.field;
  return field === keyField ? [{ [field]: q.sort.order }] : [{ [field]: q.sort.order }, { [keyField]: 'asc' }];
}

// ---- database refusals ---------------------------------------------------------------------

/** regionId → region, seasonCode → season, superiorId → superior. */
function noun(field: string): string {
  return field.replace(/(Id|Code)$/, '');
}

/** 422 naming the field: an id that names nothing. */
export function unknownReference(field: string, what = noun(field)): ApiError {
  return new ApiError(422, 'validation_failed', `No such ${what}`, { [field]: `no such ${what}` });
}

/** 422 for a rule across fields. */
export function invalid(field: string, message: string): ApiError {
  return new ApiError(422, 'validation_failed', message, { [field]: message });
}

/** 409 in_use for a row others still point at, or null when nothing does. */
export function inUse(what: string, counts: Record<string, number>): ApiError | null {
  const users = Object.entries(counts).filter(([, n]) => n > 0);
  if (!users.length) return null;
  const list = users.map(([name, n]) => `${n} ${n === 1 ? name.replace(/sses$/, 'ss').replace(/([^s])s$/, '$1') : name}`).join(', ');
  return new ApiError(409, 'in_use', `${what} is still used by ${list}`, Object.fromEntries(users));
}

interface AdapterMeta {
  modelName?: string;
  target?: string[] | string;
  field_name?: string;
  driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] }; originalMessage?: string } };
}

/**
 * A Prisma refusal as an API error: P2002 → 409 already_exists (naming the field), P2003 on
 * our own foreign key → 422 naming the field, P2003 from a row pointing at ours → 409 in_use,
 * P2025 → 404. Anything else is returned unchanged.
 */
export function mapDbError(err: unknown, what: string, keyField = 'id'): unknown {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return err;
  const meta = (err.meta ?? {}) as AdapterMeta;
  const cause = meta.driverAdapterError?.cause;
  const index = cause?.constraint?.index ?? meta.field_name ?? '';
  if (err.code === 'P2002') {
    const m = /^[A-Za-z]+_(\w+?)_key$/.exec(index);
    const field = cause?.constraint?.fields?.[0] ?? (Array.isArray(meta.target) ? meta.target[0] : undefined) ?? m?.[1] ?? keyField;
    return new ApiError(409, 'already_exists', `${what} already exists`, { [field]: 'already exists' });
  }
  if (err.code === 'P2003') {
    const m = /^([A-Za-z]+)_(\w+)_fkey$/.exec(index);
    if (m && m[1] === meta.modelName && !/violates foreign key constraint .* on table/.test(cause?.originalMessage ?? '')) {
      return unknownReference(m[2]!);
    }
    const table = m?.[1] ?? /on table "(\w+)"/.exec(cause?.originalMessage ?? '')?.[1];
    return new ApiError(409, 'in_use', `${what} is still used${table ? ` by ${table} rows` : ''}`);
  }
  if (err.code === 'P2025') return notFound(what);
  return err;
}

/** Runs a write and maps the database's refusals (see mapDbError). */
export async function guard<T>(what: string, fn: () => Promise<T>, keyField = 'id'): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mapDbError(err, what, keyField);
  }
}
