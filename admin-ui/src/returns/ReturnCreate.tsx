import SendIcon from '@mui/icons-material/Send';
import { Alert, AlertTitle, Box, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  DateInput,
  HttpError,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  required,
  useDataProvider,
  useGetIdentity,
  useNotify,
  usePermissions,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { useWatch, type FieldValues } from 'react-hook-form';
import { todayIn, validQty } from '../bookings/helpers';
import { apiErrorInfo, hasAnyRole, useFormatters, yuanToFen } from '../common';
import { detailList } from '../common/api';
import { LineGridInput, QtyCell, type LineColumn } from '../common/LineGridInput';
import { useNumber } from '../common/numbers';
import { changeBp } from '../prices/api';
import { ChangeText } from '../prices/fields';
import { useCatalog, type CatalogItem, type CatalogSource } from './catalog';
import { conditionChoices, RETURN_STAFF_REQUESTER_ROLES, type ReturnRequest } from './types';

interface ReturnLineValue {
  sku?: string | null;
  size?: string | null;
  qty?: number | string | null;
  condition?: string | null;
}

interface ClearanceLineValue {
  sku?: string | null;
  price?: string | null;
}

interface ReturnFormValues {
  kind: 'return' | 'clearance';
  /** Staff asking for a return: for a store or for a franchisee. */
  target: 'store' | 'franchisee';
  storeId?: string | null;
  franchiseeId?: string | null;
  lines: ReturnLineValue[];
  clearanceLines: ClearanceLineValue[];
  startsOn?: string | null;
  endsOn?: string | null;
  reason?: string | null;
}

type Who = 'staff' | 'store' | 'franchisee';

const dateOf = (v: unknown): string => (v ? String(v).slice(0, 10) : '');
const text = (v: unknown): string => String(v ?? '').trim();

/** Form values → POST /api/returns. A store manager or franchisee is asked for by the server from the login. */
const toBody = (v: ReturnFormValues, who: Who) => {
  const reason = text(v.reason);
  if (v.kind === 'clearance') {
    return {
      kind: 'clearance',
      ...(who === 'staff' ? { storeId: v.storeId ?? null } : {}),
      lines: v.clearanceLines.map((l) => ({ sku: text(l.sku), clearancePriceFen: yuanToFen(l.price ?? '') ?? null })),
      startsOn: dateOf(v.startsOn),
      endsOn: dateOf(v.endsOn),
      reason,
    };
  }
  return {
    kind: 'return',
    ...(who === 'staff' ? (v.target === 'store' ? { storeId: v.storeId ?? null } : { franchiseeId: v.franchiseeId ?? null }) : {}),
    lines: v.lines.map((l) => ({ sku: text(l.sku), size: text(l.size), qty: Number(l.qty), condition: l.condition || 'new' })),
    reason,
  };
};

/** 422 details keys → the inputs (lines.2.sku of a clearance is clearanceLines.2.sku; clearancePriceFen is the yuan input). */
const fieldOf = (key: string, kind: string): string | undefined => {
  const line = /^lines\.(\d+)\.(\w+)$/.exec(key);
  if (line) {
    if (kind === 'clearance') return `clearanceLines.${line[1]}.${line[2] === 'clearancePriceFen' ? 'price' : line[2]}`;
    return `lines.${line[1]}.${line[2]}`;
  }
  if (['storeId', 'franchiseeId', 'startsOn', 'endsOn', 'reason'].includes(key)) return key;
  return undefined;
};

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600, width: '100%' }}>
      {translate(title)}
    </Typography>
  );
};

const itemText = (p: CatalogItem | undefined) => (p ? `${p.sku} ${p.name}` : '');

/** A SKU from the catalog (loading: waiting for it), or typed when the user can read none. */
const SkuCell = ({
  source,
  label,
  items,
  loading,
  w,
}: {
  source: string;
  label: string | false;
  items: CatalogItem[];
  loading: boolean;
  w?: number;
}) =>
  items.length || loading ? (
    <AutocompleteInput
      source={source}
      choices={items}
      optionValue="sku"
      optionText={itemText}
      label={label}
      helperText={false}
      validate={required()}
      isPending={loading}
      disabled={loading}
      size="small"
      variant="outlined"
      margin="none"
      sx={{ minWidth: w ?? 240, m: 0 }}
      fullWidth
    />
  ) : (
    <TextInput
      source={source}
      label={label}
      helperText={false}
      validate={required()}
      size="small"
      variant="outlined"
      margin="none"
      sx={{ minWidth: w ?? 160, m: 0 }}
      fullWidth
    />
  );

