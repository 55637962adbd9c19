import { BooleanField, EmailField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { TranslatedField } from '../common/fields';
import { MasterDataShowActions } from '../common/layout';
import { RolesField } from './RolesField';
import { UserDelegations } from './UserDelegations';

export const UserShow = () => (
  <Show actions={<MasterDataShowActions />}>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="name" />
      <EmailField source="email" />
      <RolesField source="roles" />
      <TranslatedField source="locale" prefix="masterData.locales" />
      <ReferenceField source="regionId" reference="regions" link={false} emptyText="—" />
      <ReferenceField source="superiorId" reference="users" link="show" emptyText="—" />
      <ReferenceField source="storeId" reference="stores" link="show" emptyText="—" />
      <ReferenceField source="franchiseeId" reference="franchisees" link="show" emptyText="—" />
      <BooleanField source="active" />
    </SimpleShowLayout>
    <UserDelegations />
  </Show>
);

export default UserShow;
