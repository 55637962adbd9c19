import { EmailField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { RolesField } from './RolesField';

export const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="name" />
      <EmailField source="email" />
      <RolesField source="roles" />
      <TextField source="regionId" emptyText="—" />
      <ReferenceField source="superiorId" reference="users" link="show" emptyText="—" />
      <TextField source="storeId" emptyText="—" />
      <TextField source="franchiseeId" emptyText="—" />
      <TextField source="locale" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);

export default UserShow;
