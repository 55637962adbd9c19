// Who sees and who may change which master data. `permissions` = the user's roles
// (authProvider.getPermissions). `admin` may do everything.
import { usePermissions } from 'react-admin';
import type { Role } from '../roles';
import { OUTSIDE_ROLES, USER_READER_ROLES } from '../roles/access';

export type Permissions = readonly string[] | undefined;

export const MASTER_DATA_RESOURCES = [
  'users',
  'delegations',
  'regions',
  'stores',
  'franchisees',
  'products',
  'seasons',
  'calendar-overrides',
  'settings',
] as const;

export type MasterDataResource = (typeof MASTER_DATA_RESOURCES)[number];

// OUTSIDE_ROLES see no master data at all (outside users of the brand); USER_READER_ROLES read
// the user directory (GET /api/users): roles/access.ts.

/** Roles (besides admin) allowed to create, edit and delete each resource. */
export const WRITE_ROLES: Record<MasterDataResource, readonly string[]> = {
  users: [],
  // Everyone may record their own out-of-office periods (only admin for someone else).
  delegations: ['*'],
  regions: [],
  stores: ['manager'],
  franchisees: ['manager'],
  products: ['manager'],
  seasons: ['manager'],
  'calendar-overrides': [],
  settings: [],
};

const rolesOf = (permissions: unknown): string[] =>
  Array.isArray(permissions) ? permissions.filter((r): r is string => typeof r === 'string') : [];

export const isAdmin = (permissions: unknown): boolean => rolesOf(permissions).includes('admin');

/** Staff of the merchandise department: anyone with a role other than franchisee / store manager. */
export const isStaff = (permissions: unknown): boolean => {
  const roles = rolesOf(permissions);
  return roles.includes('admin') || roles.some((r) => !OUTSIDE_ROLES.includes(r as Role));
};

export const canRead = (resource: MasterDataResource, permissions: unknown): boolean => {
  if (isAdmin(permissions)) return true;
  if (!isStaff(permissions)) return false;
  if (resource === 'users') return rolesOf(permissions).some((r) => USER_READER_ROLES.includes(r as Role));
  return true;
};

export const canWrite = (resource: MasterDataResource, permissions: unknown): boolean => {
  if (isAdmin(permissions)) return true;
  if (!canRead(resource, permissions)) return false;
  const allowed = WRITE_ROLES[resource];
  return allowed.includes('*') || rolesOf(permissions).some((r) => allowed.includes(r));
};

/** Role checks inside components (permissions come from react-admin's auth provider). */
export const useMasterDataPermissions = () => {
  const { permissions, isPending } = usePermissions<string[]>();
  return {
    isPending,
    permissions,
    isAdmin: isAdmin(permissions),
    canRead: (resource: MasterDataResource) => canRead(resource, permissions),
    canWrite: (resource: MasterDataResource) => canWrite(resource, permissions),
  };
};
