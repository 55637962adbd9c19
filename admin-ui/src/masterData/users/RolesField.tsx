import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';

type RolesFieldProps = Partial<Pick<FieldProps, 'source' | 'label' | 'sortable'>>;

/** The user's roles as translated chips. */
export const RolesField = (_props: RolesFieldProps) => {
  const record = useRecordContext<{ roles?: string[] }>();
  const translate = useTranslate();
  const roles = record?.roles ?? [];
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }} data-testid="masterdata-user-roles">
      {roles.map((role) => (
        <Chip key={role} size="small" label={translate(`masterData.roles.${role}`, { _: role })} />
      ))}
    </Stack>
  );
};

export default RolesField;
