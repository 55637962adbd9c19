/** Roles of the domain (prisma enum Role), in the order they are listed in the UI. */
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

export const roleChoices = ROLES.map((id) => ({ id, name: `app.roles.${id}` }));
