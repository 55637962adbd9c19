import { alpha, Box, Card, CardActions, CardContent, Checkbox, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  DataTable,
  DataTableBody,
  DataTableRow,
  FilterButton,
  List,
  TopToolbar,
  useGetIdentity,
  useListContext,
  useRecordContext,
  useTranslate,
  LinkBase,
  type DataTableBodyProps,
  type DataTableRowProps,
} from 'react-admin';
import {
  AssigneeField,
  DueBadge,
  DueBadgeField,
  EscalationChip,
  EscalationField,
  ProcessTypeField,
  ProcessTypeLabel,
  ZonedDateField,
  useFormatters,
  type Task,
} from '../common';
import { SubjectSummary } from '../tasks/subject/SubjectSummary';
import { TaskActions } from '../tasks/TaskActions';
import { taskFilters } from '../tasks/taskFilters';
import { BulkApproveButton } from './BulkApproveButton';
import { InboxEmpty } from './InboxEmpty';
import { StartApprovalButton } from './StartApprovalButton';

const inboxFilters = taskFilters(false);

/** A table row that end-to-end tests can find: data-testid="inbox-row" data-task-id=… */
const InboxRow = (props: DataTableRowProps) => {
  const record = useRecordContext<Task>();
  return (
    <DataTableRow
      {...props}
      {...({ 'data-testid': 'inbox-row', 'data-task-id': record?.id, 'data-overdue': record?.overdue ? 'true' : 'false' } as object)}
    />
  );
};

const InboxBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={InboxRow} />;

const overdueRowSx = (record: Task) => (record.overdue ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {});

const TitleCell = () => {
  const record = useRecordContext<Task>();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {record.title}
      </Typography>
      {record.processTitle && !record.title.includes(record.processTitle) ? (
        <Typography variant="caption" color="text.secondary">
          {record.processTitle}
        </Typography>
      ) : null}
      <SubjectSummary subject={record.subject} />
    </Box>
  );
};

const DueCell = () => (
  <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
    <ZonedDateField source="dueAt" />
    <DueBadgeField />
    <EscalationField />
  </Stack>
);

const InboxTable = () => (
  <DataTable body={InboxBody} rowClick="show" rowSx={overdueRowSx} bulkActionButtons={<BulkApproveButton />}>
    <DataTable.Col source="title" label="resources.tasks.fields.title">
      <TitleCell />
    </DataTable.Col>
    <DataTable.Col source="processType" label="resources.tasks.fields.processType" sx={{ whiteSpace: 'nowrap' }}>
      <ProcessTypeField />
    </DataTable.Col>
    <DataTable.Col source="dueAt" label="resources.tasks.fields.dueAt">
      <DueCell />
    </DataTable.Col>
    <DataTable.Col source="assigneeName" label="resources.tasks.fields.assignee" disableSort sx={{ whiteSpace: 'nowrap' }}>
      <AssigneeField />
    </DataTable.Col>
    <DataTable.Col source="actions" label="app.inbox.actions" disableSort sx={{ minWidth: 300 }}>
      <TaskActions />
    </DataTable.Col>
  </DataTable>
);

/** Phones: one card per task, selectable, with the same actions. */
const InboxCards = () => {
  const { data, isPending, selectedIds, onToggleItem, onSelect, onUnselectItems } = useListContext<Task>();
  const translate = useTranslate();
  const f = useFormatters();
  if (isPending || !data) return null;
  const allSelected = data.length > 0 && data.every((t) => selectedIds.includes(t.id));
  return (
    <Box sx={{ p: 1 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Checkbox
          size="small"
          checked={allSelected}
          indeterminate={!allSelected && selectedIds.length > 0}
          onChange={() => (allSelected ? onUnselectItems() : onSelect(data.map((t) => t.id)))}
          slotProps={{ input: { 'aria-label': translate('ra.action.select_all') } }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {selectedIds.length
            ? translate('ra.action.bulk_actions', { smart_count: selectedIds.length })
            : translate('ra.action.select_all')}
        </Typography>
        {selectedIds.length ? <BulkApproveButton /> : null}
      </Stack>
      <Stack spacing={1}>
        {data.map((task) => (
          <Card
            key={task.id}
            variant="outlined"
            data-testid="inbox-row"
            data-task-id={task.id}
            data-overdue={task.overdue ? 'true' : 'false'}
            sx={{
              borderLeftWidth: 4,
              borderLeftColor: task.overdue ? 'error.main' : 'divider',
              ...(task.overdue ? { backgroundColor: (theme: Theme) => alpha(theme.palette.error.main, 0.04) } : {}),
            }}
          >
            <CardContent sx={{ display: 'flex', gap: 1, pb: 0, '&:last-child': { pb: 0 } }}>
              <Checkbox
                size="small"
                sx={{ p: 0.5, alignSelf: 'flex-start' }}
                checked={selectedIds.includes(task.id)}
                onChange={() => onToggleItem(task.id)}
                slotProps={{ input: { 'aria-label': translate('ra.action.select_row') } }}
              />
              <Box sx={{ minWidth: 0, flex: 1 }}>
                <Typography
                  component={LinkBase}
                  to={`/tasks/${encodeURIComponent(task.id)}/show`}
                  variant="subtitle2"
                  sx={{ color: 'text.primary', textDecoration: 'none', display: 'block', wordBreak: 'break-word' }}
                >
                  {task.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  <ProcessTypeLabel type={task.processType} /> · {translate('resources.tasks.fields.dueAt')} {f.dateTime(task.dueAt)}
                </Typography>
                <SubjectSummary subject={task.subject} />
                <Stack direction="row" sx={{ gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
                  <DueBadge dueAt={task.dueAt} status={task.status} />
                  <EscalationChip level={task.escalationLevel} />
                </Stack>
              </Box>
            </CardContent>
            <CardActions sx={{ pt: 1 }}>
              <TaskActions task={task} />
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};

const InboxActions = () => (
  <TopToolbar>
    <FilterButton />
    <StartApprovalButton />
  </TopToolbar>
);

const InboxTitle = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2, mb: 1 }}>
      <Typography variant="h5" component="h1">
        {translate('app.inbox.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {identity?.fullName ? `${translate('app.dashboard.welcome', { name: identity.fullName })} · ` : ''}
        {translate('app.inbox.subtitle')}
      </Typography>
    </Box>
  );
};

/** Home page: my open tasks and my roles' tasks, overdue first (the API's default order). */
export const Inbox = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <>
      <InboxTitle />
      <List
        resource="tasks"
        title="app.inbox.title"
        filter={{ mine: true, status: 'open' }}
        filters={inboxFilters}
        sort={{ field: '', order: 'ASC' }}
        perPage={25}
        disableSyncWithLocation
        storeKey="inbox"
        exporter={false}
        actions={<InboxActions />}
        empty={<InboxEmpty />}
      >
        {isSmall ? <InboxCards /> : <InboxTable />}
      </List>
    </>
  );
};

export default Inbox;
