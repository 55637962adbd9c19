/** Where the reports dashboard is (a custom route inside the layout). */
export const DASHBOARD_PATH = '/dashboard';

/** Who may see it: merchandise staff (GET /api/reports/* refuses store managers and franchisees). */
export const DASHBOARD_ROLES = [
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
  'area_manager',
];
