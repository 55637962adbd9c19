import { fetchUtils, HttpError } from 'react-admin';

/** Same-origin API: Express serves this UI at `/` and the JSON API at `/api/*`. */
export const API_URL = '/api';

const TOKEN_KEY = 'merchandise-flow.token';
const USER_KEY = 'merchandise-flow.user';

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  roles: string[];
  [key: string]: unknown;
}

export const session = {
  getToken: (): string | null => localStorage.getItem(TOKEN_KEY),
  getUser: (): SessionUser | null => {
    const raw = localStorage.getItem(USER_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SessionUser;
    } catch {
      return null;
    }
  },
  set: (token: string, user: SessionUser): void => {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear: (): void => {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  },
};

/** Body of every API error (docs/api.md, "HTTP conventions"). */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** What react-admin forms understand as server-side validation errors. */
export type SubmissionErrors = Record<string, string | { serverError: string }>;

const messageOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(messageOf).filter(Boolean).join('; ') || undefined;
  if (value && typeof value === 'object' && 'message' in value) return messageOf((value as { message: unknown }).message);
  return undefined;
};

const pathOf = (path: unknown): string | undefined => {
  if (Array.isArray(path)) return path.length ? path.map(String).join('.') : undefined;
  if (typeof path === 'string' || typeof path === 'number') return String(path);
  return undefined;
};

/**
 * 422 `details` -> react-hook-form submission errors. Accepts both shapes the API may send:
 * an object `{ "lines.0.qty": "must be positive" }` or an array `[{ path, message }]`
 * (`path` a dotted string or a zod-style array). Whole-request problems (`_`, empty path)
 * (else the overall message) go to `root.serverError`, which react-admin shows as the notification.
 */
export const toSubmissionErrors = (details: unknown, message: string): SubmissionErrors => {
  const errors: SubmissionErrors = {};
  let rootMessage: string | undefined;
  const add = (field: string | undefined, msg: string | undefined) => {
    if (!msg) return;
    if (!field || field === '_' || field === 'root') {
      rootMessage ??= msg;
      return;
    }
    errors[field] ??= msg;
  };
  if (Array.isArray(details)) {
    for (const item of details) {
      if (item && typeof item === 'object') {
        const rec = item as Record<string, unknown>;
        add(pathOf(rec.path ?? rec.field ?? rec.name), messageOf(rec.message));
      }
    }
  } else if (details && typeof details === 'object') {
    for (const [field, value] of Object.entries(details as Record<string, unknown>)) add(field, messageOf(value));
  }
  errors.root = { serverError: rootMessage ?? message };
  return errors;
};

/**
 * Turns whatever fetchUtils rejected with into a react-admin HttpError whose message is the
 * API's `error.message`, and whose body carries `errors` for 422 so forms mark the fields.
 */
export const toHttpError = (error: unknown): unknown => {
  if (!(error instanceof HttpError)) {
    // fetch() itself failed: server down, offline, proxy error.
    if (error instanceof TypeError)
      return new HttpError('ra.notification.http_error', 0, { error: { code: 'network_error', message: error.message } });
    return error;
  }
  const body = (error.body ?? {}) as ApiErrorBody;
  const apiError = body.error;
  const message = apiError?.message || error.message || 'ra.notification.http_error';
  const mapped: Record<string, unknown> = { ...body };
  if (error.status === 422) mapped.errors = toSubmissionErrors(apiError?.details, message);
  return new HttpError(message, error.status, mapped);
};

/** fetchUtils.fetchJson + Bearer token + API error mapping. */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  const token = session.getToken();
  const opts: fetchUtils.Options = { ...options };
  if (token) opts.user = { authenticated: true, token: `Bearer ${token}` };
  try {
    return await fetchUtils.fetchJson(url, opts);
  } catch (error) {
    throw toHttpError(error);
  }
};
