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
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, LinkBase, useNotify, useRefresh, useTranslate } from 'react-admin';
import { apiErrorInfo, errorMessage, ResponsiveDialog, useFormatters } from '../common';
import { importErrors, type ImportError } from '../plans/api';
import { downloadTemplate, importShipments, type ImportResult } from './api';
import { useNumber } from './fields';

/** Row-error field names of the import (`rows.<n>.<field>`) → the header of the sheet. */
const FIELD_KEYS: Record<string, string> = {
  externalRef: 'externalRef',
  发货单号: 'externalRef',
  sku: 'sku',
  款号: 'sku',
  size: 'size',
  尺码: 'size',
  qty: 'qty',
  数量: 'qty',
  expectedArrival: 'expectedArrival',
  预计到货: 'expectedArrival',
  bookingCode: 'bookingCode',
  订单号: 'bookingCode',
  carrier: 'carrier',
  trackingNo: 'trackingNo',
};

/**
 * Import head office's shipping list (POST /api/shipments/import, the file as the body): one
 * shipment per 发货单号, all or nothing; 发货单号 imported before are skipped and named. Row
 * errors are listed; on success the shipments created are named and the list refreshed.
 */
export const ImportDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const f = useFormatters();
  const num = useNumber();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const fieldLabel = (field: string | undefined) =>
    field ? translate(`resources.shipments.fields.${FIELD_KEYS[field] ?? field}`, { _: field }) : '';
  const mutation = useMutation({
    mutationFn: (f: File) => importShipments(f),
    onSuccess: (res) => {
      setResult(res);
      setErrors(null);
      setMessage(null);
      setFile(null);
      notify('app.shipment.import.done', { type: 'success', messageArgs: { smart_count: res.shipments.length } });
      refresh();
    },
    onError: (error) => {
      setResult(null);
      if (error instanceof HttpError && error.status === 422) {
        const list = importErrors(error);
        setErrors(list);
        setMessage(list.length ? null : errorMessage(error, translate));
      } else {
        setErrors(null);
        const { code } = apiErrorInfo(error);
        const known = code ? translate(`app.shipment.error.${code}`, { _: '' }) : '';
        setMessage(known || errorMessage(error, translate));
      }
    },
  });
  const close = () => {
    if (mutation.isPending) return;
    setErrors(null);
    setMessage(null);
    setFile(null);
    setResult(null);
    onClose();
  };
  return (
    <ResponsiveDialog open={open} onClose={close} data-testid="shipment-import-dialog">
      <DialogTitle>{translate('app.shipment.import.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.shipment.import.help')}</DialogContentText>
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
            {file ? file.name : translate('app.shipment.import.choose')}
          </Typography>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="shipment-import-file"
            aria-label={translate('app.shipment.import.choose')}
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors(null);
              setMessage(null);
              setResult(null);
              // Cleared, so that picking the same file again (fixed, or once more) is a change too.
              e.target.value = '';
            }}
          />
        </Box>
        <Button size="small" sx={{ mt: 1 }} onClick={downloadTemplate} data-testid="shipment-template-link">
          {translate('app.shipment.import.template')}
        </Button>
        {result ? (
          <Alert
            severity={result.shipments.length ? 'success' : 'info'}
            sx={{ mt: 2 }}
            data-testid="shipment-import-result"
            data-count={result.shipments.length}
            data-skipped={result.skipped.length}
          >
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.shipment.import.done', { smart_count: result.shipments.length })}
            </Typography>
            <List dense disablePadding>
              {result.shipments.map((s) => (
                <ListItem key={s.id} disableGutters data-testid="shipment-import-created" data-code={s.code}>
                  <ListItemText
                    primary={
                      <LinkBase to={`/shipments/${encodeURIComponent(s.id)}/show`} onClick={close}>
                        {[s.code, s.externalRef].filter(Boolean).join(' · ')}
                      </LinkBase>
                    }
                    secondary={`${num(s.totalQty)} ${translate('app.shipment.pcs')} · ${translate('resources.shipments.fields.expectedArrival')} ${f.dateTime(s.expectedArrival)}`}
                  />
                </ListItem>
              ))}
            </List>
            {result.skipped.length ? (
              <Typography variant="body2" sx={{ mt: 1 }} data-testid="shipment-import-skipped">
                {translate('app.shipment.import.skipped', { smart_count: result.skipped.length, refs: result.skipped.join('、') })}
              </Typography>
            ) : null}
          </Alert>
        ) : null}
        {message ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="shipment-import-message">
            {message}
          </Alert>
        ) : null}
        {errors?.length ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="shipment-import-errors">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.shipment.import.failed', { smart_count: errors.length })}
            </Typography>
            <List dense disablePadding>
              {errors.map((e, i) => (
                <ListItem key={i} disableGutters data-testid="shipment-import-error" data-row={e.row ?? ''}>
                  <ListItemText
                    primary={[
                      e.row !== undefined ? translate('app.shipment.import.row', { row: e.row }) : translate('app.shipment.import.file'),
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
        <Button onClick={close} data-testid="shipment-import-close">
          {translate(result ? 'ra.action.close' : 'ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          data-testid="shipment-import-confirm"
          disabled={!file || mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <UploadIcon />}
          onClick={() => file && mutation.mutate(file)}
        >
          {translate('app.shipment.import.run')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};
