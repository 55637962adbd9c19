import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  alpha,
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
  type StackProps,
  type Theme,
} from '@mui/material';
import { Fragment, useMemo, type ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, NumberInput, SelectInput, required, useGetList, useTranslate, type Validator } from 'react-admin';

/**
 * One column of a line grid. In the table its `render` gets no label and the input's own minimum
 * width; on a phone's card the label and a width of 0 (the card's grid sizes it).
 */
export interface LineColumn {
  key: string;
  /** The header in the table and the label on a card. */
  label: string;
  align?: 'right';
  /** On a card: 'full' spans both columns, 'none' leaves it out (see `cardFooter`). */
  card?: 'half' | 'full' | 'none';
  render: (index: number, label: string | false, w?: number) => ReactNode;
}

export interface LineGridInputProps {
  /** Prefix of the data-testids: `<prefix>-lines-input`, `-line-row`, `-line-remove`, `-line-add`, `-line-error`. */
  testIdPrefix: string;
  columns: LineColumn[];
  /** A new, empty line. */
  newLine: () => Record<string, unknown>;
  /** i18n keys of the buttons and of the empty grid. */
  texts: { add: string; remove: string; empty: string };
  /** Above the grid (e.g. an alert that there are no products). */
  notice?: ReactNode;
  /** Right of the add button (the totals as typed). */
  totals?: ReactNode;
  /** The add button's row: stacked on phones (default) or one wrapping row. */
  footerLayout?: 'stack' | 'wrap';
  /** The last row of a card (what the table shows in columns with card: 'none'). */
  cardFooter?: (index: number) => ReactNode;
  /** Errors of whole lines by index, shown under the line. */
  lineErrors?: Record<number, string>;
  /** The field array's name. */
  name?: string;
}

const FOOTER: Record<'stack' | 'wrap', Pick<StackProps, 'direction' | 'sx'>> = {
  stack: { direction: { xs: 'column', sm: 'row' }, sx: { alignItems: { sm: 'flex-start' }, gap: 2, mt: 1 } },
  wrap: { direction: 'row', sx: { alignItems: 'center', gap: 2, mt: 1, flexWrap: 'wrap' } },
};

/**
 * Lines as an inline grid inside a react-admin form (`lines.N.<field>`, so the API's 422 details
 * land on the right input): a table, cards on phones; a row can be removed, one added.
 */
