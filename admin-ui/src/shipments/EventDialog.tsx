import AddLocationIcon from '@mui/icons-material/AddLocationAlt';
import {
  Alert,
  Button,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  type ButtonProps,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { apiErrorInfo, errorMessage, ResponsiveDialog, useFormatters } from '../common';
import { recordEvent, type EventBody } from './api';
import { nowLocalIn, todayIn, zonedToIso } from './helpers';
import { EVENT_TYPES, type Shipment, type ShipmentEventType } from './types';

/** The event one would most likely record next. */
const nextType = (status: string): ShipmentEventType => {
  switch (status) {
    case 'created':
      return 'dispatched';
    case 'dispatched':
      return 'in_transit';
    default:
      return 'arrived';
  }
};

/**
 * Record a carrier or head-office event (POST /api/shipments/:id/events): type, when (typed in
 * the business zone), where, and for a new ETA the new expected arrival date. An event older than
 * the latest one is kept as history but changes nothing; the user is told.
 */
export const EventDialog = ({ shipment, open, onClose }: { shipment: Shipment; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const f = useFormatters();
  const [type, setType] = useState<ShipmentEventType>(nextType(shipment.status));
  const [at, setAt] = useState(nowLocalIn(f.tz));
  const [location, setLocation] = useState('');
  const [eta, setEta] = useState('');
  const [touched, setTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const atIso = zonedToIso(at, f.tz);
  const needsEta = type === 'eta_changed';
  const badEta = needsEta && !/^\d{4}-\d{2}-\d{2}$/.test(eta);
  const mutation = useMutation({
    mutationFn: (body: EventBody) => recordEvent(shipment.id, body),
    onSuccess: (result) => {
      const label = translate(`app.shipment.event_type.${type}`);
      if (result.duplicate) notify('app.shipment.event.duplicate', { type: 'info', messageArgs: { type: label } });
      else if (!result.applied) notify('app.shipment.event.not_applied', { type: 'warning', messageArgs: { type: label } });
      else notify('app.shipment.event.recorded', { type: 'success', messageArgs: { type: label, code: shipment.code } });
      refresh();
      onClose();
    },
    onError: (error) => {
      if (error instanceof HttpError && error.status === 422) {
        const details = ((error.body as { error?: { details?: Record<string, unknown> } } | undefined)?.error?.details ?? {}) as Record<
          string,
          unknown
        >;
        setFieldErrors(Object.fromEntries(Object.entries(details).map(([k, v]) => [k, String(v)])));
      }
      const { code } = apiErrorInfo(error);
      const known = code ? translate(`app.shipment.error.${code}`, { _: '' }) : '';
      setProblem(known || errorMessage(error, translate));
    },
  });
  const submit = () => {
    setTouched(true);
    setProblem(null);
    setFieldErrors({});
    if (!atIso || badEta) return;
    mutation.mutate({
      type,
      at: atIso,
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(needsEta ? { expectedArrival: eta } : {}),
    });
  };
  return (
    <ResponsiveDialog open={open} onClose={() => !mutation.isPending && onClose()} data-testid="shipment-event-dialog">
      <DialogTitle>{translate('app.shipment.event.title', { code: shipment.code })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.shipment.event.help')}</DialogContentText>
        <Stack spacing={2}>
          <TextField
            select
            fullWidth
            required
            label={translate('resources.shipments.fields.eventType')}
            value={type}
            onChange={(e) => setType(e.target.value as ShipmentEventType)}
            error={!!fieldErrors.type}
            helperText={fieldErrors.type}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'shipment-event-type' } as object } }}
          >
            {EVENT_TYPES.map((t) => (
              <MenuItem key={t} value={t} data-testid="shipment-event-type-option" data-type={t}>
                {translate(`app.shipment.event_type.${t}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            fullWidth
            required
            type="datetime-local"
            label={translate('app.shipment.event.at')}
            value={at}
            onChange={(e) => setAt(e.target.value)}
            error={(touched && !atIso) || !!fieldErrors.at}
            helperText={
              fieldErrors.at ??
              (touched && !atIso ? translate('app.shipment.event.at_required') : translate('app.shipment.event.at_help', { tz: f.tz }))
            }
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'shipment-event-at' } }}
          />
          <TextField
            fullWidth
            label={translate('resources.shipments.fields.location')}
            value={location}
            onChange={(e) => setLocation(e.target.value)}
            error={!!fieldErrors.location}
            helperText={fieldErrors.location ?? ' '}
            slotProps={{ htmlInput: { 'data-testid': 'shipment-event-location', maxLength: 200 } }}
          />
          {needsEta ? (
            <TextField
              fullWidth
              required
              type="date"
              label={translate('app.shipment.event.new_eta')}
              value={eta}
              onChange={(e) => setEta(e.target.value)}
              error={(touched && badEta) || !!fieldErrors.expectedArrival}
              helperText={
                fieldErrors.expectedArrival ??
                (touched && badEta ? translate('app.shipment.event.new_eta_required') : translate('app.shipment.event.new_eta_help'))
              }
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'shipment-event-eta', min: todayIn(f.tz) } }}
            />
          ) : null}
          {problem ? (
            <Alert severity="error" data-testid="shipment-event-error">
              {problem}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={mutation.isPending}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={mutation.isPending}
          data-testid="shipment-event-confirm"
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <AddLocationIcon />}
        >
          {translate('app.shipment.event.confirm')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/** The button that opens the event dialog. */
export const RecordEventButton = ({ shipment, ...props }: { shipment: Shipment } & Omit<ButtonProps, 'onClick'>) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<AddLocationIcon />}
        onClick={() => setOpen(true)}
        data-testid="shipment-event-button"
        {...props}
      >
        {translate('app.shipment.event.button')}
      </Button>
      {open ? <EventDialog shipment={shipment} open onClose={() => setOpen(false)} /> : null}
    </>
  );
};
