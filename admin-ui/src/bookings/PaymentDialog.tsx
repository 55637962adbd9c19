import PaymentsIcon from '@mui/icons-material/Payments';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { apiErrorInfo, ResponsiveDialog, useFormatters, yuanToFen } from '../common';
import { recordPayment, type PaymentBody } from './api';
import { todayIn } from './helpers';
import type { Booking } from './types';

type Field = 'amount' | 'reference' | 'paidOn' | 'note';

/** 422 details keys of POST /api/bookings/:id/payments → the dialog's inputs. */
const FIELD_OF: Record<string, Field> = { amountFen: 'amount', amount: 'amount', reference: 'reference', paidOn: 'paidOn', note: 'note' };

/**
 * Record a payment received (finance): the amount typed in yuan becomes integer fen by string
 * arithmetic (never a float multiplication), with the bank reference, the day it was paid and a
 * note. A reference already recorded (409 duplicate_payment_reference) and an amount above what
 * is still owed (422) are shown on their inputs.
 */
export const PaymentDialog = ({ booking, open, onClose }: { booking: Booking; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const f = useFormatters();
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [paidOn, setPaidOn] = useState(() => todayIn(f.tz));
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const fen = yuanToFen(amount);
  const amountError = !amount.trim()
    ? translate('app.booking.payment.amount_required')
    : fen === undefined || fen <= 0
      ? translate('app.booking.payment.amount_invalid')
      : undefined;
  const referenceError = !reference.trim() ? translate('app.booking.payment.reference_required') : undefined;
  const mutation = useMutation({
    mutationFn: (body: PaymentBody) => recordPayment(booking.id, body),
    onSuccess: (result, body) => {
      notify('app.booking.payment.recorded', {
        type: 'success',
        messageArgs: {
          amount: f.money(body.amountFen),
          code: booking.code,
          status: translate(`app.booking.status.${result?.status ?? booking.status}`, { _: result?.status ?? '' }),
        },
      });
      refresh();
      onClose();
    },
    onError: (error) => {
      const info = apiErrorInfo(error);
      const fields: Partial<Record<Field, string>> = {};
      if (info.code === 'duplicate_payment_reference') {
        fields.reference = translate('app.booking.error.duplicate_payment_reference', { _: info.message });
      } else if (info.code === 'payment_date_in_future') {
        fields.paidOn = translate('app.booking.error.payment_date_in_future', { _: info.message });
      } else if (error instanceof HttpError && error.status === 422) {
        const details = (error.body as { error?: { details?: unknown } } | undefined)?.error?.details;
        if (details && typeof details === 'object' && !Array.isArray(details)) {
          for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
            const field = FIELD_OF[key];
            if (field && typeof value === 'string') fields[field] = value;
          }
          // Above what is still open on the order: "at most 26700000" (fen) said in yuan.
          const most = /^at most (\d+)$/.exec(String((details as Record<string, unknown> | null)?.amountFen ?? ''));
          if (most) {
            fields.amount = translate('app.booking.payment.amount_at_most', { amount: f.money(Number(most[1])) });
            setServerErrors(fields);
            setMessage(fields.amount);
            return;
          }
        }
      }
      setServerErrors(fields);
      const known = info.code ? translate(`app.booking.error.${info.code}`, { _: '' }) : '';
      setMessage(known || info.message || translate('ra.notification.http_error'));
    },
  });
  const submit = () => {
    setTouched(true);
    setMessage(null);
    setServerErrors({});
    if (amountError || referenceError || fen === undefined) return;
    mutation.mutate({
      amountFen: fen,
      reference: reference.trim(),
      ...(paidOn ? { paidOn } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  const close = () => !mutation.isPending && onClose();
  const shown = (field: Field, local: string | undefined) => serverErrors[field] ?? (touched ? local : undefined);
  return (
    <ResponsiveDialog open={open} onClose={close} data-testid="payment-dialog" data-booking-code={booking.code}>
      <DialogTitle>{translate('app.booking.payment.title', { code: booking.code })}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div" sx={{ mb: 2 }}>
          <Typography variant="body2">
            {[booking.franchiseeName ?? booking.franchiseeId, booking.season].filter(Boolean).join(' · ')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1, mt: 1 }}>
            {(
              [
                ['prepaymentDueFen', booking.prepaymentDueFen],
                ['paidFen', booking.paidFen],
                ['outstandingFen', booking.outstandingFen],
              ] as const
            ).map(([key, value]) => (
              <Box key={key} sx={{ minWidth: 0 }}>
                <Typography variant="caption" color="text.secondary" component="div">
                  {translate(`resources.bookings.fields.${key}`)}
                </Typography>
                <Typography
                  variant="body2"
                  sx={{ fontWeight: key === 'outstandingFen' ? 600 : undefined, whiteSpace: 'nowrap' }}
                  data-testid={`payment-dialog-${key}`}
                >
                  {f.money(value)}
                </Typography>
              </Box>
            ))}
          </Box>
        </DialogContentText>
        <Stack spacing={2}>
          <TextField
            autoFocus
            required
            fullWidth
            label={translate('app.booking.payment.amount')}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={!!shown('amount', amountError)}
            helperText={
              shown('amount', amountError) ?? (fen !== undefined && fen > 0 ? f.money(fen) : translate('app.booking.payment.amount_help'))
            }
            slotProps={{ htmlInput: { 'data-testid': 'payment-amount', inputMode: 'decimal', maxLength: 20 } }}
          />
          <TextField
            required
            fullWidth
            label={translate('app.booking.payment.reference')}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            error={!!shown('reference', referenceError)}
            helperText={shown('reference', referenceError) ?? translate('app.booking.payment.reference_help')}
            slotProps={{ htmlInput: { 'data-testid': 'payment-reference', maxLength: 100 } }}
          />
          <TextField
            fullWidth
            type="date"
            label={translate('app.booking.payment.paid_on')}
            value={paidOn}
            onChange={(e) => setPaidOn(e.target.value)}
            error={!!serverErrors.paidOn}
            helperText={serverErrors.paidOn ?? ' '}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'payment-paid-on', max: todayIn(f.tz) } }}
          />
          <TextField
            fullWidth
            multiline
            minRows={2}
            label={translate('app.booking.payment.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={!!serverErrors.note}
            helperText={serverErrors.note ?? ' '}
            slotProps={{ htmlInput: { 'data-testid': 'payment-note', maxLength: 2000 } }}
          />
        </Stack>
        {message ? (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="payment-error">
            {message}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={mutation.isPending}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <PaymentsIcon />}
          data-testid="payment-confirm"
        >
          {translate('app.booking.payment.record')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/** The "record payment" button that opens the dialog, for a row or a page. */
export const RecordPaymentButton = ({
  booking,
  size = 'small',
  variant = 'outlined',
}: {
  booking: Booking;
  size?: 'small' | 'medium';
  variant?: 'outlined' | 'contained';
}) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={size}
        variant={variant}
        startIcon={<PaymentsIcon />}
        onClick={(e) => {
          // Inside a list row (a link on phones): open the dialog, do not follow the row.
          e.stopPropagation();
          e.preventDefault();
          setOpen(true);
        }}
        data-testid="record-payment-button"
        sx={{ whiteSpace: 'nowrap' }}
      >
        {translate('app.booking.payment.record')}
      </Button>
      {open ? <PaymentDialog booking={booking} open onClose={() => setOpen(false)} /> : null}
    </>
  );
};
