import AutoFixIcon from '@mui/icons-material/AutoFixHigh';
import BoltIcon from '@mui/icons-material/Bolt';
import SaveIcon from '@mui/icons-material/Send';
import SwapIcon from '@mui/icons-material/SwapHoriz';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type MouseEvent } from 'react';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  Create,
  DateInput,
  HttpError,
  ReferenceArrayInput,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  required,
  useDataProvider,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch, type FieldValues } from 'react-hook-form';
import { formatBp, useNumber } from '../common/numbers';
import { todayIn } from '../bookings/helpers';
import { apiErrorInfo, useFormatters, yuanToFen } from '../common';
import { API_URL, httpClient } from '../httpClient';
import { detailList } from '../common/api';
import { changeBp, fenToYuanInput, getPriceContext, isDate, priceDeadlines, timeliness } from './api';
import { ChangeText } from './fields';
import type { MarkdownBand, PriceAdjustment, PriceContext } from './types';

interface PriceFormValues {
  sku?: string | null;
  storeIds?: string[];
  newPrice?: string | null;
  allocationDate?: string | null;
  arrivalDate?: string | null;
  effectiveDate?: string | null;
  reason?: string | null;
  urgent?: boolean;
  supersedes?: string | null;
  supersedesCode?: string | null;
}

const dateOf = (v: unknown): string => (v ? String(v).slice(0, 10) : '');

/** Form values → POST /api/price-adjustments (one SKU; the price typed in yuan as integer fen, by string arithmetic). */
const toBody = (v: PriceFormValues) => ({
  lines: [{ sku: String(v.sku ?? '').trim(), newPriceFen: yuanToFen(v.newPrice ?? '') ?? null }],
  storeIds: v.storeIds ?? [],
  allocationDate: dateOf(v.allocationDate),
  arrivalDate: dateOf(v.arrivalDate),
  ...(dateOf(v.effectiveDate) ? { effectiveDate: dateOf(v.effectiveDate) } : {}),
  reason: String(v.reason ?? '').trim(),
  urgent: !!v.urgent,
  ...(v.supersedes ? { supersedes: v.supersedes } : {}),
});

/** 422 details keys → the inputs they belong to. */
const FIELD_OF = (key: string): string | undefined => {
  if (/^lines\.\d+\.sku$/.test(key) || key === 'sku') return 'sku';
  if (/^lines\.\d+\.newPriceFen$/.test(key) || key === 'newPriceFen') return 'newPrice';
  if (/^storeIds(\.\d+)?$/.test(key)) return 'storeIds';
  if (['allocationDate', 'arrivalDate', 'effectiveDate', 'reason'].includes(key)) return key;
  return undefined;
};

/** What the last submit was refused for. */
type Problem =
  | { kind: 'too_late'; message: string }
  | { kind: 'pending'; message: string; adjustmentId: string; code: string }
  | { kind: 'invalid'; details: { key: string; message: string }[] }
  | { kind: 'other'; message: string };

const productText = (p: { id: string; name?: string } | undefined) => (p ? `${p.id} ${p.name ?? ''}` : '');
const storeText = (s: { id: string; name?: string } | undefined) => (s ? `${s.name ?? ''} (${s.id})` : '');

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600, width: '100%' }}>
      {translate(title)}
    </Typography>
  );
};

/** price.approvalLeadDays from GET /api/settings (3 until it is read). */
const useLeadDays = (): number => {
  const { data } = useQuery({
    queryKey: ['settings', 'price.approvalLeadDays'],
    queryFn: async () => {
      const { json } = await httpClient(`${API_URL}/settings/price.approvalLeadDays`);
      return (json as { value?: unknown }).value;
    },
    staleTime: 60_000,
    retry: false,
  });
  return typeof data === 'number' ? data : 3;
};

/** "库龄 ≥ 90 天降 10%；≥ 180 天降 30%…" */
const useRuleText = () => {
  const translate = useTranslate();
  const f = useFormatters();
  return (rule: MarkdownBand[]) =>
    [...rule]
      .sort((a, b) => a.minAgeDays - b.minAgeDays)
      .map((b) => translate('app.price.context.band', { days: b.minAgeDays, discount: formatBp(b.discountBp, f.locale) }))
      .join(translate('app.price.context.band_separator'));
};

/**
 * The grounds of the proposal once a SKU and stores are chosen (GET /api/price-adjustments/context):
 * per store the current price, stock on hand, stock age (库龄), sell-through and the rule's
 * suggested price; overall the suggestion by the oldest stock, with a button to take it.
 */
