import DownloadIcon from '@mui/icons-material/Download';
import UploadIcon from '@mui/icons-material/UploadFile';
import { Button, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useState, type ReactElement } from 'react';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  DataTableBody,
  DataTableRow,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SimpleList,
  TextField,
  TopToolbar,
  useListContext,
  usePermissions,
  useRecordContext,
  useTranslate,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import { hasAnyRole, SeasonInput, STAFF_ROLES, useFormatters } from '../common';
import { downloadTemplate } from './api';
import { BookingStatusChip, BookingStatusField, DeadlineField, FenField, QuotaBadge, QuotaField } from './fields';
import { ImportDialog } from './ImportDialog';
import { BOOKING_WRITER_ROLES, bookingStatusChoices, type Booking } from './types';

const franchiseeText = (r: { id: string; name?: string } | undefined) => (r ? `${r.name ?? ''} (${r.id})` : '');

/** The filters: search, season, status, and for staff the franchisee. */
export const bookingFilters = (staff: boolean): ReactElement[] => [
  <SearchInput key="q" source="q" alwaysOn />,
  <SeasonInput key="season" source="season" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={bookingStatusChoices} sx={{ minWidth: 180 }} />,
  ...(staff
    ? [
        <ReferenceInput key="franchiseeId" source="franchiseeId" reference="franchisees" perPage={100} sort={{ field: 'id', order: 'ASC' }}>
          <AutocompleteInput optionText={franchiseeText} filterToQuery={(q: string) => (q ? { q } : {})} sx={{ minWidth: 220 }} />
        </ReferenceInput>,
      ]
    : []),
];

const BookingListActions = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { filterValues } = useListContext();
  const [importing, setImporting] = useState(false);
  const writer = hasAnyRole(permissions, BOOKING_WRITER_ROLES);
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <FilterButton />
      {writer ? (
        <>
          <CreateButton data-testid="booking-create-button" />
          <Button size="small" startIcon={<UploadIcon />} onClick={() => setImporting(true)} data-testid="booking-import-button">
            {translate('app.booking.import.button')}
          </Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={downloadTemplate} data-testid="booking-template-button">
            {translate('app.booking.import.template')}
          </Button>
          {importing ? (
            <ImportDialog
              open
              onClose={() => setImporting(false)}
              defaultSeason={typeof filterValues?.season === 'string' ? filterValues.season : undefined}
            />
          ) : null}
        </>
      ) : null}
    </TopToolbar>
  );
};

/** A table row the end-to-end tests can find: data-testid="booking-row" data-code=… */
const BookingRow = (props: DataTableRowProps) => {
  const record = useRecordContext<Booking>();
  return (
    <DataTableRow
      {...props}
      {...({
        'data-testid': 'booking-row',
        'data-code': record?.code,
        'data-franchisee': record?.franchiseeId,
        'data-status': record?.status,
      } as object)}
    />
  );
};

const BookingBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={BookingRow} />;

const overdueRowSx = (record: Booking) => (record.status === 'overdue' ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {});

const FranchiseeCell = () => {
  const record = useRecordContext<Booking>();
  if (!record) return null;
  return (
    <Stack sx={{ minWidth: 120 }}>
      <Typography variant="body2">{record.franchiseeName ?? record.franchiseeId}</Typography>
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {[record.franchiseeId, record.regionName].filter(Boolean).join(' · ')}
      </Typography>
    </Stack>
  );
};

const StatusCell = () => (
  <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
    <BookingStatusField />
    <QuotaField />
  </Stack>
);

/** The columns of a booking table (the payments screen adds its own last column). */
export const bookingColumns = ({ season = true }: { season?: boolean } = {}): ReactElement[] => [
  <DataTable.Col key="code" source="code">
    <TextField source="code" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} />
  </DataTable.Col>,
  <DataTable.Col key="franchisee" source="franchiseeId" label="resources.bookings.fields.franchiseeName" sx={{ whiteSpace: 'nowrap' }}>
    <FranchiseeCell />
  </DataTable.Col>,
  ...(season
    ? [
        <DataTable.Col key="season" source="season">
          <TextField source="season" />
        </DataTable.Col>,
      ]
    : []),
  <DataTable.Col key="amountFen" source="amountFen" align="right">
    <FenField source="amountFen" />
  </DataTable.Col>,
  <DataTable.Col key="prepaymentDueFen" source="prepaymentDueFen" disableSort align="right">
    <FenField source="prepaymentDueFen" />
  </DataTable.Col>,
  <DataTable.Col key="paidFen" source="paidFen" disableSort align="right">
    <FenField source="paidFen" />
  </DataTable.Col>,
  <DataTable.Col key="outstandingFen" source="outstandingFen" disableSort align="right">
    <FenField source="outstandingFen" strong />
  </DataTable.Col>,
  <DataTable.Col key="paymentDeadline" source="paymentDeadline">
    <DeadlineField />
  </DataTable.Col>,
  <DataTable.Col key="status" source="status">
    <StatusCell />
  </DataTable.Col>,
];

/** Phones: one line per booking. */
export const MobileBookingList = ({ extra }: { extra?: (b: Booking) => ReactElement | null }) => {
  const f = useFormatters();
  const translate = useTranslate();
  return (
    <SimpleList<Booking>
      linkType="show"
      resource="bookings"
      primaryText={(b) => `${b.code} · ${b.franchiseeName ?? b.franchiseeId}`}
      secondaryText={(b) =>
        [
          b.season,
          f.money(b.amountFen),
          `${translate('resources.bookings.fields.outstandingFen')} ${f.money(b.outstandingFen)}`,
          b.paymentDeadline ? `${translate('resources.bookings.fields.paymentDeadline')} ${f.dateTime(b.paymentDeadline)}` : null,
        ]
          .filter(Boolean)
          .join(' · ')
      }
      tertiaryText={(b) => (
        <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }} data-testid="booking-row" data-code={b.code}>
          <BookingStatusChip status={b.status} />
          <QuotaBadge check={b.quotaCheck} />
          {extra?.(b) ?? null}
        </Stack>
      )}
    />
  );
};

/** 期货订单: the bookings of the order fair, newest first. */
export const BookingList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { permissions } = usePermissions();
  const staff = hasAnyRole(permissions, STAFF_ROLES);
  return (
    // No empty page: the toolbar (create, import an order sheet, template) is needed most when there is nothing yet.
    <List
      filters={bookingFilters(staff)}
      actions={<BookingListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
    >
      {isSmall ? (
        <MobileBookingList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} body={BookingBody} rowSx={overdueRowSx} data-testid="booking-list">
          {bookingColumns()}
        </DataTable>
      )}
    </List>
  );
};

export default BookingList;
