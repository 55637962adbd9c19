/**
 * Who may use what, as the API decides: each list names the roles whose requests the guard of
 * the route (api/auth.ts, api/routes/*.ts) lets through. The UI offers a menu entry, a page, a
 * link or a button only to these roles, so none leads to a 403. `admin` passes every requireRole
 * guard and holds every role in the demo data; the lists name it where the API's guard names
 * roles one by one. All lists are subsets of ROLES.
 */
import { ROLES, rolesExcept, type Role } from '.';

/** Partners outside the merchandise department (api/auth.ts OUTSIDE_STAFF). */
export const OUTSIDE_ROLES: readonly Role[] = ['store_manager', 'franchisee'];

/**
 * Staff of the merchandise department (api/auth.ts isStaff, requireStaff): master data, plans,
 * the bookings' summary, shipments and the order balance, reports, the reports dashboard.
 */
export const STAFF_ROLES: readonly Role[] = rolesExcept(...OUTSIDE_ROLES);

/** POST /api/approvals (发起审批, a general approval): everyone but franchisees. */
export const APPROVAL_REQUESTER_ROLES: readonly Role[] = rolesExcept('franchisee');

/** POST/PUT /api/plans…: who drafts, edits and submits plans. */
export const PLAN_WRITER_ROLES: readonly Role[] = ['admin', 'supervisor', 'specialist', 'manager'];

/** GET /api/bookings: staff, and franchisees (their own bookings). Not store managers. */
export const BOOKING_READER_ROLES: readonly Role[] = rolesExcept('store_manager');
/** POST /api/bookings, /api/bookings/import. */
export const BOOKING_WRITER_ROLES: readonly Role[] = ['admin', 'specialist', 'supervisor', 'manager'];
/** POST /api/bookings/:id/payments (收款). */
export const PAYMENT_ROLES: readonly Role[] = ['admin', 'finance'];
/** POST /api/bookings/:id/cancel. */
export const BOOKING_CANCEL_ROLES: readonly Role[] = ['admin', 'manager'];

/** POST /api/shipments…: who records shipments, their events and the scan-in. */
export const SHIPMENT_TRACKER_ROLES: readonly Role[] = ['admin', 'follower', 'specialist', 'supervisor', 'manager'];

/** GET /api/price-adjustments, /api/prices: staff and store managers. */
export const PRICE_READER_ROLES: readonly Role[] = rolesExcept('franchisee');
/** POST /api/price-adjustments. */
export const PRICE_PROPOSER_ROLES: readonly Role[] = ['admin', 'specialist', 'store_lead', 'supervisor', 'manager'];

/** GET /api/returns: staff all, a store manager their store's, a franchisee their own. */
export const RETURN_READER_ROLES: readonly Role[] = ROLES;
/** POST /api/returns for any store or franchisee (STAFF_REQUESTERS). */
export const RETURN_STAFF_REQUESTER_ROLES: readonly Role[] = ['admin', 'specialist', 'after_sales', 'supervisor', 'manager', 'store_lead'];
/** POST /api/returns at all: those, and store managers and franchisees for themselves. */
export const RETURN_WRITER_ROLES: readonly Role[] = [...RETURN_STAFF_REQUESTER_ROLES, 'store_manager', 'franchisee'];

/** GET /api/users (the user directory: picking a delegate, names on the timeline). */
export const USER_READER_ROLES: readonly Role[] = [
  'admin',
  'manager',
  'supervisor',
  'specialist',
  'follower',
  'finance',
  'general_manager',
];

/** Whether the user's roles (react-admin's permissions) include one of `roles`. */
export const hasAnyRole = (permissions: unknown, roles: readonly string[]): boolean =>
  Array.isArray(permissions) && permissions.some((r) => roles.includes(String(r)));