const SizeCell = ({
  index,
  label,
  items,
  loading,
  w,
}: {
  index: number;
  label: string | false;
  items: CatalogItem[];
  loading: boolean;
  w?: number;
}) => {
  const sku = useWatch({ name: `lines.${index}.sku` }) as string | null | undefined;
  const sizes = items.find((p) => p.sku === sku)?.sizes;
  if (sizes === null || (!items.length && !loading && sizes === undefined)) {
    return (
      <TextInput
        source={`lines.${index}.size`}
        label={label}
        helperText={false}
        validate={required()}
        size="small"
        variant="outlined"
        margin="none"
        sx={{ minWidth: w ?? 80, m: 0 }}
        fullWidth
      />
    );
  }
  return (
    <SelectInput
      source={`lines.${index}.size`}
      choices={(sizes ?? []).map((s) => ({ id: s, name: s }))}
      translateChoice={false}
      label={label}
      helperText={false}
      validate={required()}
      disabled={!sizes?.length}
      size="small"
      margin="none"
      variant="outlined"
      sx={{ minWidth: w ?? 80, m: 0 }}
      fullWidth
    />
  );
};

const FormTotal = () => {
  const translate = useTranslate();
  const num = useNumber();
  const lines = (useWatch({ name: 'lines' }) as ReturnLineValue[] | undefined) ?? [];
  const total = lines.reduce((n, l) => (Number.isInteger(Number(l?.qty)) && Number(l?.qty) > 0 ? n + Number(l?.qty) : n), 0);
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="return-form-total" data-qty={total}>
      {translate('app.return.form_total', { qty: num(total) })}
    </Typography>
  );
};

