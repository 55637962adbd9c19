import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Button, CircularProgress } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { codeMessage, errorMessage, type Task } from '../common';
import type { AppDataProvider } from '../dataProvider';

/** Approves the selected tasks in one call (POST /api/tasks/decisions) and sums up the outcome. */
export const BulkApproveButton = () => {
  const { selectedIds, data, onUnselectItems } = useListContext<Task>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const approve = useMutation({
    mutationFn: () => dataProvider.decideTasks({ taskIds: selectedIds, decision: 'approve' }),
    onSuccess: ({ results }) => {
      const ok = results.filter((r) => r.ok).length;
      const failed = results.filter((r) => !r.ok);
      if (!failed.length) {
        notify('app.inbox.bulk_all_ok', { type: 'success', messageArgs: { smart_count: ok } });
      } else {
        const titleOf = (id: string) => data?.find((t) => String(t.id) === id)?.title ?? id;
        const reasons = failed.map((r) => `${titleOf(r.id)}：${codeMessage(r.error, translate)}`).join('；');
        notify('app.inbox.bulk_some_failed', {
          type: ok ? 'warning' : 'error',
          multiLine: true,
          autoHideDuration: 10000,
          messageArgs: { ok, failed: failed.length, reasons },
        });
      }
      onUnselectItems();
      refresh();
    },
    onError: (error) => {
      notify(errorMessage(error, translate), { type: 'error', multiLine: true });
      refresh();
    },
  });
  return (
    <Button
      size="small"
      variant="contained"
      color="success"
      data-testid="bulk-approve-button"
      disabled={!selectedIds.length || approve.isPending}
      startIcon={approve.isPending ? <CircularProgress size={14} color="inherit" /> : <DoneAllIcon />}
      onClick={(event) => {
        event.stopPropagation();
        approve.mutate();
      }}
    >
      {translate('app.inbox.bulk_approve', { smart_count: selectedIds.length })}
    </Button>
  );
};

export default BulkApproveButton;
