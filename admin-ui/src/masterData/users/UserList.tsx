import { BooleanField, DataTable, EmailField, List, ReferenceField, SearchInput, SelectInput, SimpleList, useTranslate } from 'react-admin';
import { MasterDataListActions, useIsSmall } from '../common/layout';
import { RolesField } from './RolesField';
import { roleChoices } from './roles';

const userFilters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} />];

type UserRow = { name?: string; username?: string; email?: string; roles?: string[]; active?: boolean };

export const UserList = () => {
  const isSmall = useIsSmall();
  const translate = useTranslate();
  return (
    <List filters={userFilters} sort={{ field: 'username', order: 'ASC' }} perPage={25} actions={<MasterDataListActions />}>
      {isSmall ? (
        <SimpleList<UserRow & { id: string }>
          data-testid="masterdata-list-users"
          primaryText={(r) => `${r.name ?? ''} (${r.username ?? ''})`}
          secondaryText={(r) => (r.roles ?? []).map((role) => translate(`masterData.roles.${role}`, { _: role })).join('、')}
          tertiaryText={(r) => (r.active === false ? translate('masterData.users.inactive') : '')}
          rowClick="show"
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} data-testid="masterdata-list-users">
          <DataTable.Col source="username" />
          <DataTable.Col source="name" />
          <DataTable.Col source="email" field={EmailField} />
          <DataTable.Col source="roles" disableSort>
            <RolesField />
          </DataTable.Col>
          <DataTable.Col source="regionId" disableSort>
            <ReferenceField source="regionId" reference="regions" link={false} emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="superiorId" disableSort>
            <ReferenceField source="superiorId" reference="users" link="show" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="active" disableSort field={BooleanField} />
        </DataTable>
      )}
    </List>
  );
};

export default UserList;
