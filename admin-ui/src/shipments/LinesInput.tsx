import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useMemo } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, NumberInput, SelectInput, required, useGetList, useTranslate } from 'react-admin';
import { validQty } from '../bookings/helpers';
import { useNumber } from './fields';
import type { Product } from './types';

type Products = Map<string, Product>;

const productText = (p: Product | undefined) => (p ? `${p.sku} ${p.name ?? ''}` : '');

const SkuCell = ({ index, label, products, w }: { index: number; label: string | false; products: Product[]; w?: number }) => {
  const { setValue, getValues } = useFormContext();
  return (
    <AutocompleteInput
      source={`lines.${index}.sku`}
      choices={products}
      optionValue="sku"
      optionText={productText}
      label={label}
      helperText={false}
      validate={required()}
      size="small"
      variant="outlined"
      margin="none"
      sx={{ minWidth: w ?? 260, m: 0 }}
      fullWidth
      onChange={(sku: string | null) => {
        // A size the new SKU does not come in is cleared.
        const size = getValues(`lines.${index}.size`) as string | null;
        const product = products.find((p) => p.sku === sku);
        if (size && !product?.sizes.includes(size)) setValue(`lines.${index}.size`, null, { shouldDirty: true });
      }}
    />
  );
};

const SizeCell = ({ index, label, products, w }: { index: number; label: string | false; products: Products; w?: number }) => {
  const sku = useWatch({ name: `lines.${index}.sku` }) as string | null | undefined;
  const sizes = (sku ? products.get(sku)?.sizes : undefined) ?? [];
  return (
    <SelectInput
      source={`lines.${index}.size`}
      choices={sizes.map((s) => ({ id: s, name: s }))}
      translateChoice={false}
      label={label}
      helperText={false}
      validate={required()}
      disabled={!sizes.length}
      size="small"
      margin="none"
      variant="outlined"
      sx={{ minWidth: w ?? 90, m: 0 }}
      fullWidth
    />
  );
};

const QtyCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <NumberInput source={`lines.${index}.qty`} label={label} helperText={false} validate={validQty} step={1} min={1} size="small" margin="none" variant="outlined" sx={{ minWidth: w ?? 90, m: 0 }} fullWidth />
);

const FormTotal = () => {
  const translate = useTranslate();
  const num = useNumber();
  const lines = (useWatch({ name: 'lines' }) as { qty?: unknown }[] | undefined) ?? [];
  const qty = lines.reduce((n, l) => {
    const q = Number(l?.qty);
    return Number.isInteger(q) && q > 0 ? n + q : n;
  }, 0);
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="shipment-form-total" data-qty={qty}>
      {translate('app.shipment.form_total', { qty: num(qty) })}
    </Typography>
  );
};

/**
 * The shipment's lines as an inline grid in the form: SKU (the season's products, or all),
 * size (of that product), quantity. The API's 422 details `lines.<i>.<field>` land on the inputs.
 * Cards on phones.
 */
export const LinesInput = () => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { control } = useFormContext();
  const season = useWatch({ name: 'season' }) as string | undefined;
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const { data: productList = [], isPending } = useGetList<Product>('products', {
    filter: season ? { seasonCode: season } : {},
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'sku', order: 'ASC' },
  });
  const products = useMemo(() => new Map(productList.map((p) => [p.sku, p])), [productList]);
  const add = () => append({ sku: null, size: null, qty: null });
  const label = (key: string) => translate(`resources.shipments.fields.${key}`);
  const removeButton = (index: number) => (
    <Tooltip title={translate('app.shipment.remove_line')}>
      <IconButton size="small" onClick={() => remove(index)} aria-label={translate('app.shipment.remove_line')} data-testid="shipment-line-remove">
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
  return (
    <Box sx={{ width: '100%' }} data-testid="shipment-lines-input">
      {!isPending && !productList.length ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('app.shipment.no_products', { season: season ?? '' })}
        </Alert>
      ) : null}
      {isSmall ? (
        <Stack spacing={1}>
          {fields.map((field, index) => (
            <Card key={field.id} variant="outlined" data-testid="shipment-line-row">
              <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 1.5, '&:last-child': { pb: 1.5 } }}>
                <Stack direction="row" sx={{ gridColumn: '1 / -1', alignItems: 'center' }}>
                  <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                    #{index + 1}
                  </Typography>
                  {removeButton(index)}
                </Stack>
                <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
                  <SkuCell index={index} label={label('sku')} products={productList} w={0} />
                </Box>
                <SizeCell index={index} label={label('size')} products={products} w={0} />
                <QtyCell index={index} label={label('qty')} w={0} />
              </CardContent>
            </Card>
          ))}
        </Stack>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ '& td': { verticalAlign: 'top', py: 0.75, px: 0.75 } }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 40 }}>#</TableCell>
                <TableCell>{label('sku')}</TableCell>
                <TableCell>{label('size')}</TableCell>
                <TableCell>{label('qty')}</TableCell>
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {fields.map((field, index) => (
                <TableRow key={field.id} data-testid="shipment-line-row">
                  <TableCell sx={{ color: 'text.secondary', pt: '10px !important' }}>{index + 1}</TableCell>
                  <TableCell>
                    <SkuCell index={index} label={false} products={productList} />
                  </TableCell>
                  <TableCell>
                    <SizeCell index={index} label={false} products={products} />
                  </TableCell>
                  <TableCell>
                    <QtyCell index={index} label={false} />
                  </TableCell>
                  <TableCell>{removeButton(index)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {!fields.length ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {translate('app.shipment.no_lines')}
        </Typography>
      ) : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ alignItems: { sm: 'flex-start' }, gap: 2, mt: 1 }}>
        <Button size="small" startIcon={<AddIcon />} onClick={add} data-testid="shipment-line-add">
          {translate('app.shipment.add_line')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <FormTotal />
      </Stack>
    </Box>
  );
};

export default LinesInput;
