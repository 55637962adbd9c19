import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  email,
  maxLength,
  minLength,
  PasswordInput,
  ReferenceInput,
  regex,
  required,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  type RaRecord,
} from 'react-admin';
import { MasterDataFormToolbar } from '../common/layout';
import { emptyToNull } from '../common/transform';
import { LOCALE_CHOICES, roleChoices } from './roles';

const validateRoles = (value: unknown) => (Array.isArray(value) && value.length > 0 ? undefined : 'masterData.validation.atLeastOneRole');

const usernameRules = [required(), maxLength(64), regex(/^[A-Za-z0-9._-]+$/, 'masterData.validation.username')];

/** Only the fields of the users contract; empty references become null, an empty password is left out. */
const toApi = (data: RaRecord, { create }: { create: boolean }) => {
  const body: Record<string, unknown> = {
    username: typeof data.username === 'string' ? data.username.trim() : data.username,
    name: data.name,
    email: data.email,
    roles: data.roles ?? [],
    locale: data.locale ?? 'zh-CN',
    regionId: emptyToNull(data.regionId),
    superiorId: emptyToNull(data.superiorId),
    storeId: emptyToNull(data.storeId),
    franchiseeId: emptyToNull(data.franchiseeId),
  };
  if (typeof data.password === 'string' && data.password !== '') body.password = data.password;
  if (!create) body.active = data.active !== false;
  return body;
};

const UserInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput source="username" validate={usernameRules} readOnly={!create} helperText={create ? undefined : false} />
    <TextInput source="name" validate={[required(), maxLength(100)]} />
    <TextInput source="email" type="email" validate={[required(), email()]} />
    {create ? (
      <PasswordInput source="password" validate={[required(), minLength(4)]} autoComplete="new-password" />
    ) : (
      <PasswordInput
        source="password"
        label="masterData.users.newPassword"
        helperText="masterData.users.newPasswordHelp"
        validate={minLength(4)}
        autoComplete="new-password"
      />
    )}
    <SelectArrayInput source="roles" choices={roleChoices} validate={validateRoles} data-testid="masterdata-user-roles-input" />
    <SelectInput source="locale" choices={LOCALE_CHOICES} validate={required()} />
    <ReferenceInput source="regionId" reference="regions" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput emptyText="masterData.none" />
    </ReferenceInput>
    <ReferenceInput source="superiorId" reference="users" sort={{ field: 'username', order: 'ASC' }}>
      <AutocompleteInput filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
    <ReferenceInput source="storeId" reference="stores" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput emptyText="masterData.none" />
    </ReferenceInput>
    <ReferenceInput source="franchiseeId" reference="franchisees" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput emptyText="masterData.none" />
    </ReferenceInput>
    {create ? null : <BooleanInput source="active" />}
  </>
);

export const UserCreate = () => (
  <Create redirect="show" transform={(data: RaRecord) => toApi(data, { create: true })}>
    <SimpleForm defaultValues={{ locale: 'zh-CN', roles: [] }} toolbar={<MasterDataFormToolbar />}>
      <UserInputs create />
    </SimpleForm>
  </Create>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={(data: RaRecord) => toApi(data, { create: false })}>
    <SimpleForm toolbar={<MasterDataFormToolbar />}>
      <UserInputs create={false} />
    </SimpleForm>
  </Edit>
);
