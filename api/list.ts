// react-admin's simple REST list convention (docs/api.md):
// ?filter=<json>&range=[start,end]&sort=["field","ASC"|"DESC"] → array + Content-Range.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError } from './errors';
import { nulAt } from './nul';

export interface ListQuery {
  filter: Record<string, unknown>;
  skip: number;
  take: number;
  sort?: { field: string; order: 'asc' | 'desc' };
}

const MAX_PAGE = 1000;

function jsonParam(req: Request, name: string): unknown {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new ApiError(400, 'bad_list_query', `${name} must be given once`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'bad_list_query', `${name} is not valid JSON`);
  }
  // "\u0000" in the JSON: PostgreSQL text cannot hold a NUL, so it would end as a 500.
  if (nulAt(value, name)) throw new ApiError(400, 'bad_list_query', `${name} must not contain the NUL character`);
  return value;
}

export function parseListQuery(req: Request, sortable: readonly string[]): ListQuery {
  const filter = z.record(z.string(), z.unknown()).optional().safeParse(jsonParam(req, 'filter'));
  if (!filter.success) throw new ApiError(400, 'bad_list_query', 'filter must be a JSON object');
  const range = z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .optional()
    .safeParse(jsonParam(req, 'range'));
  if (!range.success || (range.data && range.data[1] < range.data[0])) {
    throw new ApiError(400, 'bad_list_query', 'range must be [start, end] with 0 <= start <= end');
  }
  const sort = z
    .tuple([z.string(), z.enum(['ASC', 'DESC', 'asc', 'desc'])])
    .optional()
    .safeParse(jsonParam(req, 'sort'));
  if (!sort.success) throw new ApiError(400, 'bad_list_query', 'sort must be ["field", "ASC"|"DESC"]');
  if (sort.data && !sortable.includes(sort.data[0])) {
    throw new ApiError(400, 'bad_list_query', `cannot sort by ${sort.data[0]}; sortable: ${sortable.join(', ')}`);
  }
  const [start, end] = range.data ?? [0, 24];
  return {
    filter: filter.data ?? {},
    skip: start,
    take: Math.min(end - start + 1, MAX_PAGE),
    sort: sort.data ? { field: sort.data[0], order: sort.data[1].toLowerCase() as 'asc' | 'desc' } : undefined,
  };
}

export function sendList<T>(res: Response, resource: string, query: ListQuery, rows: T[], total: number): void {
  const end = rows.length ? query.skip + rows.length - 1 : query.skip;
  res.setHeader('Content-Range', `${resource} ${query.skip}-${end}/${total}`);
  res.json(rows);
}
