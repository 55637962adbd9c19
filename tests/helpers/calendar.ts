// Tests about something else than the business calendar's missing years (issue 26) make the
// years ahead known, so that the calendar's warning (lib/calendar/official.ts: /health, the
// admins' daily digest) does not depend on the day the test runs.
import { DateTime } from 'luxon';
import { packageKnowsYear, saveOfficialSchedule } from '../../lib/calendar/official';
import type { Db } from '../../lib/db/client';

/** Imports a one-holiday (元旦) schedule for each year from this one to `years` ahead the package does not know. */
export async function knowYearsAhead(db: Db, years = 3): Promise<void> {
  const now = DateTime.now().setZone('Asia/Shanghai').year;
  for (let year = now; year <= now + years; year++) {
    if (packageKnowsYear(year)) continue;
    await saveOfficialSchedule(db, {
      year,
      days: [{ date: `${year}-01-01`, isWorkday: false, name: '元旦' }],
      source: 'csv',
      fileName: null,
      byUserId: null,
    });
  }
}
