import type { ReactNode } from 'react';
import { useMediaQuery, type Theme } from '@mui/material';
import {
  DeleteButton,
  SaveButton,
  Toolbar,
  TopToolbar,
  CreateButton,
  EditButton,
  ExportButton,
  FilterButton,
  useResourceDefinition,
} from 'react-admin';

/** Phone width: lists render as SimpleList. */
export const useIsSmall = () => useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));

/** Save (and, where deleting makes sense, delete with confirmation, waiting for the server). */
export const MasterDataFormToolbar = ({ allowDelete = false }: { allowDelete?: boolean }) => (
  <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
    <SaveButton data-testid="masterdata-save" />
    {allowDelete ? <DeleteButton mutationMode="pessimistic" data-testid="masterdata-delete" /> : null}
  </Toolbar>
);

/** List actions: filters, create (only when the resource was registered with a create page), export. */
export const MasterDataListActions = ({ filters = true, extra }: { filters?: boolean; extra?: ReactNode }) => {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      {filters ? <FilterButton /> : null}
      {hasCreate ? <CreateButton data-testid="masterdata-create" /> : null}
      <ExportButton />
      {extra}
    </TopToolbar>
  );
};

/** Row click: the show page when there is one, else the edit page for writers, else nothing. */
export const useRowClick = (): 'show' | 'edit' | false => {
  const { hasShow, hasEdit } = useResourceDefinition();
  if (hasShow) return 'show';
  if (hasEdit) return 'edit';
  return false;
};

/** Show actions: edit only when the resource was registered with an edit page (writers). */
export const MasterDataShowActions = () => {
  const { hasEdit } = useResourceDefinition();
  return <TopToolbar>{hasEdit ? <EditButton data-testid="masterdata-edit" /> : null}</TopToolbar>;
};
