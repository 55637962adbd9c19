import { isValidElement, type ReactElement } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import approvals from './approvals';
import { authProvider } from './authProvider';
import {
  BOOKING_READER_ROLES,
  BOOKING_WRITER_ROLES,
  bookingResource,
  PAYMENT_ROLES,
  PAYMENTS_PATH,
  PaymentsPage,
  SUMMARY_PATH,
  SummaryPage,
} from './bookings';
import { APPROVAL_REQUESTER_ROLES, hasAnyRole, STAFF_ROLES } from './common';
import { Dashboard, DASHBOARD_PATH, DASHBOARD_ROLES } from './dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { Inbox } from './inbox';
import { darkTheme, Layout, Login, lightTheme } from './layout';
import { masterDataResources } from './masterData';
import { planResource } from './plans';
import { PLAN_WRITER_ROLES } from './plans/types';
import { PRICE_PROPOSER_ROLES, PRICE_READER_ROLES, priceAdjustmentResource, PRICES_PATH, PricesPage } from './prices';
import processes from './processes';
import { queryClient, store } from './sessionState';
import { RETURN_READER_ROLES, RETURN_WRITER_ROLES, returnResource } from './returns';
import { BALANCE_PATH, BALANCE_ROLES, BalancePage, SHIPMENT_ROLES, shipmentResource } from './shipments';
import tasks from './tasks';

const rolesOf = (permissions: unknown): string[] | undefined => (Array.isArray(permissions) ? permissions.map(String) : undefined);

/** The resources of src/masterData, each with a key. */
const masterData = (permissions: unknown): { elements: ReactElement[] } => {
  const elements = (masterDataResources(rolesOf(permissions)) ?? []).filter(isValidElement);
  return {
    elements: elements.map((el, i) => (el.key == null ? { ...el, key: String((el.props as { name?: unknown }).name ?? i) } : el)),
  };
};

export const App = () => (
  <Admin
    title="商品运营流程 / Merchandise Flow"
    dataProvider={dataProvider}
    authProvider={authProvider}
    store={store}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    dashboard={Inbox}
    loginPage={Login}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    defaultTheme="light"
    requireAuth
    disableTelemetry
  >
    {(permissions: unknown) => {
      const md = masterData(permissions);
      return (
        <>
          {/* Everyone logged in: the inbox (dashboard), the tasks and processes they may see. */}
          {/* Who gets which resource and page follows the API's guards: roles/access.ts. */}
          <Resource name="tasks" {...tasks} />
          <Resource name="processes" {...processes} />
          {/* 发起审批 / a general approval: everyone but franchisees. */}
          {hasAnyRole(permissions, APPROVAL_REQUESTER_ROLES) ? <Resource name="approvals" {...approvals} /> : null}
          {/* 计划 / Plans: season purchase and launch plans with their approval (staff); creating for the plan writers. */}
          {hasAnyRole(permissions, STAFF_ROLES) ? (
            <Resource name="plans" {...planResource(hasAnyRole(permissions, PLAN_WRITER_ROLES))} />
          ) : null}
          {/* 订货 / Booking: futures orders for staff (finance included) and franchisees (their own), not store managers; creating for the merchandise writers. */}
          {hasAnyRole(permissions, BOOKING_READER_ROLES) ? (
            <Resource name="bookings" {...bookingResource(hasAnyRole(permissions, BOOKING_WRITER_ROLES))} />
          ) : null}
          {/* 收款 (finance) and 订货汇总 (staff, finance). */}
          {hasAnyRole(permissions, PAYMENT_ROLES) ? (
            <CustomRoutes>
              <Route path={PAYMENTS_PATH} element={<PaymentsPage />} />
            </CustomRoutes>
          ) : null}
          {hasAnyRole(permissions, STAFF_ROLES) ? (
            <CustomRoutes>
              <Route path={SUMMARY_PATH} element={<SummaryPage />} />
            </CustomRoutes>
          ) : null}
          {/* 发货 / Shipments: in transit with delays, scan-in, discrepancies (the shipment staff); 期货订发欠 also for finance. */}
          {hasAnyRole(permissions, SHIPMENT_ROLES) ? <Resource name="shipments" {...shipmentResource(true)} /> : null}
          {hasAnyRole(permissions, BALANCE_ROLES) ? (
            <CustomRoutes>
              <Route path={BALANCE_PATH} element={<BalancePage />} />
            </CustomRoutes>
          ) : null}
          {/* 调价 / Prices: proposals (the proposers create) and the price lookup, for staff and store managers. */}
          {hasAnyRole(permissions, PRICE_READER_ROLES) ? (
            <Resource name="price-adjustments" {...priceAdjustmentResource(hasAnyRole(permissions, PRICE_PROPOSER_ROLES))} />
          ) : null}
          {hasAnyRole(permissions, PRICE_READER_ROLES) ? (
            <CustomRoutes>
              <Route path={PRICES_PATH} element={<PricesPage />} />
            </CustomRoutes>
          ) : null}
          {/* 返货清货 / Returns: staff, store managers (their store) and franchisees (their own). */}
          {hasAnyRole(permissions, RETURN_READER_ROLES) ? (
            <Resource name="returns" {...returnResource(hasAnyRole(permissions, RETURN_WRITER_ROLES))} />
          ) : null}
          {/* 报表看板 / Reports dashboard: merchandise staff and finance. */}
          {hasAnyRole(permissions, DASHBOARD_ROLES) ? (
            <CustomRoutes>
              <Route path={DASHBOARD_PATH} element={<Dashboard />} />
            </CustomRoutes>
          ) : null}
          {md.elements}
        </>
      );
    }}
  </Admin>
);

export default App;
