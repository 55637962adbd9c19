// Reports (api/routes/reports.ts): the dashboard's figures, one path each, and GET /metrics.
import { common, errorResponse, json } from './shared';

const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', schema, description });
const params = (seasonal: boolean) => [
  ...(seasonal ? [q('season', 'season code; default the season running today, else the latest to start')] : []),
  q('at', '"now" of the report, an ISO-8601 instant; default the time of the request'),
  q('from', 'first business day of the period (YYYY-MM-DD, TZ_BUSINESS); default 29 days before to', { type: 'string', format: 'date' }),
  q('to', 'last business day of the period; default today', { type: 'string', format: 'date' }),
  q('format', 'json, or a file: csv (UTF-8 with BOM; tables one after the other) or xlsx (a sheet per table)', {
    type: 'string',
    enum: ['json', 'csv', 'xlsx'],
    default: 'json',
  }),
  q('locale', 'language of a file’s headers; default the user’s', { type: 'string', enum: ['zh-CN', 'en'] }),
];
const get = (summary: string, seasonal = false) => ({
  get: {
    summary,
    parameters: params(seasonal),
    responses: { '200': json({ type: 'object' }), '422': errorResponse('validation_failed: a bad date, period or season'), ...common },
  },
});
export const reportPaths = {
  '/api/reports/dashboard': get(
    'All the figures of the dashboard at once (staff): tasks, escalations this week, cycle times, prepayments, delayed shipments, ordered/shipped/owed, late price approvals, returns and defects. Days and weeks (Monday–Sunday) in TZ_BUSINESS',
    true,
  ),
  '/api/reports/tasks': get(
    'Open, overdue (due before at) and due-today tasks in total, per process type and per person (a role task nobody claimed under its role)',
  ),
  '/api/reports/escalations': get(
    'Escalations (audit events escalated: overdue tasks, delayed shipments) per business day and per process type: this week (Monday–Sunday of at), or from–to when given',
  ),
  '/api/reports/cycle-times': get(
    'Cycle time per process type (start to end of runs that ended in from–to; not withdrawn or failed) and per step (created to decided), count, median and p90 in seconds (percentile_cont)',
  ),
  '/api/reports/prepayments': get(
    'Prepayment due vs received per region over the season’s bookings (not cancelled or rejected), outstanding and overdue (deadline before at), integer fen',
    true,
  ),
  '/api/reports/delayed-shipments': get(
    'Delayed shipments per escalation level (0 = not yet escalated … 3 = manager), late or silent, and the list, longest delayed first',
  ),
  '/api/reports/order-totals': get(
    '期货订、发、欠 of the season in total and per region (owed per franchisee and SKU as in /api/reports/order-balance)',
    true,
  ),
  '/api/reports/late-price-approvals': get(
    'Price adjustments approved in from–to, and those approved after their deadline (audit event approved_late) with how late',
  ),
  '/api/reports/returns': get(
    'Returns and clearances still pending per kind and status; defective units (残次) waiting for after-sales or finance',
  ),
  '/metrics': {
    get: {
      summary:
        'Prometheus text format (no login; counts only): merch_tasks_open, merch_tasks_overdue, merch_task_decisions_total, merch_escalations_total, merch_mail_sent_total, merch_mail_failed, merch_mail_pending, merch_workflow_starts_total, merch_processes_running, merch_shipments_delayed',
      security: [],
      responses: {
        '200': { description: 'text/plain; version=0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } },
        '503': errorResponse('metrics_unavailable: the database did not answer'),
      },
    },
  },
};
