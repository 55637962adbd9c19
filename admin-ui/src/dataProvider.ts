import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import { API_URL, httpClient } from './httpClient';

/**
 * react-admin "simple REST" convention, as in API.md:
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

export const dataProvider: DataProvider = {
  async getList(resource, params) {
    const { page = 1, perPage = 25 } = params.pagination ?? {};
    const { field = 'id', order = 'ASC' } = params.sort ?? {};
    const { data, total } = await getListLike(resource, {
      filter: params.filter ?? {},
      range: [(page - 1) * perPage, page * perPage - 1],
      sort: [field, order],
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
    const { field = 'id', order = 'ASC' } = params.sort ?? {};
    const { data, total } = await getListLike(resource, {
      filter: { ...(params.filter ?? {}), [params.target]: params.id },
      range: [(page - 1) * perPage, page * perPage - 1],
      sort: [field, order],
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
    await Promise.all(
      params.ids.map((id) => httpClient(oneUrl(resource, id), { method: 'PUT', body: JSON.stringify(params.data) })),
    );
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
};

export default dataProvider;
