import { createElement, lazy, Suspense } from 'react';
import { LinearProgress } from '@mui/material';

export { dashboardMessages } from './i18n';
export { DashboardMenuItem } from './DashboardMenuItem';
export { DASHBOARD_PATH, DASHBOARD_ROLES } from './constants';

// The charts library is large: the page and its charts load when the page is first opened.
const Page = lazy(() => import('./Dashboard'));

/** The reports dashboard (报表看板) page, for a custom route. */
export const Dashboard = () => createElement(Suspense, { fallback: createElement(LinearProgress, { sx: { mt: 2 } }) }, createElement(Page));
