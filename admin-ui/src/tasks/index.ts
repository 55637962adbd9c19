import TaskIcon from '@mui/icons-material/AssignmentTurnedIn';
import type { ResourceProps } from 'react-admin';
import { TaskList } from './TaskList';
import { TaskShow } from './TaskShow';

export { TaskActions } from './TaskActions';

const tasks: Omit<ResourceProps, 'name'> = {
  list: TaskList,
  show: TaskShow,
  icon: TaskIcon,
  recordRepresentation: 'title',
};

export default tasks;
