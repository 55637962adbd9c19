import ProductIcon from '@mui/icons-material/Checkroom';
import {
  ArrayInput,
  DataTable,
  List,
  maxLength,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleFormIterator,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useLocale,
  type RaRecord,
} from 'react-admin';
import { formatMoney, toScaledInteger } from '../common/decimal';
import { MoneyField, StringChipsField } from '../common/fields';
import { MasterDataListActions, MasterDataShowActions, useIsSmall, useRowClick } from '../common/layout';
import { formPages, masterDataResource } from '../common/resource';
import { MoneyInput } from '../common/ScaledDecimalInput';
import { codeRules, nameRules } from '../common/validators';
import type { Permissions } from '../permissions';

export const ProductList = () => {
  const isSmall = useIsSmall();
  const rowClick = useRowClick();
  const locale = useLocale();
  return (
    <List sort={{ field: 'sku', order: 'ASC' }} perPage={25} actions={<MasterDataListActions filters={false} />}>
      {isSmall ? (
        <SimpleList
          data-testid="masterdata-list-products"
          primaryText={(r: RaRecord) => `${String(r.sku ?? r.id)} ${String(r.name ?? '')}`}
          secondaryText={(r: RaRecord) => `${String(r.category ?? '')} · ${String(r.seasonCode ?? '')}`}
          tertiaryText={(r: RaRecord) => formatMoney(r.retailPriceFen, locale)}
          rowClick={rowClick}
        />
      ) : (
        <DataTable rowClick={rowClick} bulkActionButtons={false} data-testid="masterdata-list-products">
          <DataTable.Col source="sku" />
          <DataTable.Col source="name" />
          <DataTable.Col source="category" />
          <DataTable.Col source="seasonCode">
            <ReferenceField source="seasonCode" reference="seasons" link={false} />
          </DataTable.Col>
          <DataTable.Col source="wholesalePriceFen" align="right">
            <MoneyField source="wholesalePriceFen" />
          </DataTable.Col>
          <DataTable.Col source="retailPriceFen" align="right">
            <MoneyField source="retailPriceFen" />
          </DataTable.Col>
          <DataTable.Col source="sizes" disableSort>
            <StringChipsField source="sizes" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};

export const ProductShow = () => (
  <Show actions={<MasterDataShowActions />}>
    <SimpleShowLayout>
      <TextField source="sku" />
      <TextField source="name" />
      <TextField source="category" />
      <ReferenceField source="seasonCode" reference="seasons" link={false} />
      <MoneyField source="wholesalePriceFen" />
      <MoneyField source="retailPriceFen" />
      <StringChipsField source="sizes" />
    </SimpleShowLayout>
  </Show>
);

const sizesRules = (value: unknown) => {
  const sizes = Array.isArray(value) ? value.map((s) => (typeof s === 'string' ? s.trim() : '')).filter(Boolean) : [];
  if (sizes.length === 0) return 'masterData.validation.atLeastOneSize';
  if (new Set(sizes).size !== sizes.length) return 'masterData.validation.duplicateSize';
  return undefined;
};

const toApi = (data: RaRecord) => ({
  sku: String(data.sku ?? '').trim(),
  name: String(data.name ?? '').trim(),
  category: String(data.category ?? '').trim(),
  seasonCode: data.seasonCode,
  wholesalePriceFen: toScaledInteger(data.wholesalePriceFen),
  retailPriceFen: toScaledInteger(data.retailPriceFen),
  sizes: (Array.isArray(data.sizes) ? data.sizes : [])
    .map((s: unknown) => (typeof s === 'string' ? s.trim() : ''))
    .filter((s: string) => s !== ''),
});

const ProductInputs = ({ create }: { create: boolean }) => (
  <>
    <TextInput source="sku" validate={create ? codeRules : undefined} readOnly={!create} />
    <TextInput source="name" validate={nameRules} />
    <TextInput source="category" validate={[required(), maxLength(100)]} />
    <ReferenceInput source="seasonCode" reference="seasons" perPage={100} sort={{ field: 'startsOn', order: 'DESC' }}>
      <SelectInput validate={required()} />
    </ReferenceInput>
    <MoneyInput source="wholesalePriceFen" validate={required()} data-testid="masterdata-product-wholesale" />
    <MoneyInput source="retailPriceFen" validate={required()} data-testid="masterdata-product-retail" />
    <ArrayInput source="sizes" validate={sizesRules} helperText="masterData.products.sizesHelp">
      <SimpleFormIterator inline>
        <TextInput
          source=""
          label="resources.products.fields.size"
          validate={[required(), maxLength(20)]}
          helperText={false}
          sx={{ width: 160 }}
        />
      </SimpleFormIterator>
    </ArrayInput>
  </>
);

const pages = formPages({ Inputs: ProductInputs, toApi, redirect: 'show', createDefaults: { sizes: ['S', 'M', 'L', 'XL'] } });

/** `products` (商品, id = SKU): prices in fen shown and entered in ¥; ordered size run. */
export const productsResource = (permissions: Permissions) =>
  masterDataResource(
    {
      name: 'products',
      list: ProductList,
      show: ProductShow,
      pages,
      icon: ProductIcon,
      recordRepresentation: (r: RaRecord) => `${String(r.sku ?? r.id)} ${String(r.name ?? '')}`.trim(),
    },
    permissions,
  );
