import AddTaskIcon from '@mui/icons-material/AddTask';
import type { ResourceProps } from 'react-admin';
import { ApprovalCreate } from './ApprovalCreate';

/** `approvals`: only the create page (发起审批); the started process is shown under processes. */
const approvals: Omit<ResourceProps, 'name'> = {
  create: ApprovalCreate,
  icon: AddTaskIcon,
};

export default approvals;