const ContextPanel = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const ruleText = useRuleText();
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const { setValue } = useFormContext();
  const sku = useWatch({ name: 'sku' }) as string | null | undefined;
  const storeIds = (useWatch({ name: 'storeIds' }) as string[] | undefined) ?? [];
  const key = [...storeIds].sort().join(',');
  const { data, isFetching, error } = useQuery<PriceContext>({
    queryKey: ['price-adjustments', 'context', sku, key],
    queryFn: () => getPriceContext(sku!, storeIds),
    enabled: !!sku && storeIds.length > 0,
    staleTime: 30_000,
  });
  if (!sku || !storeIds.length) {
    return (
      <Alert severity="info" variant="outlined" sx={{ width: '100%', boxSizing: 'border-box' }} data-testid="price-context-empty">
        {translate('app.price.context.pick')}
      </Alert>
    );
  }
  if (error) return <Alert severity="error">{apiErrorInfo(error).message}</Alert>;
  if (!data) return <LinearProgress sx={{ width: '100%' }} />;
  const label = (k: string) => translate(`app.price.context.${k}`);
  const takeSuggested = () => {
    if (data.suggestedPriceFen) setValue('newPrice', fenToYuanInput(data.suggestedPriceFen), { shouldDirty: true, shouldValidate: true });
  };
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="price-context" data-sku={data.sku}>
      <CardHeader
        title={`${data.sku} ${data.productName}`}
        subheader={translate('app.price.context.retail', { price: f.money(data.retailPriceFen) })}
        slotProps={{ title: { variant: 'subtitle1' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        {isFetching ? <LinearProgress sx={{ mb: 1 }} /> : null}
        {isSmall ? (
          <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />}>
            {data.stores.map((s) => (
              <Box key={s.storeId} sx={{ py: 1 }} data-testid="price-context-store" data-store={s.storeId} data-age={s.stockAgeDays ?? ''}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {s.storeName} · {f.money(s.currentPriceFen)}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {[
                    `${label('on_hand')} ${num(s.onHand)}`,
                    `${label('stock_age')} ${s.stockAgeDays ?? '—'}`,
                    `${label('sell_through')} ${formatBp(s.sellThroughBp, f.locale)}`,
                    `${label('suggested')} ${s.suggestedPriceFen ? f.money(s.suggestedPriceFen) : '—'}`,
                  ].join(' · ')}
                </Typography>
              </Box>
            ))}
          </Stack>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="price-context-table">
              <TableHead>
                <TableRow>
                  <TableCell>{label('store')}</TableCell>
                  <TableCell align="right">{label('current')}</TableCell>
                  <TableCell align="right">{label('on_hand')}</TableCell>
                  <TableCell align="right">{label('stock_age')}</TableCell>
                  <TableCell align="right">{label('sell_through')}</TableCell>
                  <TableCell align="right">{label('suggested')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.stores.map((s) => (
                  <TableRow key={s.storeId} data-testid="price-context-store" data-store={s.storeId} data-age={s.stockAgeDays ?? ''}>
                    <TableCell>{s.storeName}</TableCell>
                    <TableCell align="right" data-field="currentPriceFen">
                      {f.money(s.currentPriceFen)}
                    </TableCell>
                    <TableCell align="right" data-field="onHand">
                      {num(s.onHand)}
                    </TableCell>
                    <TableCell
                      align="right"
                      data-field="stockAgeDays"
                      sx={{
                        color: (s.stockAgeDays ?? 0) >= (data.rule[0]?.minAgeDays ?? Infinity) ? 'warning.dark' : undefined,
                        fontWeight: 600,
                      }}
                    >
                      {s.stockAgeDays ?? '—'}
                    </TableCell>
                    <TableCell align="right" data-field="sellThroughBp">
                      {formatBp(s.sellThroughBp, f.locale)}
                    </TableCell>
                    <TableCell align="right" data-field="suggestedPriceFen">
                      {s.suggestedPriceFen ? f.money(s.suggestedPriceFen) : '—'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ mt: 1.5, gap: 1, alignItems: { sm: 'center' } }}>
          <Box sx={{ flex: 1, minWidth: 0 }} data-testid="price-context-suggested" data-fen={data.suggestedPriceFen ?? ''}>
            {data.suggestedPriceFen ? (
              <Typography variant="body2">
                {translate('app.price.context.overall', {
                  days: data.stockAgeDays ?? '—',
                  price: f.money(data.suggestedPriceFen),
                  change: formatBp(changeBp(data.retailPriceFen, data.suggestedPriceFen), f.locale),
                })}
              </Typography>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate('app.price.context.no_stock')}
              </Typography>
            )}
            {data.rule.length ? (
              <Typography variant="caption" color="text.secondary">
                {translate('app.price.context.rule', { rule: ruleText(data.rule) })}
              </Typography>
            ) : null}
          </Box>
          {data.suggestedPriceFen ? (
            <Button size="small" variant="outlined" startIcon={<AutoFixIcon />} onClick={takeSuggested} data-testid="price-use-suggested">
              {translate('app.price.context.use_suggested')}
            </Button>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** The new price in yuan, with the change from the first store's current price. */
const NewPriceHelper = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const sku = useWatch({ name: 'sku' }) as string | null | undefined;
  const storeIds = (useWatch({ name: 'storeIds' }) as string[] | undefined) ?? [];
  const price = useWatch({ name: 'newPrice' }) as string | null | undefined;
  const key = [...storeIds].sort().join(',');
  const { data } = useQuery<PriceContext>({
    queryKey: ['price-adjustments', 'context', sku, key],
    queryFn: () => getPriceContext(sku!, storeIds),
    enabled: !!sku && storeIds.length > 0,
    staleTime: 30_000,
  });
  const fen = yuanToFen(price ?? '');
  const current = data?.stores.find((s) => s.storeId === storeIds[0])?.currentPriceFen;
  if (fen === undefined || fen <= 0) return <>{translate('app.price.new_price_help')}</>;
  return (
    <Box component="span" data-testid="price-new-price-preview" data-fen={fen}>
      {f.money(fen)}
      {current ? (
        <>
          {' · '}
          {translate('app.price.vs_current', { price: f.money(current) })} <ChangeText bp={changeBp(current, fen)} />
        </>
      ) : null}
    </Box>
  );
};

const validPrice = (value: unknown) => {
  if (value === undefined || value === null || String(value).trim() === '') return 'ra.validation.required';
  const fen = yuanToFen(String(value));
  return fen !== undefined && fen > 0 ? undefined : 'app.price.validation.price';
};

const notBefore = (other: string, message: string) => (value: unknown, values: FieldValues) => {
  const a = dateOf(value);
  const b = dateOf(values[other]);
  return a && b && a < b ? message : undefined;
};

/**
 * The deadlines the dates give (approval by the end of the day allocation − lead days; notices by
 * the start of arrival; the price from the start of the effective date), and whether the proposal
 * still meets them: too late for the normal approval needs the urgent flag; after arrival never.
 */
const DeadlinesPanel = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const leadDays = useLeadDays();
  const { setValue } = useFormContext();
  const allocationDate = dateOf(useWatch({ name: 'allocationDate' }));
  const arrivalDate = dateOf(useWatch({ name: 'arrivalDate' }));
  const effectiveDate = dateOf(useWatch({ name: 'effectiveDate' }));
  const urgent = !!useWatch({ name: 'urgent' });
  if (!isDate(allocationDate) || !isDate(arrivalDate)) {
    return (
      <Alert
        severity="info"
        variant="outlined"
        sx={{ width: '100%', boxSizing: 'border-box' }}
        data-testid="price-deadlines"
        data-timeliness=""
      >
        {translate('app.price.deadlines.pick', { days: leadDays })}
      </Alert>
    );
  }
  const dl = priceDeadlines(
    { allocationDate, arrivalDate, effectiveDate: isDate(effectiveDate) ? effectiveDate : arrivalDate },
    leadDays,
    f.tz,
  );
  if (!dl) return null;
  const when = timeliness(Date.now(), dl);
  const severity = when === 'too_late' ? 'error' : when === 'urgent_only' ? (urgent ? 'warning' : 'error') : 'success';
  return (
    <Alert
      severity={severity}
      variant="outlined"
      sx={{ width: '100%', boxSizing: 'border-box' }}
      data-testid="price-deadlines"
      data-timeliness={when}
      data-approval-due={dl.approvalDueAt}
      data-notify-by={dl.notifyBy}
      action={
        when === 'urgent_only' && !urgent ? (
          <Button
            size="small"
            color="inherit"
            startIcon={<BoltIcon />}
            onClick={() => setValue('urgent', true, { shouldDirty: true })}
            data-testid="price-make-urgent"
          >
            {translate('app.price.deadlines.make_urgent')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{translate(`app.price.deadlines.title_${when === 'urgent_only' && urgent ? 'urgent' : when}`)}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        <li data-testid="price-deadline-approval">
          {urgent && when !== 'ok'
            ? translate('app.price.deadlines.approval_urgent', { at: f.dateTime(dl.notifyBy) })
            : translate('app.price.deadlines.approval', { at: f.dateTime(dl.approvalDueAt), days: leadDays, date: allocationDate })}
        </li>
        <li data-testid="price-deadline-notify">{translate('app.price.deadlines.notify', { at: f.dateTime(dl.notifyBy) })}</li>
        <li data-testid="price-deadline-effective">{translate('app.price.deadlines.effective', { at: f.dateTime(dl.effectiveAt) })}</li>
      </Box>
      {when === 'urgent_only' ? (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="price-urgent-warning">
          {translate(urgent ? 'app.price.deadlines.urgent_on' : 'app.price.deadlines.urgent_needed', { at: f.dateTime(dl.approvalDueAt) })}
        </Typography>
      ) : null}
      {when === 'too_late' ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('app.price.deadlines.too_late_help')}
        </Typography>
      ) : null}
    </Alert>
  );
};

/** A refusal: too late (422), a pending adjustment to supersede (409), invalid fields (422), anything else. */
const ProblemAlert = ({ problem }: { problem: Problem | null }) => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  if (!problem) return null;
  if (problem.kind === 'invalid') {
    if (!problem.details.length) return null;
    return (
      <Alert
        severity="error"
        sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
        data-testid="price-save-error"
        data-code="validation_failed"
      >
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {problem.details.map((d, i) => (
            <li key={i}>
              <strong>{translate(`resources.price-adjustments.fields.${FIELD_OF(d.key) ?? d.key}`, { _: d.key })}</strong>: {d.message}
            </li>
          ))}
        </Box>
      </Alert>
    );
  }
  if (problem.kind === 'pending') {
    const supersede = (event: MouseEvent<HTMLButtonElement>) => {
      setValue('supersedes', problem.adjustmentId, { shouldDirty: true });
      setValue('supersedesCode', problem.code);
      // Resubmit the same form, now superseding the pending adjustment.
      event.currentTarget.closest('form')?.requestSubmit();
    };
    return (
      <Alert
        severity="warning"
        sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
        data-testid="price-save-error"
        data-code="pending_adjustment"
        data-adjustment={problem.code}
        action={
          <Button
            type="button"
            size="small"
            color="inherit"
            variant="outlined"
            startIcon={<SwapIcon />}
            onClick={supersede}
            data-testid="price-supersede"
          >
            {translate('app.price.supersede_button', { code: problem.code })}
          </Button>
        }
      >
        <AlertTitle>{translate('app.price.pending_title', { code: problem.code })}</AlertTitle>
        {translate('app.price.pending_help', { code: problem.code })}
        <Typography variant="caption" component="div" color="text.secondary" sx={{ mt: 0.5 }}>
          {problem.message}
        </Typography>
      </Alert>
    );
  }
  return (
    <Alert
      severity="error"
      sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
      data-testid="price-save-error"
      data-code={problem.kind === 'too_late' ? 'too_late' : 'other'}
    >
      {problem.kind === 'too_late' ? <AlertTitle>{translate('app.price.too_late_title')}</AlertTitle> : null}
      <Typography variant="body2" sx={{ wordBreak: 'break-word' }} data-testid="price-save-error-message">
        {problem.message}
      </Typography>
      {problem.kind === 'too_late' ? (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {translate('app.price.too_late_help')}
        </Typography>
      ) : null}
    </Alert>
  );
};

/** "This proposal supersedes PA000003", with a way to undo it before saving. */
const SupersedesNote = () => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const supersedes = useWatch({ name: 'supersedes' }) as string | null | undefined;
  const code = useWatch({ name: 'supersedesCode' }) as string | null | undefined;
  if (!supersedes) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
      data-testid="price-supersedes"
      action={
        <Button
          size="small"
          color="inherit"
          onClick={() => {
            setValue('supersedes', null, { shouldDirty: true });
            setValue('supersedesCode', null);
          }}
        >
          {translate('ra.action.cancel')}
        </Button>
      }
    >
      {translate('app.price.supersedes_note', { code: code ?? supersedes })}
    </Alert>
  );
};

const CreateToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label={translate('app.price.create_submit')} icon={<SaveIcon />} data-testid="price-create-submit" alwaysEnable />
    </Toolbar>
  );
};

const grid = {
  display: 'grid',
  gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' },
  columnGap: 2,
  width: '100%',
} as const;

const PriceForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useDataProvider();
  const f = useFormatters();
  const [problem, setProblem] = useState<Problem | null>(null);
  const today = todayIn(f.tz);
  const onSubmit = async (values: FieldValues) => {
    setProblem(null);
    try {
      const { data } = await dataProvider.create<PriceAdjustment>('price-adjustments', {
        data: toBody(values as PriceFormValues) as never,
      });
      notify('app.price.created', { type: 'success', messageArgs: { code: data.code } });
      redirect(`/price-adjustments/${encodeURIComponent(String(data.id))}/show`);
      return undefined;
    } catch (error) {
      const info = apiErrorInfo(error);
      if (info.code === 'too_late') {
        setProblem({ kind: 'too_late', message: info.message });
        return undefined;
      }
      if (info.code === 'pending_adjustment') {
        const details =
          ((error as HttpError).body as { error?: { details?: { adjustmentId?: string; code?: string } } } | undefined)?.error?.details ??
          {};
        setProblem({ kind: 'pending', message: info.message, adjustmentId: details.adjustmentId ?? '', code: details.code ?? '' });
        return undefined;
      }
      if (error instanceof HttpError && error.status === 422) {
        const details = detailList(error);
        setProblem({ kind: 'invalid', details });
        const fields: Record<string, string> = {};
        for (const d of details) {
          const field = FIELD_OF(d.key);
          if (field) fields[field] ??= d.message;
        }
        return fields;
      }
      const message = info.message || translate('ra.notification.http_error');
      setProblem({ kind: 'other', message });
      notify(message, { type: 'error' });
      return undefined;
    }
  };
  return (
    <SimpleForm
      toolbar={<CreateToolbar />}
      defaultValues={{ storeIds: [], urgent: false, supersedes: null, supersedesCode: null } satisfies PriceFormValues}
      onSubmit={onSubmit}
      sx={{ maxWidth: 1100 }}
    >
      <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
        {translate('app.price.create_hint')}
      </Alert>
      <ProblemAlert problem={problem} />
      <SupersedesNote />
      <Box sx={grid}>
        <Box data-testid="price-sku">
          <ReferenceInput source="sku" reference="products" perPage={100} sort={{ field: 'sku', order: 'ASC' }}>
            <AutocompleteInput optionText={productText} filterToQuery={(q: string) => (q ? { q } : {})} validate={required()} />
          </ReferenceInput>
        </Box>
        <Box data-testid="price-stores">
          <ReferenceArrayInput source="storeIds" reference="stores" perPage={200} sort={{ field: 'id', order: 'ASC' }}>
            <AutocompleteArrayInput optionText={storeText} filterToQuery={(q: string) => (q ? { q } : {})} validate={required()} />
          </ReferenceArrayInput>
        </Box>
      </Box>
      <Section title="app.price.context.title" />
      <ContextPanel />
      <Section title="app.price.proposal" />
      <Box sx={grid}>
        <TextInput
          source="newPrice"
          validate={validPrice}
          helperText={<NewPriceHelper />}
          slotProps={{ htmlInput: { 'data-testid': 'price-new-price', inputMode: 'decimal', maxLength: 20 } }}
        />
        <Box />
        <DateInput
          source="allocationDate"
          validate={required()}
          slotProps={{ htmlInput: { 'data-testid': 'price-allocation-date', min: today } }}
        />
        <DateInput
          source="arrivalDate"
          validate={[required(), notBefore('allocationDate', 'app.price.validation.arrival')]}
          slotProps={{ htmlInput: { 'data-testid': 'price-arrival-date', min: today } }}
        />
        <DateInput
          source="effectiveDate"
          validate={notBefore('allocationDate', 'app.price.validation.effective')}
          helperText="app.price.effective_help"
          slotProps={{ htmlInput: { 'data-testid': 'price-effective-date' } }}
        />
        <Box data-testid="price-urgent">
          <BooleanInput source="urgent" helperText="app.price.urgent_help" />
        </Box>
      </Box>
      <DeadlinesPanel />
      <TextInput
        source="reason"
        multiline
        minRows={2}
        fullWidth
        sx={{ mt: 2 }}
        validate={[required(), maxLength(2000)]}
        slotProps={{ htmlInput: { 'data-testid': 'price-reason' } }}
      />
    </SimpleForm>
  );
};

/** A new price adjustment (调价): SKU, receiving stores, grounds, price, dates and their deadlines. */
export const PriceAdjustmentCreate = () => (
  <Create title="app.price.create_title">
    <PriceForm />
  </Create>
);

export default PriceAdjustmentCreate;
