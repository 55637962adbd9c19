import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { darkTheme, Layout, Login, lightTheme } from './layout';
import users from './users';

const isAdmin = (permissions: unknown): boolean => Array.isArray(permissions) && permissions.includes('admin');

export const App = () => (
  <Admin
    title="商品运营流程 / Merchandise Flow"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    loginPage={Login}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    defaultTheme="light"
    requireAuth
    disableTelemetry
  >
    {(permissions: unknown) => (
      <>
        {/* Only admins see (and can open) the user list; permissions = the user's roles. */}
        {isAdmin(permissions) ? <Resource name="users" {...users} /> : null}
      </>
    )}
  </Admin>
);

export default App;
