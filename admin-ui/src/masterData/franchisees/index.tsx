import FranchiseeIcon from '@mui/icons-material/Handshake';
import {
  ArrayField,
  ArrayInput,
  DataTable,
  email,
  EmailField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleFormIterator,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useLocale,
  type RaRecord,
} from 'react-admin';
import { formatBasisPoints, toScaledInteger } from '../common/decimal';
import { MoneyField, PercentField } from '../common/fields';
import { MasterDataListActions, MasterDataShowActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { MoneyInput, PercentInput } from '../common/ScaledDecimalInput';
import { integerOrNull } from '../common/transform';
import { codeRules, integerAtLeast, nameRules } from '../common/validators';
import type { Permissions } from '../permissions';

export interface Quota {
  seasonCode: string;
  quotaFen: number | string;
}

export const FranchiseeList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const locale = useLocale();
  return (
    <List sort={{ field: 'id', order: 'ASC' }} perPage={25} actions={<MasterDataListActions filters={false} />}>
      {isSmall ? (
        <SimpleList
          data-testid="masterdata-list-franchisees"
          primaryText={(r: RaRecord) => `${String(r.name ?? '')} (${String(r.id)})`}
          secondaryText={<ReferenceField source="regionId" reference="regions" link={false} />}
          tertiaryText={(r: RaRecord) => (r.prepaymentShareBp == null ? '' : formatBasisPoints(r.prepaymentShareBp, locale))}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-franchisees">
          <DataTable.Col source="id" />
          <DataTable.Col source="name" />
          <DataTable.Col source="regionId">
            <ReferenceField source="regionId" reference="regions" link={false} />
          </DataTable.Col>
          <DataTable.Col source="email" field={EmailField} />
          <DataTable.Col source="prepaymentShareBp" disableSort>
            <PercentField source="prepaymentShareBp" emptyText="masterData.franchisees.useDefault" />
          </DataTable.Col>
          <DataTable.Col source="paymentWindowDays" disableSort>
            <NumberField source="paymentWindowDays" emptyText="—" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export const FranchiseeShow = () => (
  <Show actions={<MasterDataShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="name" />
      <ReferenceField source="regionId" reference="regions" link={false} />
      <EmailField source="email" />
      <PercentField source="prepaymentShareBp" emptyText="masterData.franchisees.useDefaultShare" />
      <NumberField source="paymentWindowDays" emptyText="masterData.franchisees.useDefaultWindow" />
      <ArrayField source="quotas">
        <DataTable bulkActionButtons={false} rowClick={false} data-testid="masterdata-franchisee-quotas">
          <DataTable.Col source="seasonCode" label="resources.franchisees.fields.quotaSeason" disableSort>
            <ReferenceField source="seasonCode" reference="seasons" link={false} />
          </DataTable.Col>
          <DataTable.Col source="quotaFen" label="resources.franchisees.fields.quotaAmount" disableSort align="right">
            <MoneyField source="quotaFen" />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);

/** A season appears at most once in the quotas. */
const uniqueSeason = (value: unknown, values: Record<string, unknown>) => {
  if (value == null || value === '') return undefined;
  const quotas = Array.isArray(values?.quotas) ? (values.quotas as Partial<Quota>[]) : [];
  return quotas.filter((q) => q?.seasonCode === value).length > 1 ? 'masterData.validation.duplicateSeason' : undefined;
};

const toApi = (data: RaRecord) => ({
  id: String(data.id ?? '').trim(),
  name: String(data.name ?? '').trim(),
  regionId: data.regionId,
  email: String(data.email ?? '').trim(),
  prepaymentShareBp: toScaledInteger(data.prepaymentShareBp),
  paymentWindowDays: integerOrNull(data.paymentWindowDays),
  quotas: (Array.isArray(data.quotas) ? (data.quotas as Partial<Quota>[]) : [])
    .filter((q) => q && q.seasonCode)
    .map((q) => ({ seasonCode: String(q.seasonCode), quotaFen: toScaledInteger(q.quotaFen) ?? 0 })),
});

const FranchiseeInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput source="id" validate={create ? codeRules : undefined} readOnly={!create} />
    <TextInput source="name" validate={nameRules} />
    <ReferenceInput source="regionId" reference="regions" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput validate={required()} />
    </ReferenceInput>
    <TextInput source="email" type="email" validate={[required(), email()]} />
    <PercentInput
      source="prepaymentShareBp"
      helperText="masterData.franchisees.prepaymentShareHelp"
      data-testid="masterdata-franchisee-share"
    />
    <NumberInput
      source="paymentWindowDays"
      step={1}
      min={1}
      validate={integerAtLeast(1)}
      helperText="masterData.franchisees.paymentWindowHelp"
    />
    <ArrayInput source="quotas" data-testid="masterdata-franchisee-quotas-input">
      <SimpleFormIterator inline disableReordering>
        <ReferenceInput source="seasonCode" reference="seasons" perPage={100} sort={{ field: 'startsOn', order: 'DESC' }}>
          <SelectInput label="resources.franchisees.fields.quotaSeason" validate={[required(), uniqueSeason]} />
        </ReferenceInput>
        <MoneyInput source="quotaFen" label="resources.franchisees.fields.quotaAmount" validate={required()} />
      </SimpleFormIterator>
    </ArrayInput>
  </>
);

const pages = formPages({ Inputs: FranchiseeInputs, toApi, redirect: 'show', createDefaults: { quotas: [] } });

/** `franchisees` (加盟商): prepayment share in bp (shown as %), payment window, season quotas in fen (shown in ¥). */
export const franchiseesResource = (permissions: Permissions) =>
  masterDataResource(
    {
      name: 'franchisees',
      list: FranchiseeList,
      show: FranchiseeShow,
      pages,
      icon: FranchiseeIcon,
      recordRepresentation: (r: RaRecord) => (r.name ? `${String(r.name)} (${String(r.id)})` : String(r.id)),
    },
    permissions,
  );
