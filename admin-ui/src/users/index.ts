import UserIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

type UserRecord = { name?: string; username?: string };

/** `users`: read-only for now (list and show). Visible to admins only (see App.tsx). */
const users: Omit<ResourceProps, 'name'> = {
  list: UserList,
  show: UserShow,
  icon: UserIcon,
  recordRepresentation: (record: UserRecord) =>
    record.name && record.username ? `${record.name} (${record.username})` : (record.name ?? record.username ?? ''),
};

export default users;
