import { useMediaQuery, type Theme } from '@mui/material';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { hasAnyRole, SeasonInput, ZonedDateField, useFormatters } from '../common';
import { PlanAmountField, PlanQtyField, PlanStatusField, PlanTypeField, planTotals } from './fields';
import { PLAN_WRITER_ROLES, planStatusChoices, planTypeChoices, type Plan } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SeasonInput key="season" source="season" alwaysOn />,
  <SelectInput key="type" source="type" choices={planTypeChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={planStatusChoices} alwaysOn />,
  <BooleanInput key="mine" source="mine" />,
];

const PlanListActions = () => {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      <FilterButton />
      {hasAnyRole(permissions, PLAN_WRITER_ROLES) ? <CreateButton data-testid="plan-create-button" /> : null}
    </TopToolbar>
  );
};

const MobilePlanList = () => {
  const translate = useTranslate();
  const f = useFormatters();
  return (
    <SimpleList<Plan>
      linkType="show"
      primaryText={(p) => p.title}
      secondaryText={(p) => {
        const t = planTotals(p);
        return [p.season, translate(`app.plan.type.${p.type}`, { _: p.type }), p.ownerName, t ? f.money(t.amountFen) : null]
          .filter(Boolean)
          .join(' · ');
      }}
      tertiaryText={(p) => translate(`app.plan.status.${p.status}`, { _: p.status })}
    />
  );
};

/** 计划: season purchase and launch plans, newest change first. */
export const PlanList = () => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List filters={filters} actions={<PlanListActions />} sort={{ field: 'updatedAt', order: 'DESC' }} perPage={25} exporter={false}>
      {isSmall ? (
        <MobilePlanList />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} data-testid="plan-list">
          <DataTable.Col source="title">
            <TextField source="title" />
          </DataTable.Col>
          <DataTable.Col source="season">
            <TextField source="season" />
          </DataTable.Col>
          <DataTable.Col source="type">
            <PlanTypeField />
          </DataTable.Col>
          <DataTable.Col source="status">
            <PlanStatusField />
          </DataTable.Col>
          <DataTable.Col source="ownerName" disableSort>
            <TextField source="ownerName" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="totalQty" disableSort align="right">
            <PlanQtyField />
          </DataTable.Col>
          <DataTable.Col source="totalAmountFen" disableSort align="right">
            <PlanAmountField />
          </DataTable.Col>
          <DataTable.Col source="updatedAt">
            <ZonedDateField source="updatedAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export default PlanList;
