import AddTaskIcon from '@mui/icons-material/AddTask';
import BalanceIcon from '@mui/icons-material/Balance';
import InboxIcon from '@mui/icons-material/MoveToInbox';
import ShipmentIcon from '@mui/icons-material/LocalShipping';
import PaymentsIcon from '@mui/icons-material/Payments';
import PriceIcon from '@mui/icons-material/PriceChange';
import PriceLookupIcon from '@mui/icons-material/Sell';
import ReturnIcon from '@mui/icons-material/AssignmentReturn';
import SummaryIcon from '@mui/icons-material/TableChart';
import { Divider, ListSubheader } from '@mui/material';
import { Menu as RaMenu, usePermissions, useResourceDefinitions, useSidebarState, useTranslate } from 'react-admin';
import { PAYMENT_ROLES, PAYMENTS_PATH, SUMMARY_PATH } from '../bookings';
import { APPROVAL_REQUESTER_ROLES, hasAnyRole, STAFF_ROLES } from '../common';
import { DashboardMenuItem } from '../dashboard';
import { PRICE_READER_ROLES, PRICES_PATH } from '../prices';
import { BALANCE_PATH, BALANCE_ROLES } from '../shipments';

/** Resources with their own menu entries here; every other resource (master data) follows. */
const OWN = new Set(['tasks', 'processes', 'plans', 'approvals', 'bookings', 'shipments', 'price-adjustments', 'returns']);

/** 订货 / Booking: the bookings (staff, finance, franchisees), payments (finance), the summary (staff, finance). */
const BookingGroup = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const payments = hasAnyRole(permissions, PAYMENT_ROLES);
  const summary = hasAnyRole(permissions, STAFF_ROLES);
  if (!resources.bookings && !payments && !summary) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent' }} data-testid="menu-booking-group">
          {translate('app.menu.booking_group')}
        </ListSubheader>
      ) : null}
      {resources.bookings ? <RaMenu.ResourceItem name="bookings" data-testid="menu-bookings" /> : null}
      {payments ? (
        <RaMenu.Item
          to={PAYMENTS_PATH}
          primaryText="app.menu.booking_payments"
          leftIcon={<PaymentsIcon />}
          data-testid="menu-booking-payments"
        />
      ) : null}
      {summary ? (
        <RaMenu.Item
          to={SUMMARY_PATH}
          primaryText="app.menu.booking_summary"
          leftIcon={<SummaryIcon />}
          data-testid="menu-booking-summary"
        />
      ) : null}
    </>
  );
};

/** 发货 / Shipments: the shipments in transit (shipment staff), the order balance (shipment staff, finance). */
const ShipmentGroup = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const balance = hasAnyRole(permissions, BALANCE_ROLES);
  if (!resources.shipments && !balance) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent' }} data-testid="menu-shipment-group">
          {translate('app.menu.shipment_group')}
        </ListSubheader>
      ) : null}
      {resources.shipments ? (
        <RaMenu.Item to="/shipments" primaryText="app.menu.shipments" leftIcon={<ShipmentIcon />} data-testid="menu-shipments" />
      ) : null}
      {balance ? (
        <RaMenu.Item to={BALANCE_PATH} primaryText="app.menu.order_balance" leftIcon={<BalanceIcon />} data-testid="menu-order-balance" />
      ) : null}
    </>
  );
};

/** 调价 / Prices: the adjustments (staff, store managers) and the price lookup. */
const PriceGroup = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const lookup = hasAnyRole(permissions, PRICE_READER_ROLES);
  if (!resources['price-adjustments'] && !lookup) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent' }} data-testid="menu-price-group">
          {translate('app.menu.price_group')}
        </ListSubheader>
      ) : null}
      {resources['price-adjustments'] ? (
        <RaMenu.Item
          to="/price-adjustments"
          primaryText="app.menu.price_adjustments"
          leftIcon={<PriceIcon />}
          data-testid="menu-price-adjustments"
        />
      ) : null}
      {lookup ? (
        <RaMenu.Item to={PRICES_PATH} primaryText="app.menu.prices" leftIcon={<PriceLookupIcon />} data-testid="menu-prices" />
      ) : null}
    </>
  );
};

/** 返货清货 / Returns: returns to the warehouse and clearances (staff, store managers, franchisees). */
const ReturnGroup = () => {
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const [open] = useSidebarState();
  if (!resources.returns) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent' }} data-testid="menu-return-group">
          {translate('app.menu.return_group')}
        </ListSubheader>
      ) : null}
      <RaMenu.Item to="/returns" primaryText="app.menu.returns" leftIcon={<ReturnIcon />} data-testid="menu-returns" />
    </>
  );
};

/** Inbox, the reports dashboard, tasks, processes, start an approval (staff); the booking, shipment, price and return groups; then the master-data resources. */
export const Menu = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const others = Object.keys(resources).filter((name) => !OWN.has(name) && resources[name]?.hasList);
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="app.menu.inbox" leftIcon={<InboxIcon />} data-testid="menu-inbox" />
      <DashboardMenuItem />
      {resources.tasks ? <RaMenu.ResourceItem name="tasks" data-testid="menu-tasks" /> : null}
      {resources.processes ? <RaMenu.ResourceItem name="processes" data-testid="menu-processes" /> : null}
      {resources.plans ? <RaMenu.ResourceItem name="plans" data-testid="menu-plans" /> : null}
      {resources.approvals && hasAnyRole(permissions, APPROVAL_REQUESTER_ROLES) ? (
        <RaMenu.Item
          to="/approvals/create"
          primaryText="app.menu.start_approval"
          leftIcon={<AddTaskIcon />}
          data-testid="menu-start-approval"
        />
      ) : null}
      <BookingGroup />
      <ShipmentGroup />
      <PriceGroup />
      <ReturnGroup />
      {others.length ? <Divider sx={{ my: 1 }} /> : null}
      {others.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  );
};

export default Menu;
