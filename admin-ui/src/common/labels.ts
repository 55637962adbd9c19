/** Vocabularies of the engine, with their i18n keys (labels in i18n/zh.ts and i18n/en.ts). */

export const PROCESS_TYPES = ['approval', 'plan', 'booking', 'shipment', 'price', 'return'] as const;
export const PROCESS_STATUSES = ['running', 'sent_back', 'approved', 'rejected', 'withdrawn', 'completed', 'failed'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
/** Decisions with a translated label; others are shown by their key. */
export const KNOWN_DECISIONS = ['approve', 'reject', 'send_back', 'resubmit', 'extend', 'cancel', 'confirm'] as const;
/** Decisions that need a comment (the reason, or what to change). */
export const COMMENT_REQUIRED = new Set(['reject', 'send_back']);
/** Staff roles that may start a general approval (POST /api/approvals). */
export const STAFF_ROLES = [
  'admin',
  'general_manager',
  'manager',
  'supervisor',
  'specialist',
  'follower',
  'buyer',
  'store_lead',
  'after_sales',
  'finance',
  'store_manager',
  'area_manager',
];
/** Roles that may read the user list (to pick a delegate). */
export const USER_READER_ROLES = ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'general_manager'];

export const hasAnyRole = (permissions: unknown, roles: readonly string[]): boolean =>
  Array.isArray(permissions) && permissions.some((r) => roles.includes(String(r)));

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
      return 'success';
    case 'reject':
    case 'cancel':
      return 'error';
    case 'send_back':
      return 'warning';
    default:
      return 'default';
  }
};
