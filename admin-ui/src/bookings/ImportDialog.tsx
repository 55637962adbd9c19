import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { ImportDialog as SheetImportDialog, ImportResultAlert, ImportResultItem } from '../common/ImportDialog';
import { SeasonSelect, useSeasons } from '../common/SeasonSelect';
import { downloadTemplate, importBookings } from './api';

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

/**
 * Import an order sheet (POST /api/bookings/import?season=…, the file as the body): one booking
 * per franchisee in the sheet, all or nothing. Row errors are listed; on success the bookings
 * created are named and the list refreshed.
 */
export const ImportDialog = ({ open, onClose, defaultSeason }: { open: boolean; onClose: () => void; defaultSeason?: string }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const [season, setSeason] = useState(defaultSeason ?? '');
  const seasons = useSeasons(season, setSeason, open);
  return (
    <SheetImportDialog
      open={open}
      onClose={onClose}
      testIdPrefix="booking"
      texts={{
        title: 'app.booking.import.title',
        help: 'app.booking.import.help',
        choose: 'app.booking.import.choose',
        failed: 'app.booking.import.failed',
        row: 'app.booking.import.row',
        file: 'app.booking.import.file',
        run: 'app.booking.import.run',
        template: 'app.booking.import.template',
      }}
      upload={(file) => importBookings(season, file)}
      ready={!!season}
      fieldLabel={(field) => translate(`resources.bookings.fields.${FIELD_KEYS[field] ?? field}`, { _: field })}
      done={{ message: 'app.booking.import.done', count: (bookings) => bookings.length }}
      errorCodes="app.booking.error"
      template={downloadTemplate}
      closeTestId
      renderFields={(reset) => (
        <SeasonSelect
          seasons={seasons}
          value={season}
          onChange={(code) => {
            setSeason(code);
            reset();
          }}
          fullWidth
          required
          label={translate('resources.bookings.fields.season')}
          sx={{ mb: 2 }}
          testId="booking-import-season"
          optionTestId="booking-import-season-option"
        />
      )}
      renderResult={(created) => (
        <ImportResultAlert
          testId="booking-import-result"
          count={created.length}
          title={translate('app.booking.import.done', { smart_count: created.length })}
        >
          {created.map((b) => (
            <ImportResultItem
              key={b.id}
              testId="booking-import-created"
              code={b.code}
              primary={`${b.code} · ${b.franchiseeName ?? b.franchiseeId}`}
              secondary={`${f.money(b.amountFen)} · ${translate('resources.bookings.fields.prepaymentDueFen')} ${f.money(b.prepaymentDueFen)}`}
            />
          ))}
        </ImportResultAlert>
      )}
    />
  );
};
