import { Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { AutocompleteInput, ReferenceInput, SelectInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { useFormatters, yuanToFen } from '../common';
import { LineGridInput, QtyCell } from '../common/LineGridInput';
import { validQty, validYuan, type LineFormValue } from './helpers';

const storeText = (s: { id: string; name?: string } | undefined) => (s ? `${s.name ?? ''} (${s.id})` : '');

/** Region: the regions of GET /api/regions (片区). */
const RegionCell = ({ index, label, w }: { index: number; label: string | false; w?: number }) => (
  <ReferenceInput source={`lines.${index}.regionId`} reference="regions" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
    <SelectInput
      label={label}
      helperText={false}
      optionText="name"
      emptyText="—"
      size="small"
      margin="none"
      variant="outlined"
      sx={{ minWidth: w ?? 120, m: 0 }}
      fullWidth
    />
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
  <TextInput
    source={`lines.${index}.category`}
    label={label}
    helperText={false}
    validate={[required(), maxLength(50)]}
    size="small"
    margin="none"
    variant="outlined"
    sx={{ minWidth: w ?? 110, m: 0 }}
    fullWidth
  />
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
  const label = (key: string) => translate(`resources.plans.fields.${key}`);
  return (
    <LineGridInput
      testIdPrefix="plan"
      columns={[
        { key: 'category', label: label('category'), render: (i, l, w) => <CategoryCell index={i} label={l} w={w} /> },
        { key: 'regionId', label: label('regionId'), render: (i, l, w) => <RegionCell index={i} label={l} w={w} /> },
        { key: 'storeId', label: label('storeId'), card: 'full', render: (i, l, w) => <StoreCell index={i} label={l} w={w} /> },
        { key: 'qty', label: label('qty'), render: (i, l, w) => <QtyCell index={i} label={l} w={w} validate={validQty} min={0} /> },
        { key: 'amountYuan', label: label('amountYuan'), render: (i, l, w) => <AmountCell index={i} label={l} w={w} /> },
      ]}
      newLine={() => ({ category: '', regionId: null, storeId: null, qty: null, amountFen: '' })}
      texts={{ add: 'app.plan.add_line', remove: 'app.plan.remove_line', empty: 'app.plan.no_lines' }}
      footerLayout="wrap"
      totals={<FormTotals />}
    />
  );
};

export default LinesInput;
