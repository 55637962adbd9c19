import { SearchInput, SelectInput } from 'react-admin';
import { processTypeChoices, SeasonInput, taskStatusChoices, yesNoChoices } from '../common';

/** Filters of the inbox (open tasks only, so no status) and of the task list. */
export const taskFilters = (withStatus: boolean) => [
  <SearchInput key="q" source="q" alwaysOn />,
  ...(withStatus ? [<SelectInput key="status" source="status" choices={taskStatusChoices} alwaysOn />] : []),
  <SelectInput key="processType" source="processType" choices={processTypeChoices} alwaysOn />,
  <SelectInput key="overdue" source="overdue" choices={yesNoChoices} />,
  <SeasonInput key="season" source="season" />,
];
