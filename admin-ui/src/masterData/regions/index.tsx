import RegionIcon from '@mui/icons-material/Map';
import {
  Create,
  DataTable,
  Edit,
  List,
  Resource,
  SimpleForm,
  SimpleList,
  TextInput,
  type RaRecord,
} from 'react-admin';
import { MasterDataFormToolbar, MasterDataListActions, useIsSmall, useRowClick } from '../common/layout';
import { codeRules, nameRules } from '../common/validators';
import { canWrite, type Permissions } from '../permissions';

export const RegionList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  return (
    <List sort={{ field: 'name', order: 'ASC' }} perPage={50} actions={<MasterDataListActions filters={false} />}>
      {isSmall ? (
        <SimpleList
          data-testid="masterdata-list-regions"
          primaryText={(r: RaRecord) => String(r.name ?? '')}
          secondaryText={(r: RaRecord) => String(r.id)}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-regions">
          <DataTable.Col source="id" />
          <DataTable.Col source="name" />
        </DataTable>
      )}
    </List>
  );
};

const toApi = (data: RaRecord) => ({ id: String(data.id ?? '').trim(), name: String(data.name ?? '').trim() });

export const RegionCreate = () => (
  <Create redirect="list" transform={toApi}>
    <SimpleForm toolbar={<MasterDataFormToolbar />}>
      <TextInput source="id" validate={codeRules} />
      <TextInput source="name" validate={nameRules} />
    </SimpleForm>
  </Create>
);

export const RegionEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toApi}>
    <SimpleForm toolbar={<MasterDataFormToolbar allowDelete />}>
      <TextInput source="id" readOnly />
      <TextInput source="name" validate={nameRules} />
    </SimpleForm>
  </Edit>
);

/** `regions` (片区): read by all staff, written by admins. */
export const regionsResource = (permissions: Permissions) => {
  const write = canWrite('regions', permissions);
  return (
    <Resource
      key="regions"
      name="regions"
      list={RegionList}
      create={write ? RegionCreate : undefined}
      edit={write ? RegionEdit : undefined}
      icon={RegionIcon}
      recordRepresentation="name"
    />
  );
};
