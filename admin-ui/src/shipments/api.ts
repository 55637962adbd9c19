import { downloadFile, saveCsv, uploadFile } from '../common/api';
import { API_URL, httpClient } from '../httpClient';
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
  const json = await uploadFile(`${API_URL}/shipments/import`, file);
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

/**
 * GET /api/reports/order-balance?season=…&format=csv|xlsx as a file: fetched with the token (a
 * plain link cannot send it), then saved from a blob.
 */
export const downloadOrderBalance = async (season: string, format: 'csv' | 'xlsx', franchiseeId?: string): Promise<void> =>
  downloadFile(`${API_URL}/reports/order-balance?${balanceParams(season, franchiseeId, format)}`, `期货订发欠-${season}.${format}`);

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
  saveCsv(rows, '发货单模板.csv');
};
