import ShipmentIcon from '@mui/icons-material/LocalShipping';
import type { ResourceProps } from 'react-admin';
import { Route } from 'react-router-dom';
import { ScanPage } from './ScanPage';
import { ShipmentCreate } from './ShipmentCreate';
import { ShipmentList } from './ShipmentList';
import { ShipmentShow } from './ShipmentShow';

export { BalancePage } from './BalancePage';
export { shipmentMessages } from './i18n';
export { BALANCE_ROLES, SHIPMENT_ROLES } from './types';

/** Where the order balance (期货订发欠) is (a custom route inside the layout). */
export const BALANCE_PATH = '/order-balance';

/**
 * `shipments` (在途发货): shipments from head office with their delay and escalation, a page
 * each, and the scan-in at /shipments/:id/scan; create only for the writers.
 */
export const shipmentResource = (canCreate: boolean): Omit<ResourceProps, 'name'> => ({
  list: ShipmentList,
  create: canCreate ? ShipmentCreate : undefined,
  show: ShipmentShow,
  icon: ShipmentIcon,
  recordRepresentation: 'code',
  children: <Route path=":id/scan" element={<ScanPage />} />,
});
