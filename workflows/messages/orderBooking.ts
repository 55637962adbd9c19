// The messages of the order-fair booking (orderBooking): finance records payments, the manager cancels.
import { defineUpdate } from '@temporalio/workflow';
import type { BookingStateView, CancelBookingInput, RecordPaymentInput } from '../../domain/bookings';

export const recordPaymentUpdate = defineUpdate<BookingStateView, [RecordPaymentInput]>('recordPayment');
export const cancelBookingUpdate = defineUpdate<BookingStateView, [CancelBookingInput]>('cancelBooking');
