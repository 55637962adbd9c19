import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
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
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, NumberInput, ReferenceInput, SelectInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { useFormatters, yuanToFen } from '../common';
import { validQty, validYuan, type LineFormValue } from './helpers';

const storeText = (s: { id: string; name?: string } | undefined) => (s ? `${s.name ?? ''} (${s.id})` : '');

/** Region: the regions of GET /api/regions (片区). */
const RegionCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <ReferenceInput source={`lines.${index}.regionId`} reference="regions" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
    <SelectInput label={label} helperText={false} optionText="name" emptyText="—" size="small" margin="none" variant="outlined" sx={{ minWidth: w ?? 120, m: 0 }} fullWidth />
  </ReferenceInput>
);

/** Store: of the line's region when one is picked. */
const StoreCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => {
  const regionId = useWatch({ name: `lines.${index}.regionId` }) as string | null | undefined;
  return (
    <ReferenceInput
      source={`lines.${index}.storeId`}
      reference="stores"
      perPage={100}
      sort={{ field: 'id', order: 'ASC' }}
      filter={regionId ? { regionId } : {}}
    >
      <AutocompleteInput
        label={label}
        helperText={false}
        optionText={storeText}
        filterToQuery={(q: string) => (q ? { q } : {})}
        size="small"
        variant="outlined"
        margin="none"
        sx={{ minWidth: w ?? 260, m: 0 }}
        fullWidth
      />
    </ReferenceInput>
  );
};

const CategoryCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <TextInput source={`lines.${index}.category`} label={label} helperText={false} validate={[required(), maxLength(50)]} size="small" margin="none" variant="outlined" sx={{ minWidth: w ?? 110, m: 0 }} fullWidth />
);

const QtyCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <NumberInput source={`lines.${index}.qty`} label={label} helperText={false} validate={validQty} step={1} min={0} size="small" margin="none" variant="outlined" sx={{ minWidth: w ?? 90, m: 0 }} fullWidth />
);

const AmountCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <TextInput
    source={`lines.${index}.amountFen`}
    label={label}
    helperText={false}
    validate={validYuan}
    size="small"
    variant="outlined"
    margin="none"
    sx={{ minWidth: w ?? 120, m: 0 }}
    fullWidth
    slotProps={{ htmlInput: { inputMode: 'decimal' } }}
  />
);

/** Sum of the lines as typed (a preview; the server's totals are shown once saved). */
const FormTotals = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const lines = (useWatch({ name: 'lines' }) as LineFormValue[] | undefined) ?? [];
  let qty = 0;
  let fen = 0;
  for (const l of lines) {
    const q = Number(l?.qty);
    if (Number.isInteger(q)) qty += q;
    const a = yuanToFen(l?.amountFen === null || l?.amountFen === undefined ? undefined : String(l.amountFen));
    if (a !== undefined) fen += a;
  }
  return (
    <Typography variant="body2" color="text.secondary" data-testid="plan-form-totals">
      {translate('app.plan.form_totals', { qty: qty.toLocaleString(f.locale.startsWith('zh') ? 'zh-CN' : 'en-US'), amount: f.money(fen) })}
    </Typography>
  );
};

/**
 * The plan's lines as an inline grid inside a react-admin form: category, region, store,
 * quantity and amount in yuan (kept in `lines.N.amountFen`, so the API's 422 details such as
 * `lines.3.qty` land on the right input). Cards on phones.
 */
export const LinesInput = () => {
  const translate = useTranslate();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const add = () => append({ category: '', regionId: null, storeId: null, qty: null, amountFen: '' });
  const label = (key: string) => translate(`resources.plans.fields.${key}`);
  const removeButton = (index: number) => (
    <Tooltip title={translate('app.plan.remove_line')}>
      <IconButton size="small" onClick={() => remove(index)} aria-label={translate('app.plan.remove_line')} data-testid="plan-line-remove">
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
  return (
    <Box sx={{ width: '100%' }} data-testid="plan-lines-input">
      {isSmall ? (
        <Stack spacing={1}>
          {fields.map((field, index) => (
            <Card key={field.id} variant="outlined" data-testid="plan-line-row">
              <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 1.5, '&:last-child': { pb: 1.5 } }}>
                <Stack direction="row" sx={{ gridColumn: '1 / -1', alignItems: 'center' }}>
                  <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                    #{index + 1}
                  </Typography>
                  {removeButton(index)}
                </Stack>
                <CategoryCell index={index} label={label('category')} w={0} />
                <RegionCell index={index} label={label('regionId')} w={0} />
                <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
                  <StoreCell index={index} label={label('storeId')} w={0} />
                </Box>
                <QtyCell index={index} label={label('qty')} w={0} />
                <AmountCell index={index} label={label('amountYuan')} w={0} />
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
                <TableCell>{label('category')}</TableCell>
                <TableCell>{label('regionId')}</TableCell>
                <TableCell>{label('storeId')}</TableCell>
                <TableCell>{label('qty')}</TableCell>
                <TableCell>{label('amountYuan')}</TableCell>
                <TableCell sx={{ width: 48 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {fields.map((field, index) => (
                <TableRow key={field.id} data-testid="plan-line-row">
                  <TableCell sx={{ color: 'text.secondary', pt: '10px !important' }}>{index + 1}</TableCell>
                  <TableCell>
                    <CategoryCell index={index} label={false} />
                  </TableCell>
                  <TableCell>
                    <RegionCell index={index} label={false} />
                  </TableCell>
                  <TableCell>
                    <StoreCell index={index} label={false} />
                  </TableCell>
                  <TableCell>
                    <QtyCell index={index} label={false} />
                  </TableCell>
                  <TableCell>
                    <AmountCell index={index} label={false} />
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
          {translate('app.plan.no_lines')}
        </Typography>
      ) : null}
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mt: 1, flexWrap: 'wrap' }}>
        <Button size="small" startIcon={<AddIcon />} onClick={add} data-testid="plan-line-add">
          {translate('app.plan.add_line')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <FormTotals />
      </Stack>
    </Box>
  );
};

export default LinesInput;