/** The return's lines (the shared line grid): SKU, size, quantity and condition (new, defective, worn). Cards on phones. */
const ReturnLinesInput = ({ items, loading }: { items: CatalogItem[]; loading: boolean }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.returns.fields.${key}`);
  const columns: LineColumn[] = [
    {
      key: 'sku',
      label: label('sku'),
      card: 'full',
      render: (i, l, w) => (
        <Box data-testid="return-line-sku">
          <SkuCell source={`lines.${i}.sku`} label={l} items={items} loading={loading} w={w} />
        </Box>
      ),
    },
    {
      key: 'size',
      label: label('size'),
      render: (i, l, w) => (
        <Box data-testid="return-line-size">
          <SizeCell index={i} label={l} items={items} loading={loading} w={w} />
        </Box>
      ),
    },
    {
      key: 'qty',
      label: label('qty'),
      render: (i, l, w) => (
        <Box data-testid="return-line-qty">
          <QtyCell index={i} label={l} w={w ?? 80} validate={validQty} min={1} />
        </Box>
      ),
    },
    {
      key: 'condition',
      label: label('condition'),
      card: 'full',
      render: (i, l, w) => (
        <Box data-testid="return-line-condition">
          <SelectInput
            source={`lines.${i}.condition`}
            choices={conditionChoices}
            label={l}
            helperText={false}
            validate={required()}
            size="small"
            margin="none"
            variant="outlined"
            sx={{ minWidth: w ?? 120, m: 0 }}
            fullWidth
          />
        </Box>
      ),
    },
  ];
  return (
    <>
      <LineGridInput
        testIdPrefix="return"
        columns={columns}
        newLine={() => ({ sku: null, size: null, qty: null, condition: 'new' })}
        texts={{ add: 'app.return.add_line', remove: 'app.return.remove_line', empty: 'app.return.no_lines' }}
        totals={<FormTotal />}
      />
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
        {translate('app.return.condition_help')}
      </Typography>
    </>
  );
};

const validPrice = (value: unknown) => {
  if (value === undefined || value === null || String(value).trim() === '') return 'ra.validation.required';
  const fen = yuanToFen(String(value));
  return fen !== undefined && fen > 0 ? undefined : 'app.return.validation.price';
};

/** The current price at the store, and the markdown the clearance price makes of it. */
const ClearanceChange = ({ index, items }: { index: number; items: CatalogItem[] }) => {
  const f = useFormatters();
  const translate = useTranslate();
  const sku = useWatch({ name: `clearanceLines.${index}.sku` }) as string | null | undefined;
  const price = useWatch({ name: `clearanceLines.${index}.price` }) as string | null | undefined;
  const current = items.find((p) => p.sku === sku)?.currentPriceFen;
  const fen = yuanToFen(price ?? '');
  return (
    <Stack sx={{ minWidth: 90, pt: 1 }} data-testid="clearance-line-current" data-current={current ?? ''}>
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {current !== undefined ? f.money(current) : '—'}
      </Typography>
      {current !== undefined && fen ? <ChangeText bp={changeBp(current, fen)} /> : null}
      {current !== undefined && fen !== undefined && fen >= current ? (
        <Typography variant="caption" color="error" data-testid="clearance-line-not-markdown">
          {translate('app.return.not_markdown')}
        </Typography>
      ) : null}
    </Stack>
  );
};

/** The clearance's lines (the shared line grid): SKU and its clearance price in yuan, with the store's current price. */
const ClearanceLinesInput = ({ items, loading }: { items: CatalogItem[]; loading: boolean }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.returns.fields.${key}`);
  const columns: LineColumn[] = [
    {
      key: 'sku',
      label: label('sku'),
      card: 'full',
      render: (i, l, w) => (
        <Box data-testid="clearance-line-sku">
          <SkuCell source={`clearanceLines.${i}.sku`} label={l} items={items} loading={loading} w={w} />
        </Box>
      ),
    },
    { key: 'current', label: label('currentPrice'), render: (i) => <ClearanceChange index={i} items={items} /> },
    {
      key: 'price',
      label: label('clearancePrice'),
      render: (i, l, w) => (
        <TextInput
          source={`clearanceLines.${i}.price`}
          label={l}
          helperText={false}
          validate={validPrice}
          size="small"
          margin="none"
          variant="outlined"
          sx={{ minWidth: w ?? 110, m: 0 }}
          fullWidth
          slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 20, 'data-testid': 'clearance-line-price' } }}
        />
      ),
    },
  ];
  return (
    <LineGridInput
      testIdPrefix="clearance"
      name="clearanceLines"
      columns={columns}
      newLine={() => ({ sku: null, price: null })}
      texts={{ add: 'app.return.add_line', remove: 'app.return.remove_line', empty: 'app.return.no_lines' }}
    />
  );
};

const storeText = (s: { id: string; name?: string } | undefined) => (s ? `${s.name ?? ''} (${s.id})` : '');

/** Whom the request is for: picked by staff; the user's own store or franchisee otherwise (shown, not editable). */
const RequesterInput = ({ who, kind, fixedName }: { who: Who; kind: string; fixedName?: string }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const target = useWatch({ name: 'target' }) as string;
  if (who !== 'staff') {
    const id = String(
      (who === 'store'
        ? (identity as { storeId?: string } | undefined)?.storeId
        : (identity as { franchiseeId?: string } | undefined)?.franchiseeId) ?? '',
    );
    return (
      <Box
        sx={{ mb: 2 }}
        data-testid="return-requester"
        data-store={who === 'store' ? id : ''}
        data-franchisee={who === 'franchisee' ? id : ''}
      >
        <Typography variant="caption" color="text.secondary" component="div">
          {translate(who === 'store' ? 'resources.returns.fields.storeId' : 'resources.returns.fields.franchiseeId')}
        </Typography>
        <Chip label={fixedName ? `${fixedName} (${id})` : id} />
      </Box>
    );
  }
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'auto minmax(0, 1fr)' },
        columnGap: 2,
        alignItems: 'center',
        width: '100%',
      }}
    >
      {kind === 'return' ? (
        <RadioButtonGroupInput
          source="target"
          choices={[
            { id: 'franchisee', name: 'app.return.target.franchisee' },
            { id: 'store', name: 'app.return.target.store' },
          ]}
          helperText={false}
        />
      ) : (
        <Box />
      )}
      {kind === 'clearance' || target === 'store' ? (
        <Box data-testid="return-store">
          <ReferenceInput source="storeId" reference="stores" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
            <AutocompleteInput optionText={storeText} filterToQuery={(q: string) => (q ? { q } : {})} validate={required()} />
          </ReferenceInput>
        </Box>
      ) : (
        <Box data-testid="return-franchisee">
          <ReferenceInput source="franchiseeId" reference="franchisees" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
            <AutocompleteInput optionText={storeText} filterToQuery={(q: string) => (q ? { q } : {})} validate={required()} />
          </ReferenceInput>
        </Box>
      )}
    </Box>
  );
};

