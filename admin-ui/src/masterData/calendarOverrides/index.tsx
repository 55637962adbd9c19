import CalendarIcon from '@mui/icons-material/EventNote';
import { Chip } from '@mui/material';
import {
  BooleanInput,
  DataTable,
  DateInput,
  List,
  maxLength,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { CalendarWarning, OfficialYearImportButton } from '../../calendar';
import { DateOnlyField } from '../common/fields';
import { MasterDataListActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { toDateOnly, trimmedOrNull } from '../common/transform';
import type { Permissions } from '../permissions';

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Day of week of a 'YYYY-MM-DD' date (computed in UTC so the browser's zone cannot shift it). */
const weekdayOf = (date: string) => {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : WEEKDAY_KEYS[d.getUTCDay()];
};

const yearChoices = () => {
  const current = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => current - 2 + i).map((y) => ({ id: y, name: String(y) }));
};

const DayKindField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={record.isWorkday ? 'primary' : 'secondary'}
      label={translate(record.isWorkday ? 'masterData.calendar.workday' : 'masterData.calendar.dayOff')}
    />
  );
};

const WeekdayField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const key = record ? weekdayOf(String(record.date ?? record.id ?? '')) : undefined;
  return <>{key ? translate(`masterData.weekdays.${key}`) : ''}</>;
};

export const CalendarOverrideList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const translate = useTranslate();
  const filters = [<SelectInput key="year" source="year" choices={yearChoices()} alwaysOn data-testid="masterdata-calendar-year" />];
  return (
    <>
      <CalendarWarning link={false} />
      <List
        sort={{ field: 'date', order: 'ASC' }}
        perPage={50}
        filters={filters}
        filterDefaultValues={{ year: new Date().getFullYear() }}
        actions={<MasterDataListActions extra={<OfficialYearImportButton />} />}
      >
        {isSmall ? (
          <SimpleList
            data-testid="masterdata-list-calendar-overrides"
            primaryText={(r: RaRecord) => {
              const key = weekdayOf(String(r.date ?? r.id));
              return `${String(r.date ?? r.id).slice(0, 10)} ${key ? translate(`masterData.weekdays.${key}`) : ''}`;
            }}
            secondaryText={(r: RaRecord) => translate(r.isWorkday ? 'masterData.calendar.workday' : 'masterData.calendar.dayOff')}
            tertiaryText={(r: RaRecord) => String(r.note ?? '')}
            rowClick={rowClick}
          />
        ) : (
          <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-calendar-overrides">
            <DataTable.Col source="date">
              <DateOnlyField source="date" />
            </DataTable.Col>
            <DataTable.Col source="weekday" disableSort>
              <WeekdayField />
            </DataTable.Col>
            <DataTable.Col source="isWorkday">
              <DayKindField />
            </DataTable.Col>
            <DataTable.Col source="note" disableSort>
              <TextField source="note" emptyText="—" />
            </DataTable.Col>
          </DataTable>
        )}
      </List>
    </>
  );
};

const toApi = (data: RaRecord) => ({
  date: toDateOnly(data.date ?? data.id),
  isWorkday: data.isWorkday === true,
  note: trimmedOrNull(data.note),
});

const CalendarOverrideInputs = ({ create }: { create: boolean }) => (
  <>
    <DateInput source="date" validate={create ? required() : undefined} readOnly={!create} />
    <BooleanInput source="isWorkday" helperText="masterData.calendar.isWorkdayHelp" />
    <TextInput source="note" validate={maxLength(200)} />
  </>
);

const pages = formPages({ Inputs: CalendarOverrideInputs, toApi, redirect: 'list', createDefaults: { isWorkday: false } });

/** `calendar-overrides` (工作日历, id = date): company exceptions to the holiday calendar. */
export const calendarOverridesResource = (permissions: Permissions) =>
  masterDataResource(
    {
      name: 'calendar-overrides',
      list: CalendarOverrideList,
      pages,
      icon: CalendarIcon,
      recordRepresentation: (r: RaRecord) => String(r.date ?? r.id).slice(0, 10),
    },
    permissions,
  );
