import ResubmitIcon from '@mui/icons-material/Replay';
import UrgeIcon from '@mui/icons-material/Campaign';
import WithdrawIcon from '@mui/icons-material/Undo';
import { Button, CircularProgress, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { useDataProvider, useGetIdentity, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import { errorMessage, hasAnyRole, ResponsiveDialog, type Process } from '../common';
import type { AppDataProvider, ProcessAction } from '../dataProvider';

const ACTIONS: Record<
  ProcessAction,
  { icon: ReactElement; field: 'reason' | 'comment'; color: 'error' | 'warning' | 'primary'; testId: string }
> = {
  withdraw: { icon: <WithdrawIcon />, field: 'reason', color: 'error', testId: 'withdraw-button' },
  urge: { icon: <UrgeIcon />, field: 'comment', color: 'warning', testId: 'urge-button' },
  resubmit: { icon: <ResubmitIcon />, field: 'comment', color: 'primary', testId: 'process-resubmit-button' },
};

const ActionDialog = ({ process, action, onClose }: { process: Process; action: ProcessAction; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [text, setText] = useState('');
  const { icon, field, color } = ACTIONS[action];
  const mutation = useMutation({
    mutationFn: () => dataProvider.processAction(process.id, action, text.trim() ? { [field]: text.trim() } : {}),
    onSuccess: (result) => {
      const notified = (result as { notified?: number }).notified;
      notify(`app.process.${action}_done`, { type: 'success', messageArgs: { smart_count: notified ?? 0 } });
      refresh();
      onClose();
    },
    onError: (error) => {
      notify(errorMessage(error, translate), { type: 'error', multiLine: true });
      refresh();
      onClose();
    },
  });
  return (
    <ResponsiveDialog open onClose={onClose} data-testid="process-action-dialog" data-action={action}>
      <DialogTitle>{translate(`app.process.${action}_title`)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(`app.process.${action}_help`, { title: process.title })}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          label={translate(`app.process.${field}`)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'process-action-text', maxLength: 2000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color={color}
          data-testid="process-action-confirm"
          disabled={mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : icon}
          onClick={() => mutation.mutate()}
        >
          {translate(`app.action.${action}`)}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

/** The submitter's actions: withdraw (撤回), urge (催办), resubmit after a send back. */
export const ProcessActions = ({ process }: { process: Process }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState<ProcessAction | null>(null);
  const isSubmitter = !!identity && !!process.submitterId && String(identity.id) === process.submitterId;
  const isAdmin = hasAnyRole(permissions, ['admin']);
  const live = process.status === 'running' || process.status === 'sent_back';
  const available: ProcessAction[] = [];
  if (isSubmitter && live) available.push('withdraw');
  if ((isSubmitter || isAdmin) && process.status === 'running') available.push('urge');
  if ((isSubmitter || isAdmin) && process.status === 'sent_back') available.push('resubmit');
  if (!available.length) return null;
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
      {available.map((action) => (
        <Button
          key={action}
          size="small"
          variant={action === 'resubmit' ? 'contained' : 'outlined'}
          color={ACTIONS[action].color}
          startIcon={ACTIONS[action].icon}
          data-testid={ACTIONS[action].testId}
          onClick={() => setOpen(action)}
        >
          {translate(`app.action.${action}`)}
        </Button>
      ))}
      {open ? <ActionDialog process={process} action={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
};

export default ProcessActions;
