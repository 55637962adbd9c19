import {
  AutocompleteInput,
  DataTable,
  DateField,
  DeleteButton,
  List,
  ReferenceField,
  ReferenceInput,
  SimpleList,
  TextField,
  useGetIdentity,
  useLocale,
  useRecordContext,
} from 'react-admin';
import { MasterDataListActions, useIsSmall } from '../common/layout';
import { useMasterDataPermissions } from '../permissions';
import { DelegationStatusField, formatPeriod, type Delegation } from './DelegationStatusField';

/** Only the person away (or an admin) may end an out-of-office period. */
export const EndDelegationButton = () => {
  const record = useRecordContext<Delegation>();
  const { identity } = useGetIdentity();
  const { isAdmin } = useMasterDataPermissions();
  if (!record) return null;
  const own = identity?.id !== undefined && String(identity.id) === String(record.userId);
  if (!own && !isAdmin) return null;
  return (
    <DeleteButton mutationMode="pessimistic" redirect={false} label="masterData.delegations.end" data-testid="masterdata-delegation-end" />
  );
};

export const DelegationList = () => {
  const isSmall = useIsSmall();
  const locale = useLocale();
  const { canRead } = useMasterDataPermissions();
  const userDirectory = canRead('users');
  const filters = userDirectory
    ? [
        <ReferenceInput key="userId" source="userId" reference="users">
          <AutocompleteInput />
        </ReferenceInput>,
        <ReferenceInput key="delegateId" source="delegateId" reference="users">
          <AutocompleteInput />
        </ReferenceInput>,
      ]
    : undefined;
  return (
    <List
      sort={{ field: 'startsAt', order: 'DESC' }}
      perPage={25}
      filters={filters}
      actions={<MasterDataListActions filters={!!filters} />}
    >
      {isSmall ? (
        <SimpleList<Delegation>
          data-testid="masterdata-list-delegations"
          primaryText={
            <>
              <ReferenceField source="userId" reference="users" link={false} /> →{' '}
              <ReferenceField source="delegateId" reference="users" link={false} />
            </>
          }
          secondaryText={(r) => formatPeriod(r, locale)}
          tertiaryText={<DelegationStatusField />}
          rightIcon={() => <EndDelegationButton />}
          rowClick={false}
        />
      ) : (
        <DataTable bulkActionButtons={false} rowClick={false} data-testid="masterdata-list-delegations">
          <DataTable.Col source="userId" disableSort>
            <ReferenceField source="userId" reference="users" link={userDirectory ? 'show' : false} />
          </DataTable.Col>
          <DataTable.Col source="delegateId" disableSort>
            <ReferenceField source="delegateId" reference="users" link={userDirectory ? 'show' : false} />
          </DataTable.Col>
          <DataTable.Col source="startsAt">
            <DateField source="startsAt" showTime locales={locale} />
          </DataTable.Col>
          <DataTable.Col source="endsAt">
            <DateField source="endsAt" showTime locales={locale} />
          </DataTable.Col>
          <DataTable.Col source="reason" disableSort>
            <TextField source="reason" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="status" disableSort>
            <DelegationStatusField />
          </DataTable.Col>
          <DataTable.Col source="actions" label=" " disableSort>
            <EndDelegationButton />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default DelegationList;
