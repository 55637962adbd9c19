import { STAFF_ROLES } from '../roles/access';

/** Where the reports dashboard is (a custom route inside the layout). */
export const DASHBOARD_PATH = '/dashboard';

/** Who may see it: merchandise staff (GET /api/reports/* refuses store managers and franchisees). */
export const DASHBOARD_ROLES: readonly string[] = STAFF_ROLES;
