import SettingsIcon from '@mui/icons-material/Tune';
import { Box, Chip, Typography } from '@mui/material';
import {
  DataTable,
  Edit,
  Labeled,
  List,
  Resource,
  SimpleForm,
  SimpleList,
  TextField,
  useLocale,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { MasterDataFormToolbar, useIsSmall, useRowClick } from '../common/layout';
import { canWrite, type Permissions } from '../permissions';
import { JsonValueInput } from './JsonValueInput';
import { formatSettingValue, sameJson } from './settingValue';

export interface SettingRecord extends RaRecord {
  id: string;
  key: string;
  value: unknown;
  default: unknown;
  description?: { 'zh-CN'?: string; en?: string } | string | null;
}

const describe = (record: SettingRecord | undefined, locale: string): string => {
  const d = record?.description;
  if (!d) return '';
  if (typeof d === 'string') return d;
  return (locale.startsWith('zh') ? d['zh-CN'] : d.en) ?? d.en ?? d['zh-CN'] ?? '';
};

const DescriptionField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<SettingRecord>();
  const locale = useLocale();
  return (
    <Typography component="span" variant="body2">
      {describe(record, locale)}
    </Typography>
  );
};

const ValueField = ({ source = 'value' }: { source?: 'value' | 'default'; label?: string }) => {
  const record = useRecordContext<SettingRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const changed = source === 'value' && !sameJson(record.value, record.default);
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
        {formatSettingValue(record[source])}
      </Typography>
      {changed ? <Chip size="small" variant="outlined" color="secondary" label={translate('masterData.settings.changed')} /> : null}
    </Box>
  );
};

export const SettingList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const locale = useLocale();
  return (
    <List perPage={100} pagination={false} sort={{ field: 'key', order: 'ASC' }} exporter={false} actions={false}>
      {isSmall ? (
        <SimpleList<SettingRecord>
          data-testid="masterdata-list-settings"
          primaryText={(r) => r.key}
          secondaryText={(r) => formatSettingValue(r.value)}
          tertiaryText={(r) => describe(r, locale)}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-settings">
          <DataTable.Col source="key" disableSort>
            <TextField source="key" sx={{ fontFamily: 'monospace' }} />
          </DataTable.Col>
          <DataTable.Col source="description" disableSort>
            <DescriptionField />
          </DataTable.Col>
          <DataTable.Col source="value" disableSort>
            <ValueField source="value" />
          </DataTable.Col>
          <DataTable.Col source="default" disableSort>
            <ValueField source="default" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

const SettingTitle = () => {
  const record = useRecordContext<SettingRecord>();
  const translate = useTranslate();
  return <span>{`${translate('resources.settings.name', { smart_count: 1 })} ${record?.key ?? ''}`}</span>;
};

export const SettingEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    title={<SettingTitle />}
    actions={false}
    transform={(data: RaRecord) => ({ value: data.value as unknown })}
  >
    <SimpleForm toolbar={<MasterDataFormToolbar />}>
      <Labeled source="key">
        <TextField source="key" sx={{ fontFamily: 'monospace' }} />
      </Labeled>
      <Labeled source="description">
        <DescriptionField />
      </Labeled>
      <Labeled source="default">
        <ValueField source="default" />
      </Labeled>
      <JsonValueInput source="value" helperText="masterData.settings.valueHelp" />
    </SimpleForm>
  </Edit>
);

/** `settings` (流程设置): every process timing and rule; admins edit the value as JSON. */
export const settingsResource = (permissions: Permissions) => (
  <Resource
    key="settings"
    name="settings"
    list={SettingList}
    edit={canWrite('settings', permissions) ? SettingEdit : undefined}
    icon={SettingsIcon}
    recordRepresentation="key"
  />
);
