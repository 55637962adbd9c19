import { HttpError } from 'react-admin';
import { API_URL, httpClient, session, toHttpError } from '../httpClient';
import { importContentType } from '../plans/api';
import type { Booking, BookingSummary } from './types';

/** The booking endpoints beyond CRUD (list, show and create go through the dataProvider as `bookings`). */

const bookingUrl = (id: string) => `${API_URL}/bookings/${encodeURIComponent(id)}`;

/** POST /api/bookings/import?season=… with the file itself as the body (CSV or Excel). */
export const importBookings = async (season: string, file: File): Promise<Booking[]> => {
  const type = importContentType(file) ?? (file.type || 'application/octet-stream');
  const { json } = await httpClient(`${API_URL}/bookings/import?${new URLSearchParams({ season })}`, {
    method: 'POST',
    body: file,
    headers: new Headers({ 'Content-Type': type, Accept: 'application/json' }),
  });
  const body = json as { bookings?: Booking[] } | Booking[] | null;
  return Array.isArray(body) ? body : (body?.bookings ?? []);
};

export interface PaymentBody {
  amountFen: number;
  reference: string;
  paidOn?: string;
  note?: string;
}

export const recordPayment = async (id: string, body: PaymentBody): Promise<Booking> => {
  const { json } = await httpClient(`${bookingUrl(id)}/payments`, { method: 'POST', body: JSON.stringify(body) });
  return json as Booking;
};

export const cancelBooking = async (id: string, reason: string): Promise<Booking> => {
  const { json } = await httpClient(`${bookingUrl(id)}/cancel`, { method: 'POST', body: JSON.stringify({ reason }) });
  return json as Booking;
};

export const getSummary = async (season: string): Promise<BookingSummary> => {
  const { json } = await httpClient(`${API_URL}/bookings/summary?${new URLSearchParams({ season })}`);
  return json as BookingSummary;
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
 * GET /api/bookings/summary/export?season=…&format=csv|xlsx as a file: fetched with the token
 * (a plain link cannot send it), then saved from a blob.
 */
export const downloadSummaryExport = async (season: string, format: 'csv' | 'xlsx'): Promise<void> => {
  const token = session.getToken();
  let res: Response;
  try {
    res = await fetch(`${API_URL}/bookings/summary/export?${new URLSearchParams({ season, format })}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
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
  saveBlob(blob, filenameOf(res.headers.get('Content-Disposition')) ?? `订货汇总-${season}.${format}`);
};

/** The header of an order sheet: 加盟商, 款号, 尺码, 数量. */
export const TEMPLATE_HEADERS = ['加盟商', '款号', '尺码', '数量'];

/**
 * A small CSV template built here (UTF-8 with a BOM so Excel reads the Chinese headers): the
 * header row and two example rows.
 */
export const downloadTemplate = (): void => {
  const rows = [TEMPLATE_HEADERS, ['F002', '27SS-TS-001', 'M', '100'], ['F002', '27SS-SH-002', 'L', '50']];
  const csv = `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), '订货单模板.csv');
};
