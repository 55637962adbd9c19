import OutOfOfficeIcon from '@mui/icons-material/EventBusy';
import { Resource } from 'react-admin';
import type { Permissions } from '../permissions';
import { canWrite } from '../permissions';
import { DelegationCreate } from './DelegationCreate';
import { DelegationList } from './DelegationList';

/** `delegations` (代理/外出): out-of-office periods; list and create, end = delete. */
export const delegationsResource = (permissions: Permissions) => (
  <Resource
    key="delegations"
    name="delegations"
    list={DelegationList}
    create={canWrite('delegations', permissions) ? DelegationCreate : undefined}
    icon={OutOfOfficeIcon}
  />
);
