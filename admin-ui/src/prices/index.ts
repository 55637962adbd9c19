import PriceIcon from '@mui/icons-material/PriceChange';
import type { ResourceProps } from 'react-admin';
import { PriceAdjustmentCreate } from './PriceAdjustmentCreate';
import { PriceAdjustmentList } from './PriceAdjustmentList';
import { PriceAdjustmentShow } from './PriceAdjustmentShow';

export { PricesPage } from './PricesPage';
export { priceMessages } from './i18n';
export { PRICE_PROPOSER_ROLES, PRICE_READER_ROLES } from './types';

/** Where the price lookup (价格查询) is (a custom route inside the layout). */
export const PRICES_PATH = '/prices';

/** `price-adjustments` (调价申请): proposals with their approval, notices and effect; create only for the proposers. */
export const priceAdjustmentResource = (canCreate: boolean): Omit<ResourceProps, 'name'> => ({
  list: PriceAdjustmentList,
  create: canCreate ? PriceAdjustmentCreate : undefined,
  show: PriceAdjustmentShow,
  icon: PriceIcon,
  recordRepresentation: 'code',
});
