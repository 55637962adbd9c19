// Master-data resources (users, regions, stores, franchisees, products, seasons,
// business-calendar overrides, settings). App.tsx renders what masterDataResources returns.
import type { ReactElement } from 'react';
import { calendarOverridesResource } from './calendarOverrides';
import { delegationsResource } from './delegations';
import { franchiseesResource } from './franchisees';
import { canRead, isStaff, type MasterDataResource, type Permissions } from './permissions';
import { productsResource } from './products';
import { regionsResource } from './regions';
import { seasonsResource } from './seasons';
import { settingsResource } from './settings';
import { storesResource } from './stores';
import { usersResource } from './users';

export { canRead, canWrite, isAdmin, isStaff, MASTER_DATA_RESOURCES } from './permissions';
export { roleChoices } from './users/roles';

const builders: Record<MasterDataResource, (permissions: Permissions) => ReactElement> = {
  users: usersResource,
  delegations: delegationsResource,
  regions: regionsResource,
  stores: storesResource,
  franchisees: franchiseesResource,
  products: productsResource,
  seasons: seasonsResource,
  'calendar-overrides': calendarOverridesResource,
  settings: settingsResource,
};

/**
 * The <Resource> elements this user may see (permissions = their roles). Franchisees and store
 * managers see none; create/edit pages (and so the create/edit/delete buttons) are registered
 * only for the roles allowed to write.
 */
export function masterDataResources(permissions: string[] | undefined): ReactElement[] {
  if (!isStaff(permissions)) return [];
  return (Object.keys(builders) as MasterDataResource[])
    .filter((resource) => canRead(resource, permissions))
    .map((resource) => builders[resource](permissions));
}
