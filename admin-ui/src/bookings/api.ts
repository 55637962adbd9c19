import { downloadFile, saveCsv, uploadFile } from '../common/api';
import { API_URL, httpClient } from '../httpClient';
import type { Booking, BookingSummary } from './types';

/** The booking endpoints beyond CRUD (list, show and create go through the dataProvider as `bookings`). */

const bookingUrl = (id: string) => `${API_URL}/bookings/${encodeURIComponent(id)}`;

/** POST /api/bookings/import?season=… with the file itself as the body (CSV or Excel). */
export const importBookings = async (season: string, file: File): Promise<Booking[]> => {
  const json = await uploadFile(`${API_URL}/bookings/import?${new URLSearchParams({ season })}`, file);
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

/** Saves a blob under a name (moved to common/api; still exported here). */
export { saveBlob } from '../common/api';

/**
 * GET /api/bookings/summary/export?season=…&format=csv|xlsx as a file: fetched with the token
 * (a plain link cannot send it), then saved from a blob.
 */
export const downloadSummaryExport = async (season: string, format: 'csv' | 'xlsx'): Promise<void> =>
  downloadFile(`${API_URL}/bookings/summary/export?${new URLSearchParams({ season, format })}`, `订货汇总-${season}.${format}`);

/** The header of an order sheet: 加盟商, 款号, 尺码, 数量. */
export const TEMPLATE_HEADERS = ['加盟商', '款号', '尺码', '数量'];

/**
 * A small CSV template built here (UTF-8 with a BOM so Excel reads the Chinese headers): the
 * header row and two example rows.
 */
export const downloadTemplate = (): void => {
  const rows = [TEMPLATE_HEADERS, ['F002', '27SS-TS-001', 'M', '100'], ['F002', '27SS-SH-002', 'L', '50']];
  saveCsv(rows, '订货单模板.csv');
};
