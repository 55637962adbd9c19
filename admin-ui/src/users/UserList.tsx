import {
  DataTable,
  EmailField,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
} from 'react-admin';
import { RolesField } from './RolesField';
import { roleChoices } from './roles';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
];

export const UserList = () => (
  <List filters={userFilters} sort={{ field: 'username', order: 'ASC' }} perPage={25}>
    <DataTable rowClick="show">
      <DataTable.Col source="username" />
      <DataTable.Col source="name" />
      <DataTable.Col source="email" field={EmailField} />
      <DataTable.Col source="roles" disableSort>
        <RolesField />
      </DataTable.Col>
      <DataTable.Col source="regionId" disableSort>
        <TextField source="regionId" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="superiorId" disableSort>
        <ReferenceField source="superiorId" reference="users" link="show" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);

export default UserList;
