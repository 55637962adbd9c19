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
  type AlertProps,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { importErrors, SHEET_ACCEPT, type ImportError } from './api';
import { apiErrorInfo, errorMessage } from './errors';
import { ResponsiveDialog } from './ResponsiveDialog';

/** The i18n keys of an import dialog's texts. */
export interface ImportTexts {
  title: string;
  help: string;
  /** The drop zone's text and the file input's label. */
  choose: string;
  /** "n rows in error" (smart_count). */
  failed: string;
  /** "Row n" ({ row }). */
  row: string;
  /** An error of the file as a whole. */
  file: string;
  /** The confirm button. */
  run: string;
  /** The template button, when there is a template. */
  template?: string;
}

export interface ImportDialogProps<R> {
  open: boolean;
  onClose: () => void;
  /** Prefix of every data-testid: `<prefix>-import-dialog`, `<prefix>-import-file`, … */
  testIdPrefix: string;
  texts: ImportTexts;
  /** Sends the file (the endpoint). */
  upload: (file: File) => Promise<R>;
  /** Row-error field name (`rows.<n>.<field>`) → its label. */
  fieldLabel: (field: string) => string;
  /** Notified on success with { smart_count: count(result) }. */
  done: { message: string; count: (result: R) => number };
  /** Prefix of the i18n keys of known API error codes (`<prefix>.<code>`); else the generic message. */
  errorCodes?: string;
  /** Downloads the import template (a button below the file input). */
  template?: () => void;
  /** Shows what was imported (see ImportResultAlert); without it the dialog closes on success. */
  renderResult?: (result: R, close: () => void) => ReactNode;
  /** Inputs above the file (e.g. the season); `reset` clears a shown result. */
  renderFields?: (reset: () => void) => ReactNode;
  /** Whether the import may run besides having a file. */
  ready?: boolean;
  /** Give the close button a data-testid (`<prefix>-import-close`). */
  closeTestId?: boolean;
  /** Clear the file input after a pick, so that picking the same file again is a change too. */
  clearInput?: boolean;
  /** The file input's accept list; default CSV and Excel. */
  accept?: string;
}

/**
 * Import a CSV or Excel file into an endpoint, all or nothing: rows in error are listed (422),
 * other errors shown as a message; on success the list is refreshed and the result shown (or the
 * dialog closed).
 */
export const ImportDialog = <R,>({
  open,
  onClose,
  testIdPrefix: p,
  texts,
  upload,
  fieldLabel,
  done,
  errorCodes,
  template,
  renderResult,
  renderFields,
  ready = true,
  closeTestId = false,
  clearInput = false,
  accept = SHEET_ACCEPT,
}: ImportDialogProps<R>) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<{ value: R } | null>(null);
  const reset = () => {
    setErrors(null);
    setMessage(null);
    setFile(null);
    setResult(null);
  };
  const close = () => {
    if (mutation.isPending) return;
    reset();
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (f: File) => upload(f),
    onSuccess: (value) => {
      notify(done.message, { type: 'success', messageArgs: { smart_count: done.count(value) } });
      refresh();
      reset();
      if (renderResult) setResult({ value });
      else onClose();
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
        const known = code && errorCodes ? translate(`${errorCodes}.${code}`, { _: '' }) : '';
        setMessage(known || errorMessage(error, translate));
      }
    },
  });
  const label = (field: string | undefined) => (field ? fieldLabel(field) : '');
  return (
    <ResponsiveDialog open={open} onClose={close} data-testid={`${p}-import-dialog`}>
      <DialogTitle>{translate(texts.title)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(texts.help)}</DialogContentText>
        {renderFields?.(() => setResult(null))}
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
            {file ? file.name : translate(texts.choose)}
          </Typography>
          <input
            type="file"
            accept={accept}
            data-testid={`${p}-import-file`}
            aria-label={translate(texts.choose)}
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors(null);
              setMessage(null);
              setResult(null);
              if (clearInput) e.target.value = '';
            }}
          />
        </Box>
        {template && texts.template ? (
          <Button size="small" sx={{ mt: 1 }} onClick={template} data-testid={`${p}-template-link`}>
            {translate(texts.template)}
          </Button>
        ) : null}
        {result && renderResult ? renderResult(result.value, close) : null}
        {message ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid={`${p}-import-message`}>
            {message}
          </Alert>
        ) : null}
        {errors?.length ? (
          <Alert severity="error" sx={{ mt: 2 }} data-testid={`${p}-import-errors`}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(texts.failed, { smart_count: errors.length })}
            </Typography>
            <List dense disablePadding>
              {errors.map((e, i) => (
                <ListItem key={i} disableGutters data-testid={`${p}-import-error`} data-row={e.row ?? ''}>
                  <ListItemText
                    primary={[e.row !== undefined ? translate(texts.row, { row: e.row }) : translate(texts.file), label(e.field)]
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
        <Button onClick={close} data-testid={closeTestId ? `${p}-import-close` : undefined}>
          {translate(result ? 'ra.action.close' : 'ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          data-testid={`${p}-import-confirm`}
          disabled={!file || !ready || mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <UploadIcon />}
          onClick={() => file && ready && mutation.mutate(file)}
        >
          {translate(texts.run)}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/** What an import created: a titled list in an alert (`<testId>` with data-count). */
export const ImportResultAlert = ({
  testId,
  title,
  count,
  children,
  footer,
  ...props
}: { testId: string; title: string; count: number; children: ReactNode; footer?: ReactNode } & Omit<AlertProps, 'children' | 'title'>) => (
  <Alert severity="success" sx={{ mt: 2 }} data-testid={testId} data-count={count} {...props}>
    <Typography variant="body2" sx={{ fontWeight: 600 }}>
      {title}
    </Typography>
    <List dense disablePadding>
      {children}
    </List>
    {footer}
  </Alert>
);

/** One created item of an import: a list item with `data-testid` and `data-code`. */
export const ImportResultItem = ({
  testId,
  code,
  primary,
  secondary,
}: {
  testId: string;
  code: string;
  primary: ReactNode;
  secondary: ReactNode;
}) => (
  <ListItem disableGutters data-testid={testId} data-code={code}>
    <ListItemText primary={primary} secondary={secondary} />
  </ListItem>
);
