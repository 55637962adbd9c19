import { useMediaQuery, type Theme } from '@mui/material';
import { BooleanInput, DataTable, List, SearchInput, SelectInput, SimpleList, TextField, useTranslate } from 'react-admin';
import {
  ProcessStatusField,
  ProcessTypeField,
  SeasonInput,
  ZonedDateField,
  processStatusChoices,
  processTypeChoices,
  useFormatters,
  type Process,
} from '../common';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="processType" source="processType" choices={processTypeChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={processStatusChoices} alwaysOn />,
  <BooleanInput key="mine" source="mine" />,
  <SeasonInput key="season" source="season" />,
];

const MobileProcessList = () => {
  const translate = useTranslate();
  const f = useFormatters();
  return (
    <SimpleList<Process>
      linkType="show"
      primaryText={(p) => p.title}
      secondaryText={(p) =>
        `${translate(`app.process_type.${p.processType}`, { _: p.processType })} · ${p.submitterName ?? ''} · ${f.dateTime(p.startedAt)}`
      }
      tertiaryText={(p) => translate(`app.process_status.${p.status}`, { _: p.status })}
    />
  );
};

/** Process runs the user takes part in, newest first. */
export const ProcessList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List filters={filters} sort={{ field: 'startedAt', order: 'DESC' }} perPage={25} exporter={false}>
      {isSmall ? (
        <MobileProcessList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="title">
            <TextField source="title" />
          </DataTable.Col>
          <DataTable.Col source="processType">
            <ProcessTypeField />
          </DataTable.Col>
          <DataTable.Col source="status">
            <ProcessStatusField />
          </DataTable.Col>
          <DataTable.Col source="submitterName" disableSort>
            <TextField source="submitterName" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="startedAt">
            <ZonedDateField source="startedAt" />
          </DataTable.Col>
          <DataTable.Col source="endedAt">
            <ZonedDateField source="endedAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default ProcessList;
