import { HttpError } from 'react-admin';
import { httpClient, session, toHttpError } from '../httpClient';

/**
 * File transfer shared by the feature folders: uploading a sheet as the request body, fetching a
 * file with the token and saving it, a CSV template built here, and the 422 details of an import
 * or a save as lists.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a file input of an import accepts: CSV or Excel. */
export const SHEET_ACCEPT = `.csv,.xlsx,text/csv,${XLSX_TYPE}`;

/** The Content-Type of an import file, from its name (browsers often leave File.type empty for .csv). */
export const importContentType = (file: File): string | undefined => {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return undefined;
};

/** Sends a file (CSV or Excel) itself as the body of a request; resolves with the JSON answer. */
export const uploadFile = async (url: string, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<unknown> => {
  const type = importContentType(file) ?? (file.type || 'application/octet-stream');
  const { json } = await httpClient(url, {
    method,
    body: file,
    headers: new Headers({ 'Content-Type': type, Accept: 'application/json' }),
  });
  return json as unknown;
};

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` first, then `filename=`). */
export const filenameOf = (disposition: string | null): string | undefined => {
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

/** Saves a blob under a name (an object URL clicked through a temporary link). */
export const saveBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/**
 * GET a file with the token (a plain link cannot send it), then save it from a blob under the
 * server's name (Content-Disposition) or `fallbackName`. API errors are thrown as HttpErrors.
 */
export const downloadFile = async (url: string, fallbackName: string): Promise<void> => {
  const token = session.getToken();
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
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
  saveBlob(blob, filenameOf(res.headers.get('Content-Disposition')) ?? fallbackName);
};

/** A CSV built here (UTF-8 with a BOM so Excel reads Chinese headers), saved under a name. */
export const saveCsv = (rows: string[][], name: string): void => {
  const csv = `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name);
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

const detailsOf = (error: HttpError): unknown => (error.body as { error?: { details?: unknown } } | undefined)?.error?.details;

const pathOf = (d: unknown): string => {
  const rec = (d ?? {}) as Record<string, unknown>;
  return Array.isArray(rec.path) ? rec.path.join('.') : String(rec.path ?? rec.field ?? '');
};

export const importErrors = (error: unknown): ImportError[] => {
  if (!(error instanceof HttpError)) return [];
  const details = detailsOf(error);
  const entries: [string, unknown][] = Array.isArray(details)
    ? details.map((d) => [pathOf(d), ((d ?? {}) as Record<string, unknown>).message])
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
  const details = detailsOf(error);
  if (Array.isArray(details))
    return details.map((d) => ({ key: pathOf(d), message: messageOf(((d ?? {}) as Record<string, unknown>).message) }));
  if (details && typeof details === 'object')
    return Object.entries(details as Record<string, unknown>).map(([key, v]) => ({ key, message: messageOf(v) }));
  return [];
};
