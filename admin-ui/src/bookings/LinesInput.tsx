import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  alpha,
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
import { Fragment, useMemo } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, NumberInput, SelectInput, required, useGetList, useGetOne, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { useNumber, formatBp } from './fields';
import { prepaymentOf, validQty, type LineFormValue } from './helpers';
import { DEFAULT_PREPAYMENT_BP, type Franchisee, type Product } from './types';

type Products = Map<string, Product>;

const productText = (p: Product | undefined) => (p ? `${p.sku} ${p.name ?? ''}` : '');

/** The amount of a line as typed: qty × the product's wholesale price (integers), or undefined. */
const lineAmount = (line: LineFormValue | undefined, products: Products): number | undefined => {
  const product = line?.sku ? products.get(line.sku) : undefined;
  const qty = Number(line?.qty);
  if (!product || !Number.isInteger(qty) || qty <= 0) return undefined;
  return qty * product.wholesalePriceFen;
};

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

/** Unit price and line amount, live from the product's wholesale price. */
const AmountCell = ({ index, products }: { index: number; products: Products }) => {
  const f = useFormatters();
  const line = useWatch({ name: `lines.${index}` }) as LineFormValue | undefined;
  const amount = lineAmount(line, products);
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap', pt: 1 }} data-testid="booking-line-amount">
      {amount === undefined ? '—' : f.money(amount)}
    </Typography>
  );
};

const PriceCell = ({ index, products }: { index: number; products: Products }) => {
  const f = useFormatters();
  const sku = useWatch({ name: `lines.${index}.sku` }) as string | null | undefined;
  const product = sku ? products.get(sku) : undefined;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap', pt: 1 }}>
      {product ? f.money(product.wholesalePriceFen) : '—'}
    </Typography>
  );
};

/** Total quantity and amount as typed, and the prepayment estimated at the franchisee's share (30% by default). */
const FormTotals = ({ products }: { products: Products }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const lines = (useWatch({ name: 'lines' }) as LineFormValue[] | undefined) ?? [];
  const franchiseeId = useWatch({ name: 'franchiseeId' }) as string | undefined;
  const { data: franchisee } = useGetOne<Franchisee>('franchisees', { id: franchiseeId ?? '' }, { enabled: !!franchiseeId });
  const share = (franchisee?.id === franchiseeId ? franchisee?.prepaymentShareBp : null) ?? DEFAULT_PREPAYMENT_BP;
  let qty = 0;
  let fen = 0;
  for (const l of lines) {
    const q = Number(l?.qty);
    if (Number.isInteger(q) && q > 0) qty += q;
    fen += lineAmount(l, products) ?? 0;
  }
  return (
    <Stack sx={{ alignItems: { sm: 'flex-end' } }} data-testid="booking-form-totals" data-amount-fen={fen} data-qty={qty}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {translate('app.booking.form_totals', { qty: num(qty), amount: f.money(fen) })}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="booking-form-prepayment" data-prepayment-fen={prepaymentOf(fen, share)}>
        {translate('app.booking.prepayment_estimate', { share: formatBp(share, f.locale), amount: f.money(prepaymentOf(fen, share)) })}
      </Typography>
    </Stack>
  );
};

/**
 * The booking's lines as an inline grid in the form: SKU (the season's products), size (of that
 * product), quantity; unit price and line amount live. The API's 422 details `lines.<i>.<field>`
 * land on the inputs. Cards on phones.
 */
export const LinesInput = ({ lineErrors = {} }: { lineErrors?: Record<number, string> }) => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { control } = useFormContext();
  const season = useWatch({ name: 'season' }) as string | undefined;
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const { data: productList = [], isPending } = useGetList<Product>(
    'products',
    { filter: { seasonCode: season }, pagination: { page: 1, perPage: 1000 }, sort: { field: 'sku', order: 'ASC' } },
    { enabled: !!season },
  );
  const products = useMemo(() => new Map(productList.map((p) => [p.sku, p])), [productList]);
  const add = () => append({ sku: null, size: null, qty: null });
  const label = (key: string) => translate(`resources.bookings.fields.${key}`);
  const removeButton = (index: number) => (
    <Tooltip title={translate('app.booking.remove_line')}>
      <IconButton size="small" onClick={() => remove(index)} aria-label={translate('app.booking.remove_line')} data-testid="booking-line-remove">
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
  return (
    <Box sx={{ width: '100%' }} data-testid="booking-lines-input">
      {!season ? (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('app.booking.pick_season_first')}
        </Alert>
      ) : !isPending && !productList.length ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('app.booking.no_products', { season })}
        </Alert>
      ) : null}
      {isSmall ? (
        <Stack spacing={1}>
          {fields.map((field, index) => (
            <Card key={field.id} variant="outlined" data-testid="booking-line-row" sx={lineErrors[index] ? { borderColor: 'error.main' } : undefined}>
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
                <Box sx={{ gridColumn: '1 / -1', display: 'flex', justifyContent: 'space-between' }}>
                  <PriceCell index={index} products={products} />
                  <AmountCell index={index} products={products} />
                </Box>
                {lineErrors[index] ? (
                  <Typography variant="caption" color="error" sx={{ gridColumn: '1 / -1' }} data-testid="booking-line-error">
                    {lineErrors[index]}
                  </Typography>
                ) : null}
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
                <TableCell align="right">{label('unitPriceFen')}</TableCell>
                <TableCell align="right">{label('lineAmountFen')}</TableCell>
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {fields.map((field, index) => (
                <Fragment key={field.id}>
                  <TableRow data-testid="booking-line-row" sx={lineErrors[index] ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.06) } : undefined}>
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
                    <TableCell align="right">
                      <PriceCell index={index} products={products} />
                    </TableCell>
                    <TableCell align="right">
                      <AmountCell index={index} products={products} />
                    </TableCell>
                    <TableCell>{removeButton(index)}</TableCell>
                  </TableRow>
                  {lineErrors[index] ? (
                    <TableRow sx={{ bgcolor: (theme) => alpha(theme.palette.error.main, 0.06) }}>
                      <TableCell />
                      <TableCell colSpan={6} sx={{ pt: '0 !important' }}>
                        <Typography variant="caption" color="error" data-testid="booking-line-error">
                          {lineErrors[index]}
                        </Typography>
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {!fields.length ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {translate('app.booking.no_lines')}
        </Typography>
      ) : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ alignItems: { sm: 'flex-start' }, gap: 2, mt: 1 }}>
        <Button size="small" startIcon={<AddIcon />} onClick={add} data-testid="booking-line-add">
          {translate('app.booking.add_line')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <FormTotals products={products} />
      </Stack>
    </Box>
  );
};

export default LinesInput;
