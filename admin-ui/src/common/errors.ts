import { HttpError } from 'react-admin';

/** API error codes with a translated message (app.error.<code>); others show the server's text. */
const KNOWN_CODES = new Set([
  'task_already_decided',
  'not_open',
  'already_decided',
  'process_finished',
  'urge_too_soon',
  'forbidden',
  'not_found',
  'network_error',
]);

export interface ApiErrorInfo {
  status?: number;
  code?: string;
  message: string;
}

export const apiErrorInfo = (error: unknown): ApiErrorInfo => {
  if (error instanceof HttpError) {
    const body = error.body as { error?: { code?: string; message?: string } } | undefined;
    return { status: error.status, code: body?.error?.code, message: body?.error?.message || error.message };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
};

/**
 * What to tell the user about a failed call: a translated message for known codes (the server's
 * text as the fallback through polyglot's `_`), else the server's message.
 */
export const errorMessage = (error: unknown, translate: (key: string, options?: object) => string): string => {
  const { code, message } = apiErrorInfo(error);
  if (code && KNOWN_CODES.has(code)) return translate(`app.error.${code}`, { _: message, message });
  return message || translate('ra.notification.http_error');
};

/** Same for a `{code, message}` pair (bulk results). */
export const codeMessage = (
  error: { code?: string; message?: string } | undefined,
  translate: (key: string, options?: object) => string,
): string => {
  if (error?.code && KNOWN_CODES.has(error.code)) {
    return translate(`app.error.${error.code}`, { _: error.message ?? error.code, message: error.message ?? '' });
  }
  return error?.message ?? translate('ra.notification.http_error');
};
