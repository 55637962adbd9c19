import CancelIcon from '@mui/icons-material/Block';
import { Alert, Button, CircularProgress, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { apiErrorInfo, ResponsiveDialog } from '../common';
import { cancelBooking } from './api';
import type { Booking } from './types';

/** Cancel a booking (manager): a reason is required; the quota is released and the franchisee told. */
export const CancelDialog = ({ booking, open, onClose }: { booking: Booking; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const missing = !reason.trim();
  const mutation = useMutation({
    mutationFn: () => cancelBooking(booking.id, reason.trim()),
    onSuccess: () => {
      notify('app.booking.cancel.done', { type: 'success', messageArgs: { code: booking.code } });
      refresh();
      onClose();
    },
    onError: (error) => {
      const info = apiErrorInfo(error);
      const known = info.code ? translate(`app.booking.error.${info.code}`, { _: '' }) : '';
      setMessage(known || info.message || translate('ra.notification.http_error'));
    },
  });
  return (
    <ResponsiveDialog open={open} onClose={() => !mutation.isPending && onClose()} data-testid="booking-cancel-dialog">
      <DialogTitle>{translate('app.booking.cancel.title', { code: booking.code })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate(booking.paidFen > 0 ? 'app.booking.cancel.help_paid' : 'app.booking.cancel.help', {
            name: booking.franchiseeName ?? booking.franchiseeId,
          })}
        </DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          required
          label={translate('app.booking.cancel.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && missing}
          helperText={touched && missing ? translate('app.booking.cancel.reason_required') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'booking-cancel-reason', maxLength: 2000 } }}
        />
        {message ? (
          <Alert severity="error" data-testid="booking-cancel-error">
            {message}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={mutation.isPending}>
          {translate('ra.action.close')}
        </Button>
        <Button
          variant="contained"
          color="error"
          disabled={mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <CancelIcon />}
          data-testid="booking-cancel-confirm"
          onClick={() => {
            setTouched(true);
            setMessage(null);
            if (!missing) mutation.mutate();
          }}
        >
          {translate('app.booking.cancel.confirm')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};
