import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  HttpError,
  LinkBase,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  required,
  useGetOne,
  useNotify,
  useSaveContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { apiErrorInfo, SeasonInput } from '../common';
import { detailList } from '../plans/api';
import { quotaCheckOf, toCreateBody, type BookingFormValues, type LineFormValue } from './helpers';
import { useLineProducts } from '../common/LineGridInput';
import { DEFAULT_QUOTA_TOLERANCE_BP, type Franchisee, type Product, type QuotaCheck } from './types';
import { LinesInput } from './LinesInput';
import { FormSection } from '../common/FormSection';

const franchiseeText = (r: { id: string; name?: string } | undefined) => (r ? `${r.name ?? ''} (${r.id})` : '');

const Section = FormSection;

/**
 * Whether saving sends the order statement now or after the manager's quota review: the
 * server's rule (quotaCheckOf) on the amount as typed, the franchisee's quota for the season and
 * booking.quotaTolerance. null until franchisee, season and an amount are there.
 */
const useQuotaCheck = (): QuotaCheck | null => {
  const franchiseeId = useWatch({ name: 'franchiseeId' }) as string | undefined;
  const season = useWatch({ name: 'season' }) as string | undefined;
  const lines = (useWatch({ name: 'lines' }) as LineFormValue[] | undefined) ?? [];
  const products = useLineProducts<Product>(season, true);
  const { data: franchisee } = useGetOne<Franchisee>('franchisees', { id: franchiseeId ?? '' }, { enabled: !!franchiseeId });
  const { data: tolerance } = useGetOne<{ id: string; value: unknown }>('settings', { id: 'booking.quotaTolerance' });
  if (!franchiseeId || !season || franchisee?.id !== franchiseeId) return null;
  let fen = 0;
  for (const l of lines) {
    const product = l?.sku ? products.bySku.get(l.sku) : undefined;
    const qty = Number(l?.qty);
    if (product && Number.isInteger(qty) && qty > 0) fen += qty * product.wholesalePriceFen;
  }
  if (fen <= 0) return null;
  const quota = franchisee.quotas?.find((q) => q.seasonCode === season)?.quotaFen;
  const toleranceBp = typeof tolerance?.value === 'number' ? Math.round(tolerance.value * 10_000) : DEFAULT_QUOTA_TOLERANCE_BP;
  return quotaCheckOf(fen, quota === undefined ? null : Number(quota), toleranceBp);
};

const CreateToolbar = () => {
  const translate = useTranslate();
  const check = useQuotaCheck();
  const review = check !== null && check !== 'within';
  return (
    <Toolbar sx={{ flexDirection: 'column', alignItems: 'flex-start', gap: 1 }}>
      <SaveButton
        label={translate(review ? 'app.booking.create_submit_review' : 'app.booking.create_submit')}
        icon={<SaveIcon />}
        data-testid="booking-create-submit"
        alwaysEnable
      />
      <Typography variant="body2" color="text.secondary" data-testid="booking-send-rule" data-quota-check={check ?? ''}>
        {check === null
          ? translate('app.booking.send_rule')
          : review
            ? translate('app.booking.send_after_review', { check: translate(`app.booking.quota_check.${check}`) })
            : translate('app.booking.send_now')}
      </Typography>
    </Toolbar>
  );
};

const FIELD_KEYS: Record<string, string> = { sku: 'sku', size: 'size', qty: 'qty' };

/** What the last save was refused for: 422 details (whole-line problems have no input of their own), or a 409. */
type Problem = { details: { key: string; message: string }[] } | { message: string; bookingId?: string };

