import { downloadFile, uploadFile } from '../common/api';
import { API_URL, httpClient } from '../httpClient';
import type { Plan, PlanDiff, RevisionSummary } from './types';

/** The import helpers moved to common/api; still exported here for the folders importing them from plans. */
export { detailList, importContentType, importErrors, XLSX_TYPE, type ImportError } from '../common/api';

/** The plan endpoints beyond CRUD (CRUD goes through the dataProvider as resource `plans`). */

const planUrl = (id: string) => `${API_URL}/plans/${encodeURIComponent(id)}`;

export const submitPlan = async (id: string, comment?: string): Promise<Plan> => {
  const body = comment?.trim() ? { comment: comment.trim() } : {};
  const { json } = await httpClient(`${planUrl(id)}/submit`, { method: 'POST', body: JSON.stringify(body) });
  return json as Plan;
};

/** PUT /api/plans/:id/lines with the file itself as the body (CSV or Excel). */
export const importLines = async (id: string, file: File): Promise<Plan> => (await uploadFile(`${planUrl(id)}/lines`, file, 'PUT')) as Plan;

export const getRevisions = async (id: string): Promise<RevisionSummary[]> => {
  const { json } = await httpClient(`${planUrl(id)}/revisions`);
  return (Array.isArray(json) ? json : []) as RevisionSummary[];
};

export const getDiff = async (id: string, from: number, to: number): Promise<PlanDiff> => {
  const { json } = await httpClient(`${planUrl(id)}/diff?from=${from}&to=${to}`);
  return json as PlanDiff;
};

/**
 * GET /api/plans/:id/export as a file: fetched with the token (a plain link cannot send it),
 * then saved from a blob.
 */
export const downloadExport = async (plan: Pick<Plan, 'id' | 'title'>, format: 'csv' | 'xlsx', revision?: number): Promise<void> => {
  const params = new URLSearchParams({ format });
  if (revision) params.set('revision', String(revision));
  await downloadFile(`${planUrl(plan.id)}/export?${params}`, `${plan.title || plan.id}${revision ? `-r${revision}` : ''}.${format}`);
};
