import UploadIcon from '@mui/icons-material/UploadFile';
import { Alert, Button, MenuItem, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usePermissions, useTranslate } from 'react-admin';
import { ImportDialog } from '../common/ImportDialog';
import { importOfficialYear, type OfficialYearImport } from './api';
import { coverageQueryKey } from './CalendarWarning';

const yearChoices = () => {
  const current = new Date().getFullYear();
  return [current - 1, current, current + 1, current + 2];
};

/** The admin's import of a year's official schedule (POST /api/calendar/official-years/:year), on the calendar page. */
export const OfficialYearImportButton = () => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<string[]>();
  const roles = Array.isArray(permissions) ? permissions : [];
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  if (!roles.includes('admin')) return null;
  const k = (key: string) => `app.calendar_years.${key}`;
  return (
    <>
      <Button size="small" startIcon={<UploadIcon />} onClick={() => setOpen(true)} data-testid="calendar-official-import">
        {translate(k('import_button'))}
      </Button>
      {open ? (
        <ImportDialog<OfficialYearImport>
          open
          onClose={() => setOpen(false)}
          testIdPrefix="calendar-official"
          accept=".ics,.csv,text/calendar,text/csv"
          texts={{
            title: k('import_title'),
            help: k('import_help'),
            choose: k('choose'),
            failed: k('failed'),
            row: k('row'),
            file: k('file'),
            run: k('run'),
          }}
          upload={async (file) => {
            const result = await importOfficialYear(year, file);
            await queryClient.invalidateQueries({ queryKey: coverageQueryKey });
            return result;
          }}
          fieldLabel={(field) => {
            const line = /^lines\.(\d+)$/.exec(field);
            return line ? translate(k('line'), { line: line[1] }) : field;
          }}
          done={{ message: k('done'), count: (r) => r.rescheduled.moved.length }}
          renderFields={(reset) => (
            <TextField
              select
              size="small"
              label={translate(k('year'))}
              value={year}
              onChange={(e) => {
                setYear(Number(e.target.value));
                reset();
              }}
              sx={{ mb: 2, minWidth: 160 }}
              data-testid="calendar-official-year"
            >
              {yearChoices().map((y) => (
                <MenuItem key={y} value={y}>
                  {y}
                </MenuItem>
              ))}
            </TextField>
          )}
          renderResult={(r) => (
            <Alert severity={r.rescheduled.failed.length ? 'warning' : 'success'} sx={{ mt: 2 }} data-testid="calendar-official-result">
              {translate(k('result'), {
                year: r.year,
                holidays: r.holidays,
                workdays: r.workdays,
                changed: r.changedDates.length,
                moved: r.rescheduled.moved.length,
              })}
              {r.rescheduled.failed.length
                ? ` ${translate(k('result_failed'), {
                    smart_count: r.rescheduled.failed.length,
                    ids: r.rescheduled.failed.map((f) => f.workflowId).join(', '),
                  })}`
                : ''}
            </Alert>
          )}
        />
      ) : null}
    </>
  );
};