export const LineGridInput = ({
  testIdPrefix: p,
  columns,
  newLine,
  texts,
  notice,
  totals,
  footerLayout = 'stack',
  cardFooter,
  lineErrors = {},
  name = 'lines',
}: LineGridInputProps) => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name });
  const removeButton = (index: number) => (
    <Tooltip title={translate(texts.remove)}>
      <IconButton size="small" onClick={() => remove(index)} aria-label={translate(texts.remove)} data-testid={`${p}-line-remove`}>
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
  const errorRowSx = { bgcolor: (theme: Theme) => alpha(theme.palette.error.main, 0.06) };
  return (
    <Box sx={{ width: '100%' }} data-testid={`${p}-lines-input`}>
      {notice}
      {isSmall ? (
        <Stack spacing={1}>
          {fields.map((field, index) => (
            <Card
              key={field.id}
              variant="outlined"
              data-testid={`${p}-line-row`}
              sx={lineErrors[index] ? { borderColor: 'error.main' } : undefined}
            >
              <CardContent
                sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 1.5, '&:last-child': { pb: 1.5 } }}
              >
                <Stack direction="row" sx={{ gridColumn: '1 / -1', alignItems: 'center' }}>
                  <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                    #{index + 1}
                  </Typography>
                  {removeButton(index)}
                </Stack>
                {columns.map((c) =>
                  c.card === 'none' ? null : c.card === 'full' ? (
                    <Box key={c.key} sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
                      {c.render(index, c.label, 0)}
                    </Box>
                  ) : (
                    <Fragment key={c.key}>{c.render(index, c.label, 0)}</Fragment>
                  ),
                )}
                {cardFooter?.(index)}
                {lineErrors[index] ? (
                  <Typography variant="caption" color="error" sx={{ gridColumn: '1 / -1' }} data-testid={`${p}-line-error`}>
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
                {columns.map((c) => (
                  <TableCell key={c.key} align={c.align}>
                    {c.label}
                  </TableCell>
                ))}
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {fields.map((field, index) => (
                <Fragment key={field.id}>
                  <TableRow data-testid={`${p}-line-row`} sx={lineErrors[index] ? errorRowSx : undefined}>
                    <TableCell sx={{ color: 'text.secondary', pt: '10px !important' }}>{index + 1}</TableCell>
                    {columns.map((c) => (
                      <TableCell key={c.key} align={c.align}>
                        {c.render(index, false)}
                      </TableCell>
                    ))}
                    <TableCell>{removeButton(index)}</TableCell>
                  </TableRow>
                  {lineErrors[index] ? (
                    <TableRow sx={errorRowSx}>
                      <TableCell />
                      <TableCell colSpan={columns.length + 1} sx={{ pt: '0 !important' }}>
                        <Typography variant="caption" color="error" data-testid={`${p}-line-error`}>
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
          {translate(texts.empty)}
        </Typography>
      ) : null}
      <Stack {...FOOTER[footerLayout]}>
        <Button size="small" startIcon={<AddIcon />} onClick={() => append(newLine())} data-testid={`${p}-line-add`}>
          {translate(texts.add)}
        </Button>
        <Box sx={{ flex: 1 }} />
        {totals}
      </Stack>
    </Box>
  );
};

// ---- cells of product lines (SKU, size, quantity) ----------------------------------------------

export interface LineProduct {
  sku: string;
  name?: string | null;
  sizes: string[];
}

const productText = (p: LineProduct | undefined) => (p ? `${p.sku} ${p.name ?? ''}` : '');

/** The products (GET /api/products) of a season by SKU; all products when `season` is undefined and `requireSeason` is off. */
export const useLineProducts = <P extends LineProduct>(season: string | undefined, requireSeason: boolean) => {
  const { data: list = [], isPending } = useGetList<P & { id: string }>(
    'products',
    { filter: season ? { seasonCode: season } : {}, pagination: { page: 1, perPage: 1000 }, sort: { field: 'sku', order: 'ASC' } },
    { enabled: !requireSeason || !!season },
  );
  const bySku = useMemo(() => new Map(list.map((p) => [p.sku, p])), [list]);
  return { list, bySku, isPending };
};

/** The SKU of line `index`, picked from the products; a size the new SKU does not come in is cleared. */
export const SkuCell = ({ index, label, products, w }: { index: number; label: string | false; products: LineProduct[]; w?: number }) => {
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

/** The size of line `index`, among the sizes of its SKU. */
export const SizeCell = ({
  index,
  label,
  products,
  w,
}: {
  index: number;
  label: string | false;
  products: Map<string, LineProduct>;
  w?: number;
}) => {
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

/** The quantity of line `index`. */
export const QtyCell = ({
  index,
  label,
  w,
  validate,
  min,
}: {
  index: number;
  label: string | false;
  w?: number;
  validate: Validator;
  min: number;
}) => (
  <NumberInput
    source={`lines.${index}.qty`}
    label={label}
    helperText={false}
    validate={validate}
    step={1}
    min={min}
    size="small"
    margin="none"
    variant="outlined"
    sx={{ minWidth: w ?? 90, m: 0 }}
    fullWidth
  />
);

/** SKU (full width on a card), size and quantity: the columns of a product line. */
export const productLineColumns = (
  label: (key: string) => string,
  products: { list: LineProduct[]; bySku: Map<string, LineProduct> },
  validQty: Validator,
): LineColumn[] => [
  { key: 'sku', label: label('sku'), card: 'full', render: (i, l, w) => <SkuCell index={i} label={l} products={products.list} w={w} /> },
  { key: 'size', label: label('size'), render: (i, l, w) => <SizeCell index={i} label={l} products={products.bySku} w={w} /> },
  { key: 'qty', label: label('qty'), render: (i, l, w) => <QtyCell index={i} label={l} w={w} validate={validQty} min={1} /> },
];
