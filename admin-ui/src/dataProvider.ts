import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import type { AppInfo, BulkDecisionResult, Process, Task, TimelineEvent } from './common/types';
import { API_URL, httpClient } from './httpClient';

/**
 * react-admin "simple REST" convention, as in docs/api.md:
 *   GET    /api/<resource>?filter=<json>&range=[start,end]&sort=["field","ASC"]
 *          -> JSON array + `Content-Range: <resource> start-end/total`
 *   GET    /api/<resource>/:id
 *   POST   /api/<resource>
 *   PUT    /api/<resource>/:id
 *   DELETE /api/<resource>/:id
 * Written on fetchUtils (see httpClient.ts) so API errors become HttpErrors whose message is
 * the API's error.message and whose 422 details become form field errors.
 */

const listUrl = (resource: string, query: Record<string, unknown>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, JSON.stringify(value));
  }
  const qs = params.toString();
  return `${API_URL}/${resource}${qs ? `?${qs}` : ''}`;
};

const oneUrl = (resource: string, id: Identifier) => `${API_URL}/${resource}/${encodeURIComponent(String(id))}`;

/** Resources whose API does not sort by `id` (react-admin's default sort); they get their own order. */
const NO_ID_SORT = new Set(['tasks', 'processes', 'users', 'delegations', 'audit-events', 'dev/mails']);

/**
 * `sort` for a list request, or undefined to keep the API's own order: when the field is empty
 * (lists such as the inbox pass `sort={{ field: '', order: 'ASC' }}` to keep the API's default:
 * open tasks first, soonest due first), or `id` where the API cannot sort by it.
 */
const sortParam = (resource: string, sort: { field?: string; order?: string } | undefined) => {
  const field = sort?.field;
  if (!field || (field === 'id' && NO_ID_SORT.has(resource))) return undefined;
  return [field, sort?.order === 'DESC' ? 'DESC' : 'ASC'];
};

const totalFrom = (headers: Headers, fallback: number): number => {
  const contentRange = headers.get('Content-Range');
  if (!contentRange) {
    throw new Error(
      'The Content-Range header is missing in the HTTP response. The API must send it (and expose it through CORS) for lists.',
    );
  }
  const total = contentRange.split('/').pop();
  const parsed = total === undefined || total === '*' ? NaN : parseInt(total, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

const getListLike = async (resource: string, query: Record<string, unknown>) => {
  const { headers, json } = await httpClient(listUrl(resource, query));
  const data = (Array.isArray(json) ? json : []) as RaRecord[];
  return { data, total: totalFrom(headers, data.length) };
};

const post = async <T>(url: string, body: unknown): Promise<T> => {
  const { json } = await httpClient(url, { method: 'POST', body: JSON.stringify(body ?? {}) });
  return json as T;
};

export type ProcessAction = 'withdraw' | 'urge' | 'resubmit';

/** The engine's actions beyond CRUD (decisions, delegation, process actions, timeline, info). */
export interface AppDataProvider extends DataProvider {
  getInfo(): Promise<AppInfo>;
  decideTask(id: Identifier, body: { decision: string; comment?: string }): Promise<Task>;
  decideTasks(body: { taskIds: Identifier[]; decision: string; comment?: string }): Promise<BulkDecisionResult>;
  delegateTask(id: Identifier, body: { toUserId: Identifier; comment?: string }): Promise<Task>;
  claimTask(id: Identifier): Promise<Task>;
  processAction(workflowId: Identifier, action: ProcessAction, body: Record<string, unknown>): Promise<Process | { notified?: number }>;
  getTimeline(workflowId: Identifier): Promise<TimelineEvent[]>;
}

export const dataProvider: AppDataProvider = {
  async getList(resource, params) {
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const { data, total } = await getListLike(resource, {
      filter: params.filter ?? {},
      range: [(page - 1) * perPage, page * perPage - 1],
      sort: sortParam(resource, params.sort),
    });
    return { data: data as never, total };
  },

  async getOne(resource, params) {
    const { json } = await httpClient(oneUrl(resource, params.id), { signal: params.signal });
    return { data: json };
  },

  async getMany(resource, params) {
    const { json } = await httpClient(listUrl(resource, { filter: { id: params.ids } }), { signal: params.signal });
    return { data: Array.isArray(json) ? json : [] };
  },

  async getManyReference(resource, params) {
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const { data, total } = await getListLike(resource, {
      filter: { ...(params.filter ?? {}), [params.target]: params.id },
      range: [(page - 1) * perPage, page * perPage - 1],
      sort: sortParam(resource, params.sort),
    });
    return { data: data as never, total };
  },

  async create(resource, params) {
    const { json } = await httpClient(`${API_URL}/${resource}`, {
      method: 'POST',
      body: JSON.stringify(params.data),
    });
    return { data: json };
  },

  async update(resource, params) {
    const { json } = await httpClient(oneUrl(resource, params.id), {
      method: 'PUT',
      body: JSON.stringify(params.data),
    });
    return { data: json ?? { ...params.previousData, ...params.data, id: params.id } };
  },

  async updateMany(resource, params) {
    await Promise.all(params.ids.map((id) => httpClient(oneUrl(resource, id), { method: 'PUT', body: JSON.stringify(params.data) })));
    return { data: params.ids };
  },

  async delete(resource, params) {
    const { json } = await httpClient(oneUrl(resource, params.id), { method: 'DELETE' });
    // The API may answer 204 No Content.
    return { data: json ?? params.previousData ?? { id: params.id } };
  },

  async deleteMany(resource, params) {
    await Promise.all(params.ids.map((id) => httpClient(oneUrl(resource, id), { method: 'DELETE' })));
    return { data: params.ids };
  },

  async getInfo() {
    const { json } = await httpClient(`${API_URL}/info`);
    return json as AppInfo;
  },

  decideTask: (id, body) => post<Task>(`${oneUrl('tasks', id)}/decision`, body),

  decideTasks: (body) => post<BulkDecisionResult>(`${API_URL}/tasks/decisions`, body),

  delegateTask: (id, body) => post<Task>(`${oneUrl('tasks', id)}/delegate`, body),

  claimTask: (id) => post<Task>(`${oneUrl('tasks', id)}/claim`, {}),

  processAction: (workflowId, action, body) => post(`${oneUrl('processes', workflowId)}/${action}`, body),

  async getTimeline(workflowId) {
    const { json } = await httpClient(`${oneUrl('processes', workflowId)}/timeline`);
    return (Array.isArray(json) ? json : []) as TimelineEvent[];
  },
};

export default dataProvider;
