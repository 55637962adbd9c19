import { useTranslate } from 'react-admin';
import { ImportDialog as SheetImportDialog } from '../common/ImportDialog';
import { importLines } from './api';
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
  return (
    <SheetImportDialog
      open={open}
      onClose={onClose}
      testIdPrefix="plan"
      texts={{
        title: 'app.plan.import_title',
        help: 'app.plan.import_help',
        choose: 'app.plan.import_choose',
        failed: 'app.plan.import_failed',
        row: 'app.plan.import_row',
        file: 'app.plan.import_file',
        run: 'app.plan.import',
      }}
      upload={(file) => importLines(plan.id, file)}
      fieldLabel={(field) => translate(`resources.plans.fields.${FIELD_KEYS[field] ?? field}`, { _: field })}
      done={{ message: 'app.plan.imported', count: (result) => result?.revision?.lines?.length ?? 0 }}
    />
  );
};

export default ImportDialog;