const ProblemAlert = ({ problem }: { problem: Problem | null }) => {
  const translate = useTranslate();
  if (!problem) return null;
  if ('details' in problem) {
    if (!problem.details.length) return null;
    const text = (key: string) => {
      const line = /^lines\.(\d+)(?:\.(\w+))?$/.exec(key);
      if (line) {
        const n = translate('app.booking.line_n', { n: Number(line[1]) + 1 });
        return line[2] ? `${n} · ${translate(`resources.bookings.fields.${FIELD_KEYS[line[2]] ?? line[2]}`, { _: line[2] })}` : n;
      }
      return translate(`resources.bookings.fields.${key}`, { _: key });
    };
    return (
      <Alert severity="error" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }} data-testid="booking-save-errors">
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {problem.details.map((d, i) => (
            <li key={i}>
              <strong>{text(d.key)}</strong>: {d.message}
            </li>
          ))}
        </Box>
      </Alert>
    );
  }
  return (
    <Alert
      severity="error"
      sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}
      data-testid="booking-save-errors"
      action={
        problem.bookingId ? (
          <Button component={LinkBase} to={`/bookings/${encodeURIComponent(problem.bookingId)}/show`} size="small" color="inherit">
            {translate('app.booking.open_existing')}
          </Button>
        ) : undefined
      }
    >
      {problem.message}
    </Alert>
  );
};

const defaultValues: BookingFormValues = { lines: [{ sku: null, size: null, qty: null }] };

/** Whole-line problems (`lines.3`: a duplicate line) by line index, from the last refusal. */
const lineErrorsOf = (problem: Problem | null): Record<number, string> => {
  const out: Record<number, string> = {};
  if (problem && 'details' in problem) {
    for (const d of problem.details) {
      const m = /^lines\.(\d+)$/.exec(d.key);
      if (m) out[Number(m[1])] = d.message;
    }
  }
  return out;
};

/**
 * Saves through the Create page and hands the API's field errors (`lines.2.sku`) back to the
 * form; whole-line problems (`lines.4`) have no input, so they stay out of the form (an error
 * there would block every later submit) and are shown on their row and above the grid instead.
 */
const useSubmit = () => {
  const { save } = useSaveContext();
  return async (values: FieldValues) => {
    const errors = (await save?.(values)) as Record<string, unknown> | undefined;
    if (!errors) return undefined;
    return Object.fromEntries(Object.entries(errors).filter(([key]) => !/^lines(\.\d+)?$/.test(key)));
  };
};

const BookingForm = ({ problem }: { problem: Problem | null }) => {
  const translate = useTranslate();
  const onSubmit = useSubmit();
  return (
    <SimpleForm toolbar={<CreateToolbar />} defaultValues={defaultValues} onSubmit={onSubmit} sx={{ maxWidth: 1100 }}>
      <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
        {translate('app.booking.create_hint')}
      </Alert>
      <ProblemAlert problem={problem} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' },
          columnGap: 2,
          width: '100%',
        }}
      >
        <ReferenceInput source="franchiseeId" reference="franchisees" perPage={100} sort={{ field: 'id', order: 'ASC' }}>
          <AutocompleteInput optionText={franchiseeText} filterToQuery={(q: string) => (q ? { q } : {})} validate={required()} />
        </ReferenceInput>
        <SeasonInput source="season" validate={required()} />
      </Box>
      <Section title="app.booking.lines" />
      <LinesInput lineErrors={lineErrorsOf(problem)} />
      <TextInput source="note" multiline fullWidth sx={{ mt: 2 }} validate={maxLength(500)} />
    </SimpleForm>
  );
};

/** A new booking (期货订单): franchisee, season, lines (SKU, size, qty) with live amounts. */
export const BookingCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <Create
      title="app.booking.create_title"
      transform={(data: BookingFormValues) => {
        setProblem(null);
        return toCreateBody(data);
      }}
      mutationOptions={{
        onError: (error: unknown) => {
          if (error instanceof HttpError && error.status === 422) {
            setProblem({ details: detailList(error) });
            return;
          }
          const info = apiErrorInfo(error);
          const known = info.code ? translate(`app.booking.error.${info.code}`, { _: '' }) : '';
          const bookingId =
            info.code === 'booking_exists'
              ? ((error as HttpError).body as { error?: { details?: { bookingId?: string } } } | undefined)?.error?.details?.bookingId
              : undefined;
          const message = known || info.message || translate('ra.notification.http_error');
          setProblem({ message, bookingId });
          notify(message, { type: 'error' });
        },
      }}
      redirect={(_resource?: string, id?: unknown, data?: Partial<RaRecord>) =>
        `/bookings/${encodeURIComponent(String(data?.id ?? id ?? ''))}/show`
      }
    >
      <BookingForm problem={problem} />
    </Create>
  );
};

export default BookingCreate;
