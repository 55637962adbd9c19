// The workflows of the demonstration's variant bundle: only the changed planApproval, registered
// under the real workflow type name (the function's name), which is all a plan's history needs.
export { planApproval } from './planApprovalReordered';
