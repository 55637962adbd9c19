import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  DateInput,
  HttpError,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  useNotify,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import type { Booking } from '../bookings/types';
import { apiErrorInfo, SeasonInput, useFormatters } from '../common';
import { todayIn } from './helpers';
import { LinesInput } from './LinesInput';
import { FormSection } from '../common/FormSection';

interface ShipmentFormValues {
  bookingId?: string | null;
  externalRef?: string | null;
  season?: string | null;
  expectedArrival?: string | null;
  lines?: { sku?: string | null; size?: string | null; qty?: number | string | null }[];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Form values → POST /api/shipments (the expected arrival as a date: the end of that day in the business zone). */
const toCreateBody = (data: ShipmentFormValues) => ({
  ...(data.bookingId ? { bookingId: data.bookingId } : {}),
  ...(data.externalRef?.trim() ? { externalRef: data.externalRef.trim() } : {}),
  ...(data.season ? { season: data.season } : {}),
  expectedArrival: data.expectedArrival ? String(data.expectedArrival).slice(0, 10) : data.expectedArrival,
  lines: (data.lines ?? []).map((l) => ({
    sku: String(l.sku ?? '').trim(),
    size: String(l.size ?? '').trim(),
    qty: blank(l.qty) ? null : Number(l.qty),
  })),
});

const bookingText = (b: Booking | undefined) =>
  b ? [b.code, b.franchiseeName ?? b.franchiseeId, b.season].filter(Boolean).join(' · ') : '';

const Section = FormSection;

/** A confirmed booking (期货单) the shipment fills; picking one sets the season. */
const BookingPicker = () => {
  const { setValue } = useFormContext();
  return (
    <ReferenceInput
      source="bookingId"
      reference="bookings"
      filter={{ status: 'confirmed' }}
      perPage={100}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <AutocompleteInput
        optionText={bookingText}
        filterToQuery={(q: string) => (q ? { q } : {})}
        helperText="app.shipment.booking_help"
        onChange={(_value: unknown, record?: unknown) => {
          const booking = record as Booking | undefined;
          if (booking?.season) setValue('season', booking.season, { shouldDirty: true });
        }}
      />
    </ReferenceInput>
  );
};

const CreateToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label={translate('app.shipment.create_submit')} icon={<SaveIcon />} data-testid="shipment-create-submit" alwaysEnable />
    </Toolbar>
  );
};

const validEta = (today: string) => (value: unknown) => {
  if (blank(value)) return 'ra.validation.required';
  return String(value).slice(0, 10) < today ? 'app.shipment.validation.eta_past' : undefined;
};

const defaultValues: ShipmentFormValues = { lines: [{ sku: null, size: null, qty: null }] };

/** A new shipment announced by head office: booking (optional), 发货单号, expected arrival, lines. */
export const ShipmentCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const f = useFormatters();
  const today = todayIn(f.tz);
  return (
    <Create
      title="app.shipment.create_title"
      transform={toCreateBody}
      mutationOptions={{
        onError: (error: unknown) => {
          // 422: the fields are marked by the form (lines.2.sku …); anything else is said here.
          if (error instanceof HttpError && error.status === 422) {
            notify(error.message || 'ra.message.invalid_form', { type: 'error' });
            return;
          }
          const info = apiErrorInfo(error);
          const known = info.code ? translate(`app.shipment.error.${info.code}`, { _: '' }) : '';
          notify(known || info.message || translate('ra.notification.http_error'), { type: 'error' });
        },
      }}
      redirect={(_resource?: string, id?: unknown, data?: Partial<RaRecord>) =>
        `/shipments/${encodeURIComponent(String(data?.id ?? id ?? ''))}/show`
      }
    >
      <SimpleForm toolbar={<CreateToolbar />} defaultValues={defaultValues} sx={{ maxWidth: 1100 }}>
        <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }}>
          {translate('app.shipment.create_hint')}
        </Alert>
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' },
            columnGap: 2,
            width: '100%',
          }}
        >
          <BookingPicker />
          <TextInput source="externalRef" validate={maxLength(60)} helperText="app.shipment.external_ref_help" />
          <SeasonInput source="season" helperText="app.shipment.season_help" />
          <DateInput source="expectedArrival" validate={validEta(today)} slotProps={{ htmlInput: { min: today } }} />
        </Box>
        <Section title="app.shipment.lines" />
        <LinesInput />
      </SimpleForm>
    </Create>
  );
};

export default ShipmentCreate;
