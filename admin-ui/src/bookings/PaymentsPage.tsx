import { Box, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  DataTable,
  DataTableBody,
  DataTableRow,
  FilterButton,
  List,
  ReferenceInput,
  AutocompleteInput,
  SearchInput,
  SelectArrayInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import { SeasonInput } from '../common';
import { bookingColumns, MobileBookingList } from './BookingList';
import { RecordPaymentButton } from './PaymentDialog';
import { PAYABLE_STATUSES, type Booking } from './types';

const franchiseeText = (r: { id: string; name?: string } | undefined) => (r ? `${r.name ?? ''} (${r.id})` : '');

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SeasonInput key="season" source="season" alwaysOn />,
  <SelectArrayInput
    key="status"
    source="status"
    choices={PAYABLE_STATUSES.map((id) => ({ id, name: `app.booking.status.${id}` }))}
    sx={{ minWidth: 180 }}
  />,
  <ReferenceInput key="franchiseeId" source="franchiseeId" reference="franchisees" perPage={100} sort={{ field: 'id', order: 'ASC' }}>
    <AutocompleteInput optionText={franchiseeText} filterToQuery={(q: string) => (q ? { q } : {})} sx={{ minWidth: 220 }} />
  </ReferenceInput>,
];

const PaymentRow = (props: DataTableRowProps) => {
  const record = useRecordContext<Booking>();
  return (
    <DataTableRow
      {...props}
      {...({
        'data-testid': 'payment-row',
        'data-code': record?.code,
        'data-franchisee': record?.franchiseeId,
        'data-status': record?.status,
      } as object)}
    />
  );
};

const PaymentBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={PaymentRow} />;

const PayCell = () => {
  const record = useRecordContext<Booking>();
  return record ? <RecordPaymentButton booking={record} /> : null;
};

const overdueRowSx = (record: Booking) => (record.status === 'overdue' ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {});

/**
 * 收款 (finance): the bookings still owing (awaiting approval, awaiting payment, overdue), soonest
 * deadline first, each with the record-payment dialog inline.
 */
export const PaymentsPage = () => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <Box data-testid="payments-page">
      <List
        resource="bookings"
        storeKey="booking-payments"
        title={translate('app.booking.payments_title')}
        filter={{ payable: true }}
        filters={filters}
        actions={
          <TopToolbar>
            <FilterButton />
          </TopToolbar>
        }
        sort={{ field: 'paymentDeadline', order: 'ASC' }}
        perPage={50}
        exporter={false}
        empty={
          <Typography variant="body1" color="text.secondary" sx={{ p: 3 }} data-testid="payments-empty">
            {translate('app.booking.payments_empty')}
          </Typography>
        }
      >
        {isSmall ? (
          <MobileBookingList extra={(b) => <RecordPaymentButton booking={b} />} />
        ) : (
          <DataTable rowClick="show" bulkActionButtons={false} body={PaymentBody} rowSx={overdueRowSx} data-testid="payment-list">
            {bookingColumns({ season: false })}
            <DataTable.Col source="actions" label="app.booking.payment.column" disableSort>
              <PayCell />
            </DataTable.Col>
          </DataTable>
        )}
      </List>
    </Box>
  );
};

export default PaymentsPage;
