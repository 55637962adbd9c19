import AddTaskIcon from '@mui/icons-material/AddTask';
import { Button, type ButtonProps } from '@mui/material';
import { LinkBase, usePermissions, useTranslate } from 'react-admin';
import { APPROVAL_REQUESTER_ROLES, hasAnyRole } from '../common';

/** "发起审批": to the general-approval form, for those who may ask for one (all but franchisees). */
export const StartApprovalButton = ({ variant = 'text', size = 'small' }: Pick<ButtonProps, 'variant' | 'size'>) => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  if (!hasAnyRole(permissions, APPROVAL_REQUESTER_ROLES)) return null;
  return (
    <Button
      component={LinkBase}
      to="/approvals/create"
      variant={variant}
      size={size}
      startIcon={<AddTaskIcon />}
      data-testid="start-approval-button"
    >
      {translate('app.menu.start_approval')}
    </Button>
  );
};

export default StartApprovalButton;
