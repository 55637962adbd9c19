export { Inbox } from './Inbox';
export { BulkApproveButton } from './BulkApproveButton';
export { StartApprovalButton } from './StartApprovalButton';
