import { AutocompleteInput, ReferenceInput, TextInput, usePermissions, type Validator } from 'react-admin';
import { hasAnyRole, STAFF_ROLES } from './labels';

interface SeasonRecord {
  id: string;
  code?: string;
  name?: string;
}

const seasonText = (s: SeasonRecord | undefined) => (s ? [s.code ?? s.id, s.name].filter(Boolean).join(' · ') : '');

/**
 * A season (code such as 2027SS): picked from GET /api/seasons for staff, who may read seasons;
 * typed for others.
 */
export const SeasonInput = ({
  source = 'season',
  label,
  helperText,
  validate,
  alwaysOn,
}: {
  source?: string;
  label?: string;
  helperText?: string | false;
  validate?: Validator | Validator[];
  alwaysOn?: boolean;
}) => {
  const { permissions } = usePermissions();
  if (!hasAnyRole(permissions, STAFF_ROLES)) {
    return <TextInput source={source} label={label} helperText={helperText} validate={validate} />;
  }
  return (
    <ReferenceInput
      source={source}
      reference="seasons"
      sort={{ field: 'startsOn', order: 'DESC' }}
      perPage={50}
      {...(alwaysOn ? { alwaysOn } : {})}
    >
      <AutocompleteInput
        label={label}
        helperText={helperText}
        validate={validate}
        optionText={seasonText}
        filterToQuery={(q: string) => (q ? { q } : {})}
        sx={{ minWidth: 200 }}
      />
    </ReferenceInput>
  );
};

export default SeasonInput;
