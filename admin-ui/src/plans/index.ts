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

export default plans;
