import DownloadIcon from '@mui/icons-material/Download';
import UploadIcon from '@mui/icons-material/UploadFile';
import { Button, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useState, type ReactElement } from 'react';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  DataTableBody,
  DataTableRow,
  FilterButton,
  List,
  SearchInput,
  SelectArrayInput,
  SimpleList,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import { hasAnyRole, SeasonInput, useFormatters } from '../common';
import { downloadTemplate } from './api';
import { DelayBadge, DelayField, EtaField, LastEventField, ShipmentStatusChip, ShipmentStatusField, useNumber } from './fields';
import { ImportDialog } from './ImportDialog';
import { SHIPMENT_ROLES, shipmentStatusChoices, type Shipment } from './types';

/**
 * A toggle filter that is on (true) or off (''): off shows everything, not only the opposite
 * (the API ignores '', and an undefined form value would leave the last filter in place).
 */
const onOrAbsent = (value: unknown) => (value ? true : '');

/** The filters: search, open (the in-transit list, on by default), delayed, season, status. */
export const shipmentFilters: ReactElement[] = [
  <SearchInput key="q" source="q" alwaysOn />,
  // Off is `false`, not absent: an empty filter would bring the default (open) back; the API reads false as "all".
  <BooleanInput key="open" source="open" alwaysOn helperText={false} />,
  <BooleanInput key="delayed" source="delayed" alwaysOn parse={onOrAbsent} helperText={false} />,
  <SeasonInput key="season" source="season" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={shipmentStatusChoices} sx={{ minWidth: 180 }} />,
];

const ShipmentListActions = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [importing, setImporting] = useState(false);
  const writer = hasAnyRole(permissions, SHIPMENT_ROLES);
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <FilterButton />
      {writer ? (
        <>
          <CreateButton data-testid="shipment-create-button" />
          <Button size="small" startIcon={<UploadIcon />} onClick={() => setImporting(true)} data-testid="shipment-import-button">
            {translate('app.shipment.import.button')}
          </Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={downloadTemplate} data-testid="shipment-template-button">
            {translate('app.shipment.import.template')}
          </Button>
          {importing ? <ImportDialog open onClose={() => setImporting(false)} /> : null}
        </>
      ) : null}
    </TopToolbar>
  );
};

/** A table row the end-to-end tests can find: data-testid="shipment-row" data-code=… */
const ShipmentRow = (props: DataTableRowProps) => {
  const record = useRecordContext<Shipment>();
  return (
    <DataTableRow
      {...props}
      {...({
        'data-testid': 'shipment-row',
        'data-code': record?.code,
        'data-status': record?.status,
        'data-delayed': record?.delayed ? 'true' : 'false',
        'data-level': record?.escalationLevel ?? 0,
      } as object)}
    />
  );
};

const ShipmentBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={ShipmentRow} />;

const delayedRowSx = (record: Shipment) => (record.delayed ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {});

const QtyField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  const num = useNumber();
  return (
    <Typography component="span" variant="body2" data-field="totalQty">
      {num(record?.totalQty)}
    </Typography>
  );
};

const ExternalRefField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Shipment>();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }} data-field="externalRef">
      {record?.externalRef || '—'}
    </Typography>
  );
};

/** Phones: one line per shipment. */
const MobileShipmentList = () => {
  const f = useFormatters();
  const translate = useTranslate();
  const num = useNumber();
  return (
    <SimpleList<Shipment>
      linkType="show"
      resource="shipments"
      primaryText={(s) => [s.code, s.externalRef].filter(Boolean).join(' · ')}
      secondaryText={(s) =>
        [
          `${translate('resources.shipments.fields.expectedArrival')} ${f.dateTime(s.expectedArrival)}`,
          s.location,
          `${num(s.totalQty)} ${translate('app.shipment.pcs')}`,
        ]
          .filter(Boolean)
          .join(' · ')
      }
      tertiaryText={(s) => (
        <Stack
          direction="row"
          sx={{ gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }}
          data-testid="shipment-row"
          data-code={s.code}
          data-status={s.status}
        >
          <ShipmentStatusChip status={s.status} />
          <DelayBadge delayed={s.delayed} reason={s.delayReason} level={s.escalationLevel} direction="row" />
        </Stack>
      )}
    />
  );
};

/** 在途发货: shipments from head office, the ones still open by default, newest first. */
export const ShipmentList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    // No empty page: the toolbar (create, import a shipping list, template) is needed most when there is nothing yet.
    <List
      filters={shipmentFilters}
      filterDefaultValues={{ open: true }}
      actions={<ShipmentListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
      // Delays and escalations happen by themselves: the list follows.
      queryOptions={{ refetchInterval: 15_000 }}
    >
      {isSmall ? (
        <MobileShipmentList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} body={ShipmentBody} rowSx={delayedRowSx} data-testid="shipment-list">
          <DataTable.Col source="code">
            <TextField source="code" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="externalRef" disableSort>
            <ExternalRefField />
          </DataTable.Col>
          <DataTable.Col source="status">
            <ShipmentStatusField />
          </DataTable.Col>
          <DataTable.Col source="expectedArrival">
            <EtaField />
          </DataTable.Col>
          <DataTable.Col source="lastEventAt" label="resources.shipments.fields.lastEvent" disableSort>
            <LastEventField />
          </DataTable.Col>
          <DataTable.Col source="escalationLevel" label="resources.shipments.fields.delay">
            <DelayField />
          </DataTable.Col>
          <DataTable.Col source="totalQty" disableSort align="right">
            <QtyField />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default ShipmentList;
