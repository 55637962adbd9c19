import { Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import type { ReactElement } from 'react';
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
  TextInput,
  TopToolbar,
  useGetList,
  usePermissions,
  useRecordContext,
  useTranslate,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import { hasAnyRole, useFormatters } from '../common';
import { Instant, PriceStatusChip, PriceStatusField, UrgentChip } from './fields';
import { isBrandStaff, PRICE_PROPOSER_ROLES, priceStatusChoices, type PriceAdjustment } from './types';

const storeText = (s: { id: string; name?: string } | undefined) => (s ? `${s.name ?? ''} (${s.id})` : '');

/** Staff pick a store; store managers (who cannot read the store list) have none. */
const priceFilters = (staff: boolean): ReactElement[] => [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={priceStatusChoices} sx={{ minWidth: 180 }} alwaysOn />,
  <TextInput key="sku" source="sku" />,
  ...(staff
    ? [
        <ReferenceInput key="storeId" source="storeId" reference="stores" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
          <AutocompleteInput optionText={storeText} filterToQuery={(q: string) => (q ? { q } : {})} sx={{ minWidth: 220 }} />
        </ReferenceInput>,
      ]
    : []),
];

/** Store names for staff (GET /api/stores); store managers see the ids. */
export const useStoreNames = (): Map<string, string> => {
  const { permissions } = usePermissions();
  const staff = isBrandStaff(permissions);
  const { data = [] } = useGetList<{ id: string; name?: string }>(
    'stores',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: staff, staleTime: 5 * 60_000 },
  );
  return new Map(data.map((s) => [String(s.id), s.name ?? String(s.id)]));
};

const ListActions = () => {
  const { permissions } = usePermissions();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <FilterButton />
      {hasAnyRole(permissions, PRICE_PROPOSER_ROLES) ? (
        <CreateButton label="app.price.create_button" data-testid="price-create-button" />
      ) : null}
    </TopToolbar>
  );
};

/** A table row the end-to-end tests can find: data-testid="price-row" data-code=… */
const PriceRow = (props: DataTableRowProps) => {
  const record = useRecordContext<PriceAdjustment>();
  return (
    <DataTableRow {...props} {...({ 'data-testid': 'price-row', 'data-code': record?.code, 'data-status': record?.status } as object)} />
  );
};

const PriceBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={PriceRow} />;

const StatusCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<PriceAdjustment>();
  return (
    <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
      <PriceStatusField />
      <UrgentChip urgent={record?.urgent} />
    </Stack>
  );
};

const SkusCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<PriceAdjustment>();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }} data-field="skus">
      {(record?.skus ?? []).join('、') || '—'}
    </Typography>
  );
};

const StoresCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<PriceAdjustment>();
  const names = useStoreNames();
  return (
    <Typography component="span" variant="body2" data-field="stores">
      {(record?.storeIds ?? []).map((id) => names.get(id) ?? id).join('、') || '—'}
    </Typography>
  );
};

const DueCell = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<PriceAdjustment>();
  if (!record) return null;
  const late = record.status === 'pending_approval' && Date.parse(record.approvalDueAt) < Date.now();
  return <Instant iso={record.approvalDueAt} late={late} />;
};

/** Phones: one line per adjustment. */
const MobilePriceList = () => {
  const translate = useTranslate();
  const f = useFormatters();
  return (
    <SimpleList<PriceAdjustment>
      linkType="show"
      resource="price-adjustments"
      primaryText={(a) => [a.code, (a.skus ?? []).join('、')].filter(Boolean).join(' · ')}
      secondaryText={(a) =>
        [
          `${translate('resources.price-adjustments.fields.effectiveDate')} ${a.effectiveDate}`,
          a.storeIds.join('、'),
          a.createdByName,
          f.date(a.createdAt),
        ]
          .filter(Boolean)
          .join(' · ')
      }
      tertiaryText={(a) => (
        <Stack
          direction="row"
          sx={{ gap: 0.5, flexWrap: 'wrap', justifyContent: 'flex-end' }}
          data-testid="price-row"
          data-code={a.code}
          data-status={a.status}
        >
          <PriceStatusChip status={a.status} />
          <UrgentChip urgent={a.urgent} />
        </Stack>
      )}
    />
  );
};

/** 调价申请: proposals newest first, with their status, SKUs, stores and dates. */
export const PriceAdjustmentList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { permissions } = usePermissions();
  const staff = isBrandStaff(permissions);
  return (
    <List
      filters={priceFilters(staff)}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
      queryOptions={{ refetchInterval: 15_000 }}
    >
      {isSmall ? (
        <MobilePriceList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} body={PriceBody} data-testid="price-list">
          <DataTable.Col source="code">
            <TextField source="code" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="status">
            <StatusCell />
          </DataTable.Col>
          <DataTable.Col source="skus" disableSort>
            <SkusCell />
          </DataTable.Col>
          <DataTable.Col source="storeIds" disableSort>
            <StoresCell />
          </DataTable.Col>
          <DataTable.Col source="allocationDate">
            <TextField source="allocationDate" sx={{ whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="arrivalDate">
            <TextField source="arrivalDate" sx={{ whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="effectiveDate" disableSort>
            <TextField source="effectiveDate" sx={{ whiteSpace: 'nowrap' }} />
          </DataTable.Col>
          <DataTable.Col source="approvalDueAt" disableSort>
            <DueCell />
          </DataTable.Col>
          <DataTable.Col source="createdByName" disableSort />
        </DataTable>
      )}
    </List>
  );
};

export default PriceAdjustmentList;
