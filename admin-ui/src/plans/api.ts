import { HttpError } from 'react-admin';
import { API_URL, httpClient, session, toHttpError } from '../httpClient';
import type { Plan, PlanDiff, RevisionSummary } from './types';

/** The plan endpoints beyond CRUD (CRUD goes through the dataProvider as resource `plans`). */

const planUrl = (id: string) => `${API_URL}/plans/${encodeURIComponent(id)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Type of an import file, from its name (browsers often leave File.type empty for .csv). */
export const importContentType = (file: File): string | undefined => {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return undefined;
};

export const submitPlan = async (id: string, comment?: string): Promise<Plan> => {
  const body = comment?.trim() ? { comment: comment.trim() } : {};
  const { json } = await httpClient(`${planUrl(id)}/submit`, { method: 'POST', body: JSON.stringify(body) });
  return json as Plan;
};

/** PUT /api/plans/:id/lines with the file itself as the body (CSV or Excel). */
export const importLines = async (id: string, file: File): Promise<Plan> => {
  const type = importContentType(file) ?? (file.type || 'application/octet-stream');
  const { json } = await httpClient(`${planUrl(id)}/lines`, {
    method: 'PUT',
    body: file,
    headers: new Headers({ 'Content-Type': type, Accept: 'application/json' }),
  });
  return json as Plan;
};

export const getRevisions = async (id: string): Promise<RevisionSummary[]> => {
  const { json } = await httpClient(`${planUrl(id)}/revisions`);
  return (Array.isArray(json) ? json : []) as RevisionSummary[];
};

export const getDiff = async (id: string, from: number, to: number): Promise<PlanDiff> => {
  const { json } = await httpClient(`${planUrl(id)}/diff?from=${from}&to=${to}`);
  return json as PlanDiff;
};

const filenameOf = (disposition: string | null): string | undefined => {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim();
};

/**
 * GET /api/plans/:id/export as a file: fetched with the token (a plain link cannot send it),
 * then saved from a blob.
 */
export const downloadExport = async (plan: Pick<Plan, 'id' | 'title'>, format: 'csv' | 'xlsx', revision?: number): Promise<void> => {
  const params = new URLSearchParams({ format });
  if (revision) params.set('revision', String(revision));
  const token = session.getToken();
  let res: Response;
  try {
    res = await fetch(`${planUrl(plan.id)}/export?${params}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw toHttpError(error);
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw toHttpError(new HttpError((body as { error?: { message?: string } })?.error?.message || res.statusText, res.status, body));
  }
  const blob = await res.blob();
  const fallback = `${plan.title || plan.id}${revision ? `-r${revision}` : ''}.${format}`;
  const name = filenameOf(res.headers.get('Content-Disposition')) ?? fallback;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** 422 details of an import (`rows.<row>.<field>` or `file`) as a list of row errors. */
export interface ImportError {
  row?: number;
  field?: string;
  message: string;
}

const messageOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(messageOf).filter(Boolean).join('; ');
  if (value && typeof value === 'object' && 'message' in value) return messageOf((value as { message: unknown }).message);
  return value == null ? '' : String(value);
};

export const importErrors = (error: unknown): ImportError[] => {
  if (!(error instanceof HttpError)) return [];
  const details = (error.body as { error?: { details?: unknown } } | undefined)?.error?.details;
  const entries: [string, unknown][] = Array.isArray(details)
    ? details.map((d) => {
        const rec = (d ?? {}) as Record<string, unknown>;
        const path = Array.isArray(rec.path) ? rec.path.join('.') : String(rec.path ?? rec.field ?? '');
        return [path, rec.message];
      })
    : details && typeof details === 'object'
      ? Object.entries(details as Record<string, unknown>)
      : [];
  return entries
    .map(([key, value]) => {
      const m = /^rows\.(\d+)(?:\.(.+))?$/.exec(key);
      if (m) return { row: Number(m[1]), field: m[2], message: messageOf(value) };
      return { field: key && key !== 'file' ? key : undefined, message: messageOf(value) };
    })
    .sort((a, b) => (a.row ?? -1) - (b.row ?? -1));
};

/** Other 422 details (of a save): every key with its message, for a summary above the grid. */
export const detailList = (error: unknown): { key: string; message: string }[] => {
  if (!(error instanceof HttpError)) return [];
  const details = (error.body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (Array.isArray(details)) {
    return details.map((d) => {
      const rec = (d ?? {}) as Record<string, unknown>;
      return { key: Array.isArray(rec.path) ? rec.path.join('.') : String(rec.path ?? rec.field ?? ''), message: messageOf(rec.message) };
    });
  }
  if (details && typeof details === 'object') return Object.entries(details as Record<string, unknown>).map(([key, v]) => ({ key, message: messageOf(v) }));
  return [];
};
