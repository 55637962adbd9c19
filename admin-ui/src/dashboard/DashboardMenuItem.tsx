import InsightsIcon from '@mui/icons-material/Insights';
import { Menu, usePermissions } from 'react-admin';
import { DASHBOARD_PATH, DASHBOARD_ROLES } from './constants';

/** The menu entry of the reports dashboard (报表看板), for the roles that may read it. */
export const DashboardMenuItem = () => {
  const { permissions } = usePermissions();
  if (!Array.isArray(permissions) || !permissions.some((r) => DASHBOARD_ROLES.includes(String(r)))) return null;
  return <Menu.Item to={DASHBOARD_PATH} primaryText="app.menu.reports" leftIcon={<InsightsIcon />} data-testid="menu-dashboard" />;
};
