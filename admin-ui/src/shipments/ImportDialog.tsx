import { Typography } from '@mui/material';
import { LinkBase, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { ImportDialog as SheetImportDialog, ImportResultAlert, ImportResultItem } from '../common/ImportDialog';
import { downloadTemplate, importShipments } from './api';
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
  const f = useFormatters();
  const num = useNumber();
  return (
    <SheetImportDialog
      open={open}
      onClose={onClose}
      testIdPrefix="shipment"
      texts={{
        title: 'app.shipment.import.title',
        help: 'app.shipment.import.help',
        choose: 'app.shipment.import.choose',
        failed: 'app.shipment.import.failed',
        row: 'app.shipment.import.row',
        file: 'app.shipment.import.file',
        run: 'app.shipment.import.run',
        template: 'app.shipment.import.template',
      }}
      upload={importShipments}
      fieldLabel={(field) => translate(`resources.shipments.fields.${FIELD_KEYS[field] ?? field}`, { _: field })}
      done={{ message: 'app.shipment.import.done', count: (res) => res.shipments.length }}
      errorCodes="app.shipment.error"
      template={downloadTemplate}
      closeTestId
      clearInput
      renderResult={(result, close) => (
        <ImportResultAlert
          severity={result.shipments.length ? 'success' : 'info'}
          testId="shipment-import-result"
          count={result.shipments.length}
          data-skipped={result.skipped.length}
          title={translate('app.shipment.import.done', { smart_count: result.shipments.length })}
          footer={
            result.skipped.length ? (
              <Typography variant="body2" sx={{ mt: 1 }} data-testid="shipment-import-skipped">
                {translate('app.shipment.import.skipped', { smart_count: result.skipped.length, refs: result.skipped.join('、') })}
              </Typography>
            ) : null
          }
        >
          {result.shipments.map((s) => (
            <ImportResultItem
              key={s.id}
              testId="shipment-import-created"
              code={s.code}
              primary={
                <LinkBase to={`/shipments/${encodeURIComponent(s.id)}/show`} onClick={close}>
                  {[s.code, s.externalRef].filter(Boolean).join(' · ')}
                </LinkBase>
              }
              secondary={`${num(s.totalQty)} ${translate('app.shipment.pcs')} · ${translate('resources.shipments.fields.expectedArrival')} ${f.dateTime(s.expectedArrival)}`}
            />
          ))}
        </ImportResultAlert>
      )}
    />
  );
};
