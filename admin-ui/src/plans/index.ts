import PlanIcon from '@mui/icons-material/EventNote';
import type { ResourceProps } from 'react-admin';
import { PlanCreate } from './PlanCreate';
import { PlanList } from './PlanList';
import { PlanShow } from './PlanShow';

/** `plans` (计划): season purchase plans (采买计划) and launch plans (上市计划) with their approval. */
const plans: Omit<ResourceProps, 'name'> = {
  list: PlanList,
  create: PlanCreate,
  show: PlanShow,
  icon: PlanIcon,
  recordRepresentation: 'title',
};

/** The resource for one user: the create page (and react-admin's create buttons) only for the plan writers. */
export const planResource = (canCreate: boolean): Omit<ResourceProps, 'name'> => ({ ...plans, create: canCreate ? PlanCreate : undefined });

export default plans;
