import { API_URL, httpClient, session } from '../httpClient';

/** GET /api/reports/dashboard (api/routes/reports.ts): every figure of the dashboard at once. */

export interface TaskCounts {
  open: number;
  overdue: number;
  dueToday: number;
}

export interface CycleTime {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface OrderQuantities {
  orderedQty: number;
  shippedQty: number;
  owedQty: number;
  receivedQty: number;
}

export interface DashboardData {
  at: string;
  tz: string;
  today: string;
  season: string | null;
  period: { from: string; to: string };
  week: { from: string; to: string };
  tasks: {
    totals: TaskCounts;
    byProcess: (TaskCounts & { processType: string })[];
    byPerson: (TaskCounts & { userId: string | null; name: string | null; username: string | null; role: string | null })[];
  };
  escalations: {
    from: string;
    to: string;
    total: number;
    byDay: { date: string; count: number }[];
    byProcess: { processType: string; count: number }[];
  };
  cycleTimes: {
    from: string;
    to: string;
    processes: (CycleTime & { processType: string })[];
    steps: (CycleTime & { processType: string; stepKey: string; title: string; titleEn: string })[];
  };
  prepayments: {
    season: string | null;
    regions: {
      regionId: string;
      regionName: string;
      bookings: number;
      dueFen: number;
      receivedFen: number;
      outstandingFen: number;
      overdueFen: number;
    }[];
    totals: { bookings: number; dueFen: number; receivedFen: number; outstandingFen: number; overdueFen: number };
  };
  delayedShipments: {
    total: number;
    byLevel: { level: number; count: number; late: number; silent: number }[];
    shipments: {
      id: string;
      seq: number;
      kind: string;
      level: number;
      reason: string | null;
      delayedSince: string | null;
      expectedArrival: string;
      hoursDelayed: number | null;
    }[];
  };
  orders: { season: string | null; totals: OrderQuantities; byRegion: (OrderQuantities & { regionId: string; regionName: string })[] };
  lateApprovals: {
    from: string;
    to: string;
    approved: number;
    late: number;
    onTime: number;
    adjustments: {
      adjustmentId: string;
      seq: number | null;
      approvedAt: string;
      dueAt: string | null;
      hoursLate: number | null;
      proposerName: string | null;
      urgent: boolean;
    }[];
  };
  returns: {
    pending: number;
    byStatus: { kind: string; status: string; count: number }[];
    defects: { requests: number; defectiveQty: number; byStatus: { status: string; requests: number; defectiveQty: number }[] };
  };
}

const query = (season: string | undefined, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  if (season) params.set('season', season);
  return params.toString();
};

export const getDashboard = async (season?: string): Promise<DashboardData> => {
  const { json } = await httpClient(`${API_URL}/reports/dashboard?${query(season)}`);
  return json as DashboardData;
};

/** The whole dashboard as a file (a sheet per figure), fetched with the token and saved. */
export const downloadDashboard = async (season: string | undefined, format: 'csv' | 'xlsx', locale: string): Promise<void> => {
  const token = session.getToken();
  const res = await fetch(`${API_URL}/reports/dashboard?${query(season, { format, locale: locale.startsWith('en') ? 'en' : 'zh-CN' })}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`export failed: ${res.status}`);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? `report-dashboard.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
