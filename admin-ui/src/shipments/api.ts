import { HttpError } from 'react-admin';
import { saveBlob } from '../bookings/api';
import { API_URL, httpClient, session, toHttpError } from '../httpClient';
import { importContentType } from '../plans/api';
import type { OrderBalance, Shipment, ShipmentEventType } from './types';

/** The shipment endpoints beyond CRUD (list, show and create go through the dataProvider as `shipments`). */

const shipmentUrl = (id: string) => `${API_URL}/shipments/${encodeURIComponent(id)}`;

export interface ImportResult {
  shipments: Shipment[];
  /** 发货单号 already imported before (left alone). */
  skipped: string[];
}

/** POST /api/shipments/import with head office's shipping list itself as the body (CSV or Excel). */
export const importShipments = async (file: File): Promise<ImportResult> => {
  const type = importContentType(file) ?? (file.type || 'application/octet-stream');
  const { json } = await httpClient(`${API_URL}/shipments/import`, {
    method: 'POST',
    body: file,
    headers: new Headers({ 'Content-Type': type, Accept: 'application/json' }),
  });
  const body = (json ?? {}) as Partial<ImportResult>;
  return { shipments: body.shipments ?? [], skipped: body.skipped ?? [] };
};

export interface EventBody {
  type: ShipmentEventType;
  /** An ISO instant. */
  at: string;
  location?: string;
  /** For eta_changed: a date (end of that day in the business zone) or an instant. */
  expectedArrival?: string;
  eventId?: string;
}

export interface EventResult {
  shipment: Shipment;
  duplicate: boolean;
  applied: boolean;
}

export const recordEvent = async (id: string, body: EventBody): Promise<EventResult> => {
  const { json } = await httpClient(`${shipmentUrl(id)}/events`, { method: 'POST', body: JSON.stringify(body) });
  return json as EventResult;
};

export interface ReceiptBodyLine {
  sku: string;
  size: string;
  qty: number;
  damaged: number;
}

export const submitReceipt = async (id: string, lines: ReceiptBodyLine[]): Promise<Shipment> => {
  const { json } = await httpClient(`${shipmentUrl(id)}/receipt`, { method: 'POST', body: JSON.stringify({ lines }) });
  return json as Shipment;
};

const balanceParams = (season: string, franchiseeId?: string, format?: 'csv' | 'xlsx') => {
  const params = new URLSearchParams({ season });
  if (franchiseeId) params.set('franchiseeId', franchiseeId);
  if (format) params.set('format', format);
  return params;
};

export const getOrderBalance = async (season: string, franchiseeId?: string): Promise<OrderBalance> => {
  const { json } = await httpClient(`${API_URL}/reports/order-balance?${balanceParams(season, franchiseeId)}`);
  return json as OrderBalance;
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
 * GET /api/reports/order-balance?season=…&format=csv|xlsx as a file: fetched with the token (a
 * plain link cannot send it), then saved from a blob.
 */
export const downloadOrderBalance = async (season: string, format: 'csv' | 'xlsx', franchiseeId?: string): Promise<void> => {
  const token = session.getToken();
  let res: Response;
  try {
    res = await fetch(`${API_URL}/reports/order-balance?${balanceParams(season, franchiseeId, format)}`, {
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
  saveBlob(blob, filenameOf(res.headers.get('Content-Disposition')) ?? `期货订发欠-${season}.${format}`);
};

/** The header of head office's shipping list: 发货单号, 款号, 尺码, 数量, 预计到货, 订单号 (optional). */
export const TEMPLATE_HEADERS = ['发货单号', '款号', '尺码', '数量', '预计到货', '订单号'];

/**
 * A small CSV template built here (UTF-8 with a BOM so Excel reads the Chinese headers): the
 * header row and example rows of two shipments, one of them against a booking.
 */
export const downloadTemplate = (): void => {
  const rows = [
    TEMPLATE_HEADERS,
    ['HO-20270301-01', '27SS-TS-001', 'M', '100', '2027-03-10', 'BK000001'],
    ['HO-20270301-01', '27SS-TS-001', 'L', '80', '2027-03-10', 'BK000001'],
    ['HO-20270301-02', '27SS-SH-002', 'M', '50', '2027-03-12', ''],
  ];
  const csv = `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), '发货单模板.csv');
};
