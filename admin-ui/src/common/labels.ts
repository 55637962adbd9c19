/** Vocabularies of the engine, with their i18n keys (labels in processes/i18n.ts and tasks/i18n.ts). */

export { APPROVAL_REQUESTER_ROLES, hasAnyRole, STAFF_ROLES, USER_READER_ROLES } from '../roles/access';

export const PROCESS_TYPES = ['approval', 'plan', 'booking', 'shipment', 'price', 'return'] as const;
export const PROCESS_STATUSES = ['running', 'sent_back', 'approved', 'rejected', 'withdrawn', 'completed', 'failed'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
/**
 * Decisions with a translated label (app.decision.<key>); others are shown by their key. Beyond
 * the engine's: booking (extend, cancel, refunded), shipment (accept, claim and recount a receipt
 * discrepancy; followed_up on a delay rung; received, which the scan-in sets).
 */
export const KNOWN_DECISIONS = [
  'approve',
  'reject',
  'send_back',
  'resubmit',
  'extend',
  'cancel',
  'confirm',
  'refunded',
  'accept',
  'claim',
  'recount',
  'followed_up',
  'received',
  'acknowledge',
  'repair',
  'write_off',
  'return_to_head_office',
  'booked',
] as const;
/**
 * Decisions that need a comment: the reason (reject, cancel an overdue booking), what to change
 * (send back), what is claimed or why to count again, what was done about a delay.
 */
export const COMMENT_REQUIRED = new Set(['reject', 'send_back', 'cancel', 'claim', 'recount', 'followed_up']);

export const processTypeChoices = PROCESS_TYPES.map((id) => ({ id, name: `app.process_type.${id}` }));
export const processStatusChoices = PROCESS_STATUSES.map((id) => ({ id, name: `app.process_status.${id}` }));
export const taskStatusChoices = TASK_STATUSES.map((id) => ({ id, name: `app.task_status.${id}` }));
export const yesNoChoices = [
  { id: 'true', name: 'app.common.yes' },
  { id: 'false', name: 'app.common.no' },
];

type Color = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const processStatusColor = (status: string | undefined): Color => {
  switch (status) {
    case 'running':
      return 'info';
    case 'sent_back':
      return 'warning';
    case 'approved':
    case 'completed':
      return 'success';
    case 'rejected':
    case 'failed':
      return 'error';
    default:
      return 'default';
  }
};

export const taskStatusColor = (status: string | undefined): Color =>
  status === 'open' ? 'info' : status === 'done' ? 'success' : 'default';

export const decisionColor = (decision: string | null | undefined): Color => {
  switch (decision) {
    case 'approve':
    case 'confirm':
    case 'resubmit':
    case 'refunded':
    case 'accept':
    case 'followed_up':
    case 'received':
      return 'success';
    case 'reject':
    case 'cancel':
      return 'error';
    case 'send_back':
    case 'claim':
      return 'warning';
    case 'recount':
      return 'info';
    default:
      return 'default';
  }
};