const notBefore = (other: string, message: string) => (value: unknown, values: FieldValues) => {
  const a = dateOf(value);
  const b = dateOf(values[other]);
  return a && b && a < b ? message : undefined;
};

const CreateToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label={translate('app.return.create_submit')} icon={<SendIcon />} data-testid="return-create-submit" alwaysEnable />
    </Toolbar>
  );
};

/** What the last submit was refused for. */
type Problem = { details: { key: string; message: string }[]; code?: string } | { message: string };

const ProblemAlert = ({ problem, kind }: { problem: Problem | null; kind: string }) => {
  const translate = useTranslate();
  if (!problem) return null;
  if ('message' in problem) {
    return (
      <Alert severity="error" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }} data-testid="return-save-error">
        {problem.message}
      </Alert>
    );
  }
  if (!problem.details.length) return null;
  const text = (key: string) => {
    const line = /^lines\.(\d+)(?:\.(\w+))?$/.exec(key);
    if (line) {
      const n = translate('app.return.line_n', { n: Number(line[1]) + 1 });
      const field = line[2] === 'clearancePriceFen' ? 'clearancePrice' : line[2];
      return field ? `${n} · ${translate(`resources.returns.fields.${field}`, { _: field })}` : n;
    }
    return translate(`resources.returns.fields.${key}`, { _: key });
  };
  return (
    <Alert
      severity="error"
      sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
      data-testid="return-save-error"
      data-kind={kind}
      data-code={problem.code ?? ''}
    >
      {problem.code === 'clearance_not_markdown' ? <AlertTitle>{translate('app.return.not_markdown_title')}</AlertTitle> : null}
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problem.details.map((d, i) => (
          <li key={i}>
            <strong>{text(d.key)}</strong>: {d.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

/** The form's body once `who` is known (staff, a store manager or a franchisee). */
const ReturnFormBody = ({ who, problem }: { who: Who; problem: Problem | null }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const { identity } = useGetIdentity();
  const kind = (useWatch({ name: 'kind' }) as string) ?? 'return';
  const target = useWatch({ name: 'target' }) as string;
  const storeId = useWatch({ name: 'storeId' }) as string | null | undefined;
  const ownStore = (identity as { storeId?: string } | undefined)?.storeId ?? null;
  const today = todayIn(f.tz);
  // Where the SKUs come from: what this user may read (see useCatalog).
  const store = who === 'store' ? ownStore : storeId;
  const source: CatalogSource =
    kind === 'clearance'
      ? store
        ? 'prices'
        : who === 'staff'
          ? 'products'
          : 'none'
      : who === 'staff'
        ? 'products'
        : who === 'franchisee'
          ? 'bookings'
          : 'prices';
  const catalog = useCatalog(source, source === 'prices' ? store : null);
  const loading = catalog.isPending && source !== 'none';
  // The fixed requester's name: a store's from its prices, a franchisee's from its bookings.
  const storeCatalog = useCatalog(who === 'store' ? 'prices' : 'none', ownStore);
  const fixedName = who === 'store' ? storeCatalog.names.store : who === 'franchisee' ? catalog.names.franchisee : undefined;
  return (
    <>
      <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }} data-testid="return-hint">
        {translate(kind === 'clearance' ? 'app.return.hint_clearance' : 'app.return.hint_return')}
      </Alert>
      <ProblemAlert problem={problem} kind={kind} />
      {who === 'franchisee' ? null : (
        <Box data-testid="return-kind">
          <RadioButtonGroupInput
            source="kind"
            choices={[
              { id: 'return', name: 'app.return.kind.return' },
              { id: 'clearance', name: 'app.return.kind.clearance' },
            ]}
            helperText={false}
          />
        </Box>
      )}
      <RequesterInput who={who} kind={kind} fixedName={fixedName} />
      <Section title={kind === 'clearance' ? 'app.return.clearance_lines' : 'app.return.return_lines'} />
      {/* data-ready: the SKUs the user may pick are loaded. */}
      <Box sx={{ width: '100%' }} data-testid="return-catalog" data-source={source} data-ready={loading ? 'false' : 'true'}>
        {kind === 'clearance' ? (
          <ClearanceLinesInput items={catalog.items} loading={loading} />
        ) : (
          <ReturnLinesInput items={catalog.items} loading={loading} />
        )}
      </Box>
      {kind === 'clearance' ? (
        <>
          <Section title="app.return.period_title" />
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' },
              columnGap: 2,
              width: '100%',
            }}
          >
            <DateInput
              source="startsOn"
              validate={[required(), (v: unknown) => (dateOf(v) && dateOf(v) < today ? 'app.return.validation.starts_past' : undefined)]}
              slotProps={{ htmlInput: { min: today, 'data-testid': 'clearance-starts-on' } }}
            />
            <DateInput
              source="endsOn"
              validate={[required(), notBefore('startsOn', 'app.return.validation.ends_before')]}
              slotProps={{ htmlInput: { min: today, 'data-testid': 'clearance-ends-on' } }}
            />
          </Box>
        </>
      ) : null}
      <TextInput
        source="reason"
        multiline
        minRows={2}
        fullWidth
        sx={{ mt: 2 }}
        validate={[required(), maxLength(2000)]}
        helperText={kind === 'return' && who === 'staff' && target === 'store' ? 'app.return.store_help' : undefined}
        slotProps={{ htmlInput: { 'data-testid': 'return-reason' } }}
      />
    </>
  );
};

