import { Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import type { ReactElement } from 'react';
import {
  CreateButton,
  DataTable,
  DataTableBody,
  DataTableRow,
  FilterButton,
  List,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import { useNumber } from '../common/numbers';
import { hasAnyRole, useFormatters, ZonedDateField } from '../common';
import { KindChip, KindField, ReturnStatusChip, ReturnStatusField } from './fields';
import { RETURN_WRITER_ROLES, returnKindChoices, returnStatusChoices, type ReturnRequest } from './types';

const returnFilters: ReactElement[] = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={returnKindChoices} alwaysOn sx={{ minWidth: 140 }} />,
  <SelectArrayInput key="status" source="status" choices={returnStatusChoices} sx={{ minWidth: 180 }} />,
];

const ListActions = () => {
  const { permissions } = usePermissions();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <FilterButton />
      {hasAnyRole(permissions, RETURN_WRITER_ROLES) ? (
        <CreateButton label="app.return.create_button" data-testid="return-create-button" />
      ) : null}
    </TopToolbar>
  );
};

/** A table row the end-to-end tests can find: data-testid="return-row" data-code=… */
const ReturnRow = (props: DataTableRowProps) => {
  const record = useRecordContext<ReturnRequest>();
  return (
    <DataTableRow
      {...props}
      {...({ 'data-testid': 'return-row', 'data-code': record?.code, 'data-status': record?.status, 'data-kind': record?.kind } as object)}
    />
  );
};

const ReturnBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={ReturnRow} />;

const refusedRowSx = (record: ReturnRequest) =>
  record.status === 'refused' || record.status === 'rejected' ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {};

/** The store or franchisee the request is for. */
export const requesterOf = (r: Pick<ReturnRequest, 'storeId' | 'storeName' | 'franchiseeId' | 'franchiseeName'>): string =>
  r.storeId ? `${r.storeName ?? ''} (${r.storeId})` : r.franchiseeId ? `${r.franchiseeName ?? ''} (${r.franchiseeId})` : '—';

const RequesterCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<ReturnRequest>();
  return (
    <Typography component="span" variant="body2" data-field="requester">
      {record ? requesterOf(record) : ''}
    </Typography>
  );
};

const WhatCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<ReturnRequest>();
  const translate = useTranslate();
  const num = useNumber();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }} data-field="what">
      {record.kind === 'clearance'
        ? translate('app.return.period', { from: record.startsOn ?? '', to: record.endsOn ?? '' })
        : translate('app.return.pieces', { qty: num(record.totalQty), lines: record.lines.length })}
    </Typography>
  );
};

const ShipmentCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<ReturnRequest>();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {record?.shipment?.code ?? '—'}
    </Typography>
  );
};

/** Phones: one line per request. */
const MobileReturnList = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  return (
    <SimpleList<ReturnRequest>
      linkType="show"
      resource="returns"
      primaryText={(r) => [r.code, requesterOf(r)].join(' · ')}
      secondaryText={(r) =>
        [
          r.kind === 'clearance'
            ? translate('app.return.period', { from: r.startsOn ?? '', to: r.endsOn ?? '' })
            : translate('app.return.pieces', { qty: num(r.totalQty), lines: r.lines.length }),
          f.date(r.createdAt),
        ].join(' · ')
      }
      tertiaryText={(r) => (
        <Stack
          direction="row"
          sx={{ gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }}
          data-testid="return-row"
          data-code={r.code}
          data-status={r.status}
          data-kind={r.kind}
        >
          <KindChip kind={r.kind} />
          <ReturnStatusChip status={r.status} />
        </Stack>
      )}
    />
  );
};

/** 返货清货: returns to the warehouse and clearances in store, newest first. */
export const ReturnList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List
      filters={returnFilters}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
      queryOptions={{ refetchInterval: 15_000 }}
    >
      {isSmall ? (
        <MobileReturnList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} body={ReturnBody} rowSx={refusedRowSx} data-testid="return-list">
          <DataTable.Col source="code">
            <TextField source="code" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="kind">
            <KindField />
          </DataTable.Col>
          <DataTable.Col source="status">
            <ReturnStatusField />
          </DataTable.Col>
          <DataTable.Col source="storeId" label="resources.returns.fields.requester" disableSort>
            <RequesterCell />
          </DataTable.Col>
          <DataTable.Col source="totalQty" label="resources.returns.fields.what" disableSort>
            <WhatCell />
          </DataTable.Col>
          <DataTable.Col source="shipment" disableSort>
            <ShipmentCell />
          </DataTable.Col>
          <DataTable.Col source="createdByName" disableSort />
          <DataTable.Col source="createdAt">
            <ZonedDateField source="createdAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default ReturnList;
