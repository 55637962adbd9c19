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

/** Choices for SelectInput / SelectArrayInput; names are translation keys (masterData.roles.*). */
export const roleChoices = ROLES.map((id) => ({ id, name: `masterData.roles.${id}` }));

export const LOCALE_CHOICES = [
  { id: 'zh-CN', name: 'masterData.locales.zh-CN' },
  { id: 'en', name: 'masterData.locales.en' },
];
