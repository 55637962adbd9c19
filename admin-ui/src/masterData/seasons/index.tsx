import SeasonIcon from '@mui/icons-material/DateRange';
import {
  BooleanField,
  BooleanInput,
  DataTable,
  DateInput,
  List,
  SimpleList,
  TextInput,
  required,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { DateOnlyField } from '../common/fields';
import { MasterDataListActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { toDateOnly } from '../common/transform';
import { codeRules, nameRules } from '../common/validators';
import type { Permissions } from '../permissions';

export const SeasonList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const translate = useTranslate();
  return (
    <List sort={{ field: 'startsOn', order: 'DESC' }} perPage={25} actions={<MasterDataListActions filters={false} />}>
      {isSmall ? (
        <SimpleList
          data-testid="masterdata-list-seasons"
          primaryText={(r: RaRecord) => `${String(r.code ?? r.id)} ${String(r.name ?? '')}`}
          secondaryText={(r: RaRecord) => `${toDateOnly(r.startsOn) ?? ''} – ${toDateOnly(r.endsOn) ?? ''}`}
          tertiaryText={(r: RaRecord) => (r.orderOpen ? translate('masterData.seasons.orderOpen') : '')}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-seasons">
          <DataTable.Col source="code" />
          <DataTable.Col source="name" />
          <DataTable.Col source="startsOn">
            <DateOnlyField source="startsOn" />
          </DataTable.Col>
          <DataTable.Col source="endsOn">
            <DateOnlyField source="endsOn" />
          </DataTable.Col>
          <DataTable.Col source="orderOpen" field={BooleanField} />
        </DataTable>
      )}
    </List>
  );
};

const validatePeriod = (values: Record<string, unknown>) => {
  const starts = toDateOnly(values.startsOn);
  const ends = toDateOnly(values.endsOn);
  return starts && ends && ends < starts ? { endsOn: 'masterData.validation.endsOnAfterStartsOn' } : {};
};

const toApi = (data: RaRecord) => ({
  code: String(data.code ?? '').trim(),
  name: String(data.name ?? '').trim(),
  startsOn: toDateOnly(data.startsOn),
  endsOn: toDateOnly(data.endsOn),
  orderOpen: data.orderOpen === true,
});

const SeasonInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput
      source="code"
      validate={create ? codeRules : undefined}
      readOnly={!create}
      helperText={create ? 'masterData.seasons.codeHelp' : false}
    />
    <TextInput source="name" validate={nameRules} />
    <DateInput source="startsOn" validate={required()} />
    <DateInput source="endsOn" validate={required()} />
    <BooleanInput source="orderOpen" helperText="masterData.seasons.orderOpenHelp" />
  </>
);

const pages = formPages({ Inputs: SeasonInputs, toApi, redirect: 'list', createDefaults: { orderOpen: false }, validate: validatePeriod });

/** `seasons` (季节, id = code): dates 'YYYY-MM-DD', order fair open flag. */
export const seasonsResource = (permissions: Permissions) =>
  masterDataResource(
    {
      name: 'seasons',
      list: SeasonList,
      pages,
      icon: SeasonIcon,
      recordRepresentation: (r: RaRecord) => (r.name ? `${String(r.name)} (${String(r.code ?? r.id)})` : String(r.code ?? r.id)),
    },
    permissions,
  );
