import { Box, Divider, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  ListContextProvider,
  ReferenceField,
  ResourceContextProvider,
  SimpleList,
  TextField,
  useGetIdentity,
  useLocale,
  useGetList,
  useList,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { useIsSmall } from '../common/layout';
import { EndDelegationButton } from '../delegations/DelegationList';
import { DelegationStatusField, formatPeriod, type Delegation } from '../delegations/DelegationStatusField';
import { useMasterDataPermissions } from '../permissions';

/** Out-of-office periods (代理/外出) of the shown user, with add and end (delete). */
export const UserDelegations = () => {
  const user = useRecordContext<RaRecord & { id: string }>();
  const translate = useTranslate();
  const isSmall = useIsSmall();
  const locale = useLocale();
  const { identity } = useGetIdentity();
  const { isAdmin } = useMasterDataPermissions();
  const { data, isPending, error } = useGetList<Delegation>(
    'delegations',
    { filter: { userId: user?.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'startsAt', order: 'DESC' } },
    { enabled: !!user?.id },
  );
  // The API filters by userId; filtering again keeps the section right whatever it returns.
  const rows = (data ?? []).filter((d) => d.userId === user?.id);
  const listContext = useList<Delegation>({ data: rows, isPending, resource: 'delegations', perPage: 100 });
  if (!user) return null;
  const mayChange = isAdmin || (identity?.id !== undefined && String(identity.id) === String(user.id));

  return (
    <Box sx={{ px: 2, pb: 2 }} data-testid="masterdata-user-delegations">
      <Divider sx={{ mb: 2 }} />
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {translate('masterData.delegations.sectionTitle')}
        </Typography>
        {mayChange ? (
          <CreateButton
            resource="delegations"
            label="masterData.delegations.add"
            state={{ record: { userId: user.id }, fromUser: user.id }}
            data-testid="masterdata-user-delegations-add"
          />
        ) : null}
      </Box>
      {error ? (
        <Typography variant="body2" color="error">
          {translate('masterData.delegations.loadError')}
        </Typography>
      ) : !isPending && rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {translate('masterData.delegations.none')}
        </Typography>
      ) : (
        <ResourceContextProvider value="delegations">
          <ListContextProvider value={listContext}>
            {isSmall ? (
              <SimpleList<Delegation>
                primaryText={<ReferenceField source="delegateId" reference="users" link={false} />}
                secondaryText={(r) => formatPeriod(r, locale)}
                tertiaryText={<DelegationStatusField />}
                rightIcon={mayChange ? () => <EndDelegationButton /> : undefined}
                rowClick={false}
              />
            ) : (
              <DataTable bulkActionButtons={false} rowClick={false} data-testid="masterdata-user-delegations-table">
                <DataTable.Col source="delegateId" disableSort>
                  <ReferenceField source="delegateId" reference="users" link="show" />
                </DataTable.Col>
                <DataTable.Col source="startsAt" disableSort>
                  <DateField source="startsAt" showTime locales={locale} />
                </DataTable.Col>
                <DataTable.Col source="endsAt" disableSort>
                  <DateField source="endsAt" showTime locales={locale} />
                </DataTable.Col>
                <DataTable.Col source="reason" disableSort>
                  <TextField source="reason" emptyText="—" />
                </DataTable.Col>
                <DataTable.Col source="status" disableSort>
                  <DelegationStatusField />
                </DataTable.Col>
                {mayChange ? (
                  <DataTable.Col source="actions" label=" " disableSort>
                    <EndDelegationButton />
                  </DataTable.Col>
                ) : null}
              </DataTable>
            )}
          </ListContextProvider>
        </ResourceContextProvider>
      )}
    </Box>
  );
};

export default UserDelegations;
