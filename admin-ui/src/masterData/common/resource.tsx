// The shape most master-data resources share: a list (and maybe a show page), create and edit
// forms around the same inputs, and write pages only for the roles that may write.
import type { ComponentType, ReactElement } from 'react';
import { Create, Edit, Resource, SimpleForm, type RaRecord, type ResourceProps, type ValidateForm } from 'react-admin';
import { canWrite, type MasterDataResource, type Permissions } from '../permissions';
import { MasterDataFormToolbar } from './layout';

export interface FormSpec {
  /** The form's inputs; `create` is false on the edit page, where the id is read-only. */
  Inputs: ComponentType<{ create: boolean }>;
  /** From the form's values to the API's body. */
  toApi: (data: RaRecord) => Record<string, unknown>;
  createDefaults?: Record<string, unknown>;
  validate?: ValidateForm;
  /** Where a saved record goes: its show page, or back to the list. */
  redirect: 'show' | 'list';
}

export interface FormPages {
  create: ComponentType;
  edit: ComponentType;
}

/** Create and edit pages around one set of inputs. Call once per resource, at module level. */
export function formPages({ Inputs, toApi, createDefaults, validate, redirect }: FormSpec): FormPages {
  const CreatePage = () => (
    <Create redirect={redirect} transform={toApi}>
      <SimpleForm validate={validate} defaultValues={createDefaults} toolbar={<MasterDataFormToolbar />}>
        <Inputs create />
      </SimpleForm>
    </Create>
  );
  const EditPage = () => (
    <Edit mutationMode="pessimistic" redirect={redirect} transform={toApi}>
      <SimpleForm validate={validate} toolbar={<MasterDataFormToolbar allowDelete />}>
        <Inputs create={false} />
      </SimpleForm>
    </Edit>
  );
  return { create: CreatePage, edit: EditPage };
}

/** The <Resource>, with its create and edit pages only for roles that may write. */
export function masterDataResource(
  spec: {
    name: MasterDataResource;
    list: ComponentType;
    show?: ComponentType;
    pages: FormPages;
    icon: ComponentType;
    recordRepresentation: ResourceProps['recordRepresentation'];
  },
  permissions: Permissions,
): ReactElement {
  const write = canWrite(spec.name, permissions);
  return (
    <Resource
      key={spec.name}
      name={spec.name}
      list={spec.list}
      show={spec.show}
      create={write ? spec.pages.create : undefined}
      edit={write ? spec.pages.edit : undefined}
      icon={spec.icon}
      recordRepresentation={spec.recordRepresentation}
    />
  );
}
