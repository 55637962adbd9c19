import ClearanceIcon from '@mui/icons-material/Sell';
import ReturnIcon from '@mui/icons-material/AssignmentReturn';
import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { conditionColor, returnStatusColor, type ReturnRequest } from './types';

/** Refused / rejected red, waiting for someone orange, moving blue, completed green. */
export const ReturnStatusChip = ({ status, ...props }: { status: string | undefined } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={returnStatusColor(status)}
      variant={status === 'checking' || status === 'withdrawn' ? 'outlined' : 'filled'}
      label={translate(`app.return.status.${status}`, { _: status })}
      data-status={status}
      {...props}
    />
  );
};

export const ReturnStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<ReturnRequest>();
  return <ReturnStatusChip status={record?.status} data-testid="return-status-chip" />;
};

/** 返仓 / 清货. */
export const KindChip = ({ kind }: { kind: string | undefined }) => {
  const translate = useTranslate();
  if (!kind) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={kind === 'clearance' ? 'secondary' : 'primary'}
      icon={kind === 'clearance' ? <ClearanceIcon /> : <ReturnIcon />}
      label={translate(`app.return.kind.${kind}`, { _: kind })}
      data-kind={kind}
    />
  );
};

export const KindField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<ReturnRequest>();
  return <KindChip kind={record?.kind} />;
};

/** 正品 / 残次 / 污损. */
export const ConditionChip = ({ condition }: { condition: string }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant={condition === 'new' ? 'outlined' : 'filled'}
      color={conditionColor(condition)}
      label={translate(`app.return.condition.${condition}`, { _: condition })}
      data-testid="return-condition"
      data-condition={condition}
    />
  );
};
