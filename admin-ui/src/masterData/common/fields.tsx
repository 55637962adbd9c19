import { Chip, Stack, Typography } from '@mui/material';
import { useLocale, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatBasisPoints, formatMoney } from './decimal';

type SimpleFieldProps = Pick<FieldProps, 'source' | 'label' | 'sortable' | 'emptyText'> & { 'data-testid'?: string };

const get = (record: Record<string, unknown> | undefined, source: string | undefined): unknown => {
  if (!record || !source) return undefined;
  return source
    .split('.')
    .reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined), record);
};

const Empty = ({ text }: { text?: string }) => {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {text ? translate(text, { _: text }) : '—'}
    </Typography>
  );
};

/** Integer fen shown as yuan: ¥1,234.50 (per locale). */
export const MoneyField = ({ source, emptyText, ...rest }: SimpleFieldProps) => {
  const record = useRecordContext();
  const locale = useLocale();
  const text = formatMoney(get(record, source), locale);
  if (!text) return <Empty text={emptyText} />;
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid={rest['data-testid']}>
      {text}
    </Typography>
  );
};

/** Basis points shown as a percentage: 3000 -> 30%. */
export const PercentField = ({ source, emptyText }: SimpleFieldProps) => {
  const record = useRecordContext();
  const locale = useLocale();
  const text = formatBasisPoints(get(record, source), locale);
  if (!text) return <Empty text={emptyText} />;
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};

/** A calendar date ('YYYY-MM-DD') shown as is, never shifted by the browser's zone. */
export const DateOnlyField = ({ source, emptyText }: SimpleFieldProps) => {
  const record = useRecordContext();
  const value = get(record, source);
  if (typeof value !== 'string' || !value) return <Empty text={emptyText} />;
  return (
    <Typography component="span" variant="body2">
      {value.slice(0, 10)}
    </Typography>
  );
};

/** An array of strings as chips, in order (e.g. a product's size run). */
export const StringChipsField = ({ source, emptyText }: SimpleFieldProps) => {
  const record = useRecordContext();
  const value = get(record, source);
  const items = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v))) : [];
  if (items.length === 0) return <Empty text={emptyText} />;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {items.map((item, index) => (
        <Chip key={`${item}-${index}`} size="small" label={item} />
      ))}
    </Stack>
  );
};

/** A value translated through a key prefix: kind 'direct' -> masterData.storeKinds.direct. */
export const TranslatedField = ({ source, emptyText, prefix }: SimpleFieldProps & { prefix: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = get(record, source);
  if (value == null || value === '') return <Empty text={emptyText} />;
  return (
    <Typography component="span" variant="body2">
      {translate(`${prefix}.${String(value)}`, { _: String(value) })}
    </Typography>
  );
};
