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
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { errorMessage, ResponsiveDialog } from '../common';
import { importErrors, importLines, type ImportError } from './api';
import type { Plan } from './types';

const FIELD_KEYS: Record<string, string> = {
  category: 'category',
  region: 'regionId',
  regionId: 'regionId',
  store: 'storeId',
  storeId: 'storeId',
  qty: 'qty',
  amount: 'amountYuan',
  amountFen: 'amountYuan',
};

/** Import the lines from a CSV or Excel file (PUT /api/plans/:id/lines); rows in error are listed. */
export const ImportDialog = ({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fieldLabel = (field: string | undefined) =>
    field ? translate(`resources.plans.fields.${FIELD_KEYS[field] ?? field}`, { _: field }) : '';
  const mutation = useMutation({
    mutationFn: (f: File) => importLines(plan.id, f),
    onSuccess: (result) => {
      const count = result?.revision?.lines?.length;
      notify('app.plan.imported', { type: 'success', messageArgs: { smart_count: count ?? 0 } });
      refresh();
      setFile(null);
      onClose();
    },
    onError: (error) => {
      if (error instanceof HttpError && error.status === 422) {
        const list = importErrors(error);
        setErrors(list);
        setMessage(list.length ? null : errorMessage(error, translate));
      } else {
        setErrors(null);
        setMessage(errorMessage(error, translate));
      }
    },
  });
  const close = () => {
    if (mutation.isPending) return;
    setErrors(null);
    setMessage(null);
    setFile(null);
    onClose();
  };
  return (
    <ResponsiveDialog open={open} onClose={close} data-testid="plan-import-dialog">
      <DialogTitle>{translate('app.plan.import_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.plan.import_help')}</DialogContentText>
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
            {file ? file.name : translate('app.plan.import_choose')}
          </Typography>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="plan-import-file"
            aria-label={translate('app.plan.import_choose')}
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors(null);
              setMessage(null);
            }}
          />
        </Box>
        {message ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="plan-import-message">
            {message}
          </Alert>
        ) : null}
        {errors?.length ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="plan-import-errors">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate('app.plan.import_failed', { smart_count: errors.length })}
            </Typography>
            <List dense disablePadding>
              {errors.map((e, i) => (
                <ListItem key={i} disableGutters data-testid="plan-import-error" data-row={e.row ?? ''}>
                  <ListItemText
                    primary={[
                      e.row !== undefined ? translate('app.plan.import_row', { row: e.row }) : translate('app.plan.import_file'),
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
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          data-testid="plan-import-confirm"
          disabled={!file || mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <UploadIcon />}
          onClick={() => file && mutation.mutate(file)}
        >
          {translate('app.plan.import')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

export default ImportDialog;