const ReturnForm = ({ who }: { who: Who }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useDataProvider();
  const [problem, setProblem] = useState<Problem | null>(null);
  const onSubmit = async (values: FieldValues) => {
    setProblem(null);
    const v = values as ReturnFormValues;
    try {
      const { data } = await dataProvider.create<ReturnRequest>('returns', { data: toBody(v, who) as never });
      notify('app.return.created', { type: 'success', messageArgs: { code: data.code } });
      redirect(`/returns/${encodeURIComponent(String(data.id))}/show`);
      return undefined;
    } catch (error) {
      if (error instanceof HttpError && error.status === 422) {
        const details = detailList(error);
        setProblem({ details, code: apiErrorInfo(error).code });
        const fields: Record<string, string> = {};
        for (const d of details) {
          const field = fieldOf(d.key, v.kind);
          if (field) fields[field] ??= d.message;
        }
        return fields;
      }
      const info = apiErrorInfo(error);
      const message = info.message || translate('ra.notification.http_error');
      setProblem({ message });
      notify(message, { type: 'error' });
      return undefined;
    }
  };
  const defaults: ReturnFormValues = {
    kind: 'return',
    target: 'franchisee',
    lines: [{ sku: null, size: null, qty: null, condition: 'new' }],
    clearanceLines: [{ sku: null, price: null }],
  };
  return (
    <SimpleForm toolbar={<CreateToolbar />} defaultValues={defaults} onSubmit={onSubmit} sx={{ maxWidth: 1100 }}>
      <ReturnFormBody who={who} problem={problem} />
    </SimpleForm>
  );
};

/**
 * A new return or clearance. Staff ask for a store or a franchisee; a store manager for their
 * store (return or clearance); a franchisee for itself (returns only).
 */
export const ReturnCreate = () => {
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const id = identity as { storeId?: string | null; franchiseeId?: string | null } | undefined;
  const roles: string[] = Array.isArray(permissions) ? permissions.map(String) : [];
  const who: Who = hasAnyRole(permissions, RETURN_STAFF_REQUESTER_ROLES)
    ? 'staff'
    : roles.includes('store_manager') && id?.storeId
      ? 'store'
      : 'franchisee';
  return (
    <Create title="app.return.create_title">
      <ReturnForm who={who} />
    </Create>
  );
};

export default ReturnCreate;
