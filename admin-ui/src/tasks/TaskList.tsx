import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, SimpleList, TextField, useTranslate } from 'react-admin';
import {
  AssigneeField,
  DecisionField,
  DueBadgeField,
  EscalationField,
  ProcessTypeField,
  TaskStatusField,
  ZonedDateField,
  formatDateTime,
  type Task,
} from '../common';
import { useFormatters } from '../common';
import { taskFilters } from './taskFilters';

const filters = taskFilters(true);

const MobileTaskList = () => {
  const translate = useTranslate();
  const f = useFormatters();
  return (
    <SimpleList<Task>
      linkType="show"
      primaryText={(t) => t.title}
      secondaryText={(t) =>
        `${translate(`app.process_type.${t.processType}`, { _: t.processType })} · ${translate(`app.task_status.${t.status}`, { _: t.status })} · ${formatDateTime(t.dueAt, f.locale, f.tz)}`
      }
      tertiaryText={(t) => (t.status === 'open' && f.due(t.dueAt) ? f.dueText(f.due(t.dueAt)!) : '')}
      rowSx={(t) => (t.overdue ? { borderLeft: 4, borderColor: 'error.main' } : {})}
    />
  );
};

/** All tasks the user may see (the API narrows by role), open and most urgent first. */
export const TaskList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List filters={filters} sort={{ field: '', order: 'ASC' }} perPage={25} exporter={false}>
      {isSmall ? (
        <MobileTaskList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="title">
            <TextField source="title" />
          </DataTable.Col>
          <DataTable.Col source="processType">
            <ProcessTypeField />
          </DataTable.Col>
          <DataTable.Col source="status">
            <TaskStatusField />
          </DataTable.Col>
          <DataTable.Col source="assignee" disableSort>
            <AssigneeField />
          </DataTable.Col>
          <DataTable.Col source="dueAt">
            <ZonedDateField source="dueAt" />
          </DataTable.Col>
          <DataTable.Col source="due" disableSort>
            <DueBadgeField />
            <EscalationField />
          </DataTable.Col>
          <DataTable.Col source="decision" disableSort>
            <DecisionField />
          </DataTable.Col>
          <DataTable.Col source="decidedAt">
            <ZonedDateField source="decidedAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default TaskList;
