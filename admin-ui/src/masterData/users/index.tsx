import UserIcon from '@mui/icons-material/People';
import { Resource } from 'react-admin';
import type { Permissions } from '../permissions';
import { canWrite } from '../permissions';
import { UserCreate, UserEdit } from './UserForm';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

type UserRecord = { name?: string; username?: string };

export const userRepresentation = (record: UserRecord) =>
  record.name && record.username ? `${record.name} (${record.username})` : (record.name ?? record.username ?? '');

/** `users`: everyone who may read the directory lists and shows; admins create and edit. */
export const usersResource = (permissions: Permissions) => {
  const write = canWrite('users', permissions);
  return (
    <Resource
      key="users"
      name="users"
      list={UserList}
      show={UserShow}
      create={write ? UserCreate : undefined}
      edit={write ? UserEdit : undefined}
      icon={UserIcon}
      recordRepresentation={userRepresentation}
    />
  );
};
