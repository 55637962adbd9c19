import BookingIcon from '@mui/icons-material/ShoppingCartCheckout';
import type { ResourceProps } from 'react-admin';
import { BookingCreate } from './BookingCreate';
import { BookingList } from './BookingList';
import { BookingShow } from './BookingShow';

export { PaymentsPage } from './PaymentsPage';
export { SummaryPage } from './SummaryPage';
export { bookingMessages } from './i18n';
export { BOOKING_READER_ROLES, BOOKING_WRITER_ROLES, PAYMENT_ROLES } from './types';

/** Where the payments screen and the summary are (custom routes inside the layout). */
export const PAYMENTS_PATH = '/booking-payments';
export const SUMMARY_PATH = '/booking-summary';

/** `bookings` (期货订单): the order fair's futures orders with their prepayment; create only for the writers. */
export const bookingResource = (canCreate: boolean): Omit<ResourceProps, 'name'> => ({
  list: BookingList,
  create: canCreate ? BookingCreate : undefined,
  show: BookingShow,
  icon: BookingIcon,
  recordRepresentation: 'code',
});
