import AddTaskIcon from '@mui/icons-material/AddTask';
import InboxIcon from '@mui/icons-material/MoveToInbox';
import { Divider } from '@mui/material';
import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';
import { hasAnyRole, STAFF_ROLES } from '../common';

/** Resources with their own menu entries here; every other resource (master data) follows. */
const OWN = new Set(['tasks', 'processes', 'plans', 'approvals']);

/** Inbox, tasks, processes, start an approval (staff); then the master-data resources. */
export const Menu = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const others = Object.keys(resources).filter((name) => !OWN.has(name) && resources[name]?.hasList);
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="app.menu.inbox" leftIcon={<InboxIcon />} data-testid="menu-inbox" />
      {resources.tasks ? <RaMenu.ResourceItem name="tasks" data-testid="menu-tasks" /> : null}
      {resources.processes ? <RaMenu.ResourceItem name="processes" data-testid="menu-processes" /> : null}
      {resources.plans ? <RaMenu.ResourceItem name="plans" data-testid="menu-plans" /> : null}
      {resources.approvals && hasAnyRole(permissions, STAFF_ROLES) ? (
        <RaMenu.Item to="/approvals/create" primaryText="app.menu.start_approval" leftIcon={<AddTaskIcon />} data-testid="menu-start-approval" />
      ) : null}
      {others.length ? <Divider sx={{ my: 1 }} /> : null}
      {others.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  );
};

export default Menu;
