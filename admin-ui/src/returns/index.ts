import ReturnIcon from '@mui/icons-material/AssignmentReturn';
import type { ResourceProps } from 'react-admin';
import { ReturnCreate } from './ReturnCreate';
import { ReturnList } from './ReturnList';
import { ReturnShow } from './ReturnShow';

export { returnMessages } from './i18n';
export { RETURN_READER_ROLES, RETURN_WRITER_ROLES } from './types';

/** `returns` (返货 / 清货): returns to the warehouse and clearances in store; create only for the requesters. */
export const returnResource = (canCreate: boolean): Omit<ResourceProps, 'name'> => ({
  list: ReturnList,
  create: canCreate ? ReturnCreate : undefined,
  show: ReturnShow,
  icon: ReturnIcon,
  recordRepresentation: 'code',
});
