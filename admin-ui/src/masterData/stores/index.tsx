import StoreIcon from '@mui/icons-material/Storefront';
import {
  DataTable,
  FormDataConsumer,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { TranslatedField } from '../common/fields';
import { MasterDataListActions, MasterDataShowActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { codeRules, nameRules } from '../common/validators';
import type { Permissions } from '../permissions';

export const STORE_KIND_CHOICES = [
  { id: 'direct', name: 'masterData.storeKinds.direct' },
  { id: 'franchise', name: 'masterData.storeKinds.franchise' },
];

export const StoreList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const translate = useTranslate();
  return (
    <List sort={{ field: 'id', order: 'ASC' }} perPage={25} actions={<MasterDataListActions filters={false} />}>
      {isSmall ? (
        <SimpleList
          data-testid="masterdata-list-stores"
          primaryText={(r: RaRecord) => `${String(r.name ?? '')} (${String(r.id)})`}
          secondaryText={(r: RaRecord) => translate(`masterData.storeKinds.${String(r.kind)}`, { _: String(r.kind ?? '') })}
          tertiaryText={<ReferenceField source="regionId" reference="regions" link={false} />}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-stores">
          <DataTable.Col source="id" />
          <DataTable.Col source="name" />
          <DataTable.Col source="regionId">
            <ReferenceField source="regionId" reference="regions" link={false} />
          </DataTable.Col>
          <DataTable.Col source="kind">
            <TranslatedField source="kind" prefix="masterData.storeKinds" />
          </DataTable.Col>
          <DataTable.Col source="franchiseeId">
            <ReferenceField source="franchiseeId" reference="franchisees" link="show" emptyText="—" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export const StoreShow = () => (
  <Show actions={<MasterDataShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="name" />
      <ReferenceField source="regionId" reference="regions" link={false} />
      <TranslatedField source="kind" prefix="masterData.storeKinds" />
      <ReferenceField source="franchiseeId" reference="franchisees" link="show" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);

const toApi = (data: RaRecord) => ({
  id: String(data.id ?? '').trim(),
  name: String(data.name ?? '').trim(),
  regionId: data.regionId,
  kind: data.kind,
  franchiseeId: data.kind === 'franchise' && data.franchiseeId ? data.franchiseeId : null,
});

const StoreInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput source="id" validate={create ? codeRules : undefined} readOnly={!create} />
    <TextInput source="name" validate={nameRules} />
    <ReferenceInput source="regionId" reference="regions" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput validate={required()} />
    </ReferenceInput>
    <SelectInput source="kind" choices={STORE_KIND_CHOICES} validate={required()} data-testid="masterdata-store-kind" />
    <FormDataConsumer<{ kind?: string }>>
      {({ formData }) =>
        formData.kind === 'franchise' ? (
          <ReferenceInput source="franchiseeId" reference="franchisees" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
            <SelectInput validate={required('masterData.validation.franchiseeRequired')} helperText="masterData.stores.franchiseeHelp" />
          </ReferenceInput>
        ) : null
      }
    </FormDataConsumer>
  </>
);

const pages = formPages({ Inputs: StoreInputs, toApi, redirect: 'show', createDefaults: { kind: 'direct' } });

/** `stores` (店铺): direct (直营) or franchise (加盟, then with its franchisee). */
export const storesResource = (permissions: Permissions) =>
  masterDataResource(
    {
      name: 'stores',
      list: StoreList,
      show: StoreShow,
      pages,
      icon: StoreIcon,
      recordRepresentation: (r: RaRecord) => (r.name ? `${String(r.name)} (${String(r.id)})` : String(r.id)),
    },
    permissions,
  );
