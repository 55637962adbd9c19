import UploadIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { HttpError, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { errorMessage, ResponsiveDialog, useFormatters } from '../common';
import { importErrors, type ImportError } from '../plans/api';
import { downloadTemplate, importBookings } from './api';
import type { Booking } from './types';

/** Row-error field names of the import (`rows.<n>.<field>`) → the header of the sheet. */
const FIELD_KEYS: Record<string, string> = {
  franchisee: 'franchiseeId',
  franchiseeId: 'franchiseeId',
  加盟商: 'franchiseeId',
  sku: 'sku',
  款号: 'sku',
  size: 'size',
  尺码: 'size',
  qty: 'qty',
  数量: 'qty',
};

interface Season {
  id: string;
  code?: string;
  name?: string;
}

/**
 * Import an order sheet (POST /api/bookings/import?season=…, the file as the body): one booking
 * per franchisee in the sheet, all or nothing. Row errors are listed; on success the bookings
 * created are named and the list refreshed.
 */
export const ImportDialog = ({ open, onClose, defaultSeason }: { open: boolean; onClose: () => void; defaultSeason?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const f = useFormatters();
  const { data: seasons = [] } = useGetList<Season>('seasons', { pagination: { page: 1, perPage: 100 }, sort: { field: 'startsOn', order: 'DESC' } }, { enabled: open });
  const [season, setSeason] = useState(defaultSeason ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<Booking[] | null>(null);
  useEffect(() => {
    if (!season && seasons.length) setSeason(String(seasons[0]!.code ?? seasons[0]!.id));
  }, [season, seasons]);
  const fieldLabel = (field: string | undefined) =>
    field ? translate(`resources.bookings.fields.${FIELD_KEYS[field] ?? field}`, { _: field }) : '';
  const mutation = useMutation({
    mutationFn: ({ s, f: file }: { s: string; f: File }) => importBookings(s, file),
    onSuccess: (bookings) => {
      setCreated(bookings);
      setErrors(null);
      setMessage(null);
      setFile(null);
      notify('app.booking.import.done', { type: 'success', messageArgs: { smart_count: bookings.length } });
      refresh();
    },
    onError: (error) => {
      setCreated(null);
      if (error instanceof HttpError && error.status === 422) {
        const list = importErrors(error);
        setErrors(list);
        setMessage(list.length ? null : errorMessage(error, translate));
      } else {
        setErrors(null);
        const code = (error instanceof HttpError ? (error.body as { error?: { code?: string } } | undefined)?.error?.code : undefined) ?? '';
        const known = code ? translate(`app.booking.error.${code}`, { _: '' }) : '';
        setMessage(known || errorMessage(error, translate));
      }
    },
  });
  const close = () => {
    if (mutation.isPending) return;
    setErrors(null);
    setMessage(null);
    setFile(null);
    setCreated(null);
    onClose();
  };
  return (
    <ResponsiveDialog open={open} onClose={close} data-testid="booking-import-dialog">
      <DialogTitle>{translate('app.booking.import.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.booking.import.help')}</DialogContentText>
        <TextField
          select
          fullWidth
          required
          label={translate('resources.bookings.fields.season')}
          value={seasons.some((s) => String(s.code ?? s.id) === season) ? season : ''}
          onChange={(e) => {
            setSeason(e.target.value);
            setCreated(null);
          }}
          sx={{ mb: 2 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'booking-import-season' } as object } }}
        >
          {seasons.map((s) => {
            const code = String(s.code ?? s.id);
            return (
              <MenuItem key={code} value={code} data-testid="booking-import-season-option" data-season={code}>
                {[code, s.name].filter(Boolean).join(' · ')}
              </MenuItem>
            );
          })}
        </TextField>
        <Box
          component="label"
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            p: 2,
            border: 1,
            borderStyle: 'dashed',
            borderColor: 'divider',
            borderRadius: 1,
            cursor: 'pointer',
            flexWrap: 'wrap',
          }}
        >
          <UploadIcon color="action" />
          <Typography variant="body2" sx={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>
            {file ? file.name : translate('app.booking.import.choose')}
          </Typography>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="booking-import-file"
            aria-label={translate('app.booking.import.choose')}
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors(null);
              setMessage(null);
              setCreated(null);
            }}
          />
        </Box>
        <Button size="small" sx={{ mt: 1 }} onClick={downloadTemplate} data-testid="booking-template-link">
          {translate('app.booking.import.template')}
        </Button>
        {created ? (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="booking-import-result" data-count={created.length}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.booking.import.done', { smart_count: created.length })}
            </Typography>
            <List dense disablePadding>
              {created.map((b) => (
                <ListItem key={b.id} disableGutters data-testid="booking-import-created" data-code={b.code}>
                  <ListItemText
                    primary={`${b.code} · ${b.franchiseeName ?? b.franchiseeId}`}
                    secondary={`${f.money(b.amountFen)} · ${translate('resources.bookings.fields.prepaymentDueFen')} ${f.money(b.prepaymentDueFen)}`}
                  />
                </ListItem>
              ))}
            </List>
          </Alert>
        ) : null}
        {message ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="booking-import-message">
            {message}
          </Alert>
        ) : null}
        {errors?.length ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="booking-import-errors">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.booking.import.failed', { smart_count: errors.length })}
            </Typography>
            <List dense disablePadding>
              {errors.map((e, i) => (
                <ListItem key={i} disableGutters data-testid="booking-import-error" data-row={e.row ?? ''}>
                  <ListItemText
                    primary={[
                      e.row !== undefined ? translate('app.booking.import.row', { row: e.row }) : translate('app.booking.import.file'),
                      fieldLabel(e.field),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                    secondary={e.message}
                  />
                </ListItem>
              ))}
            </List>
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} data-testid="booking-import-close">
          {translate(created ? 'ra.action.close' : 'ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          data-testid="booking-import-confirm"
          disabled={!file || !season || mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <UploadIcon />}
          onClick={() => file && season && mutation.mutate({ s: season, f: file })}
        >
          {translate('app.booking.import.run')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};
