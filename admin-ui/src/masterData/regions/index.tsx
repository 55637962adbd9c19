import RegionIcon from '@mui/icons-material/Map';
import { DataTable, List, SimpleList, TextInput, type RaRecord } from 'react-admin';
import { MasterDataListActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { codeRules, nameRules } from '../common/validators';
import type { Permissions } from '../permissions';

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

const RegionInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput source="id" validate={create ? codeRules : undefined} readOnly={!create} />
    <TextInput source="name" validate={nameRules} />
  </>
);

const pages = formPages({ Inputs: RegionInputs, toApi, redirect: 'list' });

/** `regions` (片区): read by all staff, written by admins. */
export const regionsResource = (permissions: Permissions) =>
  masterDataResource({ name: 'regions', list: RegionList, pages, icon: RegionIcon, recordRepresentation: 'name' }, permissions);
