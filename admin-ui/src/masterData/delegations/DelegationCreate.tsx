import {
  AutocompleteInput,
  Create,
  DateTimeInput,
  maxLength,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  useLocation,
  type RaRecord,
} from 'react-admin';
import { MasterDataFormToolbar } from '../common/layout';
import { trimmedOrNull } from '../common/transform';
import { useMasterDataPermissions } from '../permissions';

/** <input type="datetime-local"> value (browser's zone) or a Date -> ISO instant with zone. */
const toInstant = (value: unknown): string | undefined => {
  if (value == null || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

const validatePeriod = (values: Record<string, unknown>) => {
  const starts = toInstant(values.startsAt);
  const ends = toInstant(values.endsAt);
  if (starts && ends && Date.parse(ends) <= Date.parse(starts)) {
    return { endsAt: 'masterData.validation.endsAfterStarts' };
  }
  return {};
};

const toApi = (data: RaRecord) => {
  const body: Record<string, unknown> = {
    delegateId: data.delegateId,
    startsAt: toInstant(data.startsAt),
    endsAt: toInstant(data.endsAt),
    reason: trimmedOrNull(data.reason),
  };
  if (typeof data.userId === 'string' && data.userId !== '') body.userId = data.userId;
  return body;
};

/** Local 'YYYY-MM-DDTHH:mm' of a time, for the datetime-local default values. */
const localInputValue = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

export const DelegationCreate = () => {
  const { isAdmin, canRead } = useMasterDataPermissions();
  const location = useLocation();
  const fromUser = (location.state as { fromUser?: string } | null)?.fromUser;
  const now = new Date();
  now.setSeconds(0, 0);
  const inAWeek = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  return (
    <Create
      transform={toApi}
      redirect={(_resource?: string, _id?: unknown, data?: Partial<RaRecord>) =>
        fromUser && canRead('users') ? `users/${String(data?.userId ?? fromUser)}/show` : 'delegations'
      }
    >
      <SimpleForm
        validate={validatePeriod}
        defaultValues={{ startsAt: localInputValue(now), endsAt: localInputValue(inAWeek) }}
        toolbar={<MasterDataFormToolbar />}
      >
        {isAdmin ? (
          <ReferenceInput source="userId" reference="users">
            <AutocompleteInput helperText="masterData.delegations.userHelp" />
          </ReferenceInput>
        ) : null}
        <ReferenceInput source="delegateId" reference="users">
          <AutocompleteInput
            validate={required()}
            optionText={(r: RaRecord) => `${String(r.name ?? '')} (${String(r.username ?? '')})`}
            inputText={(r: RaRecord) => `${String(r.name ?? '')} (${String(r.username ?? '')})`}
            filterToQuery={(q: string) => ({ q })}
          />
        </ReferenceInput>
        <DateTimeInput source="startsAt" validate={required()} />
        <DateTimeInput source="endsAt" validate={required()} />
        <TextInput source="reason" multiline minRows={2} validate={maxLength(500)} />
      </SimpleForm>
    </Create>
  );
};

export default DelegationCreate;
