import SendIcon from '@mui/icons-material/Send';
import { Alert, Button, CircularProgress, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { errorMessage, ResponsiveDialog } from '../common';
import { submitPlan } from './api';
import { usePlanForm, usePlanSaver } from './PlanForm';
import type { Plan } from './types';

/**
 * Submit (draft: starts the approval) or resubmit (sent back: the chain resumes at the step that
 * sent it back), with an optional comment. Unsaved changes of the grid are saved first.
 */
export const SubmitDialog = ({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const form = usePlanForm();
  const saver = usePlanSaver();
  const [comment, setComment] = useState('');
  const resubmit = plan.status === 'sent_back';
  const dirty = !!form?.formState.isDirty;
  const mutation = useMutation({
    mutationFn: async () => {
      if (form && saver && form.formState.isDirty) {
        const valid = await form.trigger();
        if (!valid) return 'invalid' as const;
        const saved = await saver.save(form.getValues());
        if (!saved) return 'invalid' as const;
      }
      return submitPlan(plan.id, comment);
    },
    onSuccess: (result) => {
      if (result === 'invalid') {
        notify('ra.message.invalid_form', { type: 'error' });
      } else {
        notify(resubmit ? 'app.plan.resubmitted' : 'app.plan.submitted', { type: 'success' });
        setComment('');
      }
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
    <ResponsiveDialog open={open} onClose={() => !mutation.isPending && onClose()} data-testid="plan-submit-dialog">
      <DialogTitle>{translate(resubmit ? 'app.plan.resubmit_title' : 'app.plan.submit_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate(resubmit ? 'app.plan.resubmit_help' : 'app.plan.submit_help', { title: plan.title })}
        </DialogContentText>
        {dirty ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('app.plan.save_before_submit')}
          </Alert>
        ) : null}
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          label={translate('app.plan.submit_comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'plan-submit-comment', maxLength: 2000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={mutation.isPending}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          data-testid="plan-submit-confirm"
          disabled={mutation.isPending}
          startIcon={mutation.isPending ? <CircularProgress size={16} /> : <SendIcon />}
          onClick={() => mutation.mutate()}
        >
          {translate(resubmit ? 'app.plan.resubmit' : 'app.plan.submit')}
        </Button>
      </DialogActions>
    </ResponsiveDialog>
  );
};

export default SubmitDialog;
