// Every workflow the worker registers. Workflow code is deterministic: no Node built-ins and
// no value imports from activities/ (eslint enforces both).
export { approvalRequest } from './approvalRequest';
export { planApproval } from './planApproval';
export { systemCheck } from './systemCheck';
export { orderBooking } from './orderBooking';
export { shipmentTracking } from './shipmentTracking';
export { priceAdjustment } from './priceAdjustment';
export { goodsReturn } from './goodsReturn';
export { clearance } from './clearance';
export { dailyDigest, weeklySummary } from './dailyDigest';
