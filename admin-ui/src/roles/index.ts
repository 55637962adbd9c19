/**
 * Roles of the domain (prisma enum Role), in the order the UI lists them. The one list of roles
 * in the UI: who-may-see-what lists elsewhere are subsets of it.
 */
export const ROLES = [
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
  'franchisee',
  'area_manager',
] as const;

export type Role = (typeof ROLES)[number];

export type RoleLabels = Record<Role, string>;

/** ROLES without the given ones, in the same order. */
export const rolesExcept = (...excluded: Role[]): Role[] => ROLES.filter((role) => !excluded.includes(role));
