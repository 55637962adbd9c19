// A year's official schedule (the State Council's public holidays and 调休 make-up working
// days) as it is published, read from an ICS calendar or a CSV table. Pure: no I/O; the API
// stores the result (lib/calendar/official.ts) and the business calendar reads it.
//
// ICS (RFC 5545, as published by calendar feeds and the chinese-days package): every VEVENT
// with a DTSTART (a date, `DTSTART;VALUE=DATE:20270205`, or a date-time, whose date is taken)
// and an optional DTEND (exclusive, as RFC 5545 says; absent: the one day). Which kind of day
// an event gives, in this order:
//   1. `X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY` → working day, `…:WORK-HOLIDAY` → holiday;
//   2. a SUMMARY (else DESCRIPTION) naming work — 班 (班, 补班, 上班, 调休上班), "workday",
//      "working day", "make-up" — is a make-up working day (春节 补班, 春节(班), 班);
//   3. every other event is a holiday (春节, 春节(休), 休, 国庆节 放假, "Spring Festival").
// The day's name is the SUMMARY without those markers (春节(班) → 春节). Events wholly outside
// the year imported are ignored (a feed may span several years); an event crossing the year's
// edge contributes its days inside it.
//
// CSV: a header row, then one row per day: date (日期, YYYY-MM-DD or YYYY/M/D), kind (类型:
// holiday / 休 / 假 / 放假, or workday / 班 / 补班 / 上班), name (名称, optional). Every date must
// be in the year imported.
//
// Both: a date given twice with different kinds is an error; a year without any holiday is
// not a schedule (every year has 元旦).

export interface OfficialDay {
  date: string; // YYYY-MM-DD
  isWorkday: boolean;
  name: string;
}

export type ScheduleFormat = 'ics' | 'csv';

export type ParsedSchedule =
  { ok: true; days: OfficialDay[]; ignoredEvents: number } | { ok: false; message: string; details: Record<string, string> };

const MAX_ERRORS = 200;
/** A published event spans days, not months: a longer one is a mistake in the file. */
const MAX_EVENT_DAYS = 31;

const WORK_MARKER = /班|workday|working\s*day|make-?up|work\s*day/i;
const MARKERS =
  /[(（]\s*(休|班|补班|上班|假)\s*[)）]|调休上班|补班|上班|放假|休息|休|班|\bworkday\b|\bworking day\b|\bholiday\b|\bday off\b|\bmake-?up\b/gi;

/** The name of a day: the summary without its holiday / work markers (春节(班) → 春节). */
export function dayName(summary: string, isWorkday: boolean): string {
  const name = summary
    .replace(MARKERS, ' ')
    .replace(/[(（]\s*[)）]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return name || (isWorkday ? '调休上班' : '休息日');
}

/** Whether an event's text names a make-up working day (rule 2 above). */
export function namesWork(text: string): boolean {
  return WORK_MARKER.test(text);
}

function utcDate(y: number, m: number, d: number): Date | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt : null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** 2027-02-05, 2027/2/5, 2027.2.5 or 20270205 → 2027-02-05; null when not a date. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const d = utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return d ? iso(d) : null;
}

class Collector {
  readonly days = new Map<string, { day: OfficialDay; where: string }>();
  readonly details: Record<string, string> = {};
  private errors = 0;

  error(key: string, message: string): void {
    if (this.errors >= MAX_ERRORS || key in this.details) return;
    this.details[key] = message;
    this.errors += 1;
  }

  add(day: OfficialDay, key: string, where: string): void {
    const before = this.days.get(day.date);
    if (!before) {
      this.days.set(day.date, { day, where });
      return;
    }
    if (before.day.isWorkday !== day.isWorkday) {
      this.error(
        key,
        `${day.date} is a ${day.isWorkday ? 'working day' : 'holiday'} here but a ${before.day.isWorkday ? 'working day' : 'holiday'} at ${before.where}`,
      );
    }
  }

  result(year: number, ignoredEvents: number, what: string): ParsedSchedule {
    const days = [...this.days.values()].map((v) => v.day).sort((a, b) => a.date.localeCompare(b.date));
    if (!Object.keys(this.details).length && !days.some((d) => !d.isWorkday)) {
      this.error('file', `The ${what} holds no holiday of ${year}: not a year's official schedule`);
    }
    const bad = Object.keys(this.details).length;
    if (bad) {
      return { ok: false, message: `The ${what} has ${bad} error${bad === 1 ? '' : 's'}; nothing was imported`, details: this.details };
    }
    return { ok: true, days, ignoredEvents };
  }
}

// ---- ICS -------------------------------------------------------------------------------------

interface IcsLine {
  number: number; // the first physical line of the (unfolded) content line
  name: string;
  params: string;
  value: string;
}

/** Content lines, unfolded (a line starting with a space or tab continues the one before). */
function icsLines(text: string): IcsLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: IcsLine[] = [];
  let current: { number: number; text: string } | undefined;
  const flush = () => {
    if (!current) return;
    const colon = current.text.indexOf(':');
    const head = colon < 0 ? current.text : current.text.slice(0, colon);
    const semi = head.indexOf(';');
    out.push({
      number: current.number,
      name: (semi < 0 ? head : head.slice(0, semi)).trim().toUpperCase(),
      params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(),
      value: colon < 0 ? '' : current.text.slice(colon + 1),
    });
  };
  physical.forEach((line, i) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && current) current.text += line.slice(1);
    else {
      flush();
      current = line.trim() === '' ? undefined : { number: i + 1, text: line };
    }
  });
  flush();
  return out;
}

/** RFC 5545 text value: \, \; \n unescaped. */
function icsText(v: string): string {
  return v
    .replace(/\\n/gi, ' ')
    .replace(/\\([,;\\])/g, '$1')
    .trim();
}

/** The date of a DATE or DATE-TIME value (20270205, 20270205T000000, 20270205T000000Z). */
function icsDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  return m ? utcDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function parseScheduleIcs(text: string, year: number): ParsedSchedule {
  const c = new Collector();
  const lines = icsLines(text);
  if (!lines.some((l) => l.name === 'BEGIN' && l.value.trim().toUpperCase() === 'VCALENDAR')) {
    return { ok: false, message: 'Not an ICS calendar: no BEGIN:VCALENDAR', details: { file: 'expected an iCalendar (.ics) file' } };
  }
  let ignored = 0;
  let event: { start: number; props: Map<string, IcsLine> } | undefined;
  for (const l of lines) {
    if (l.name === 'BEGIN' && l.value.trim().toUpperCase() === 'VEVENT') {
      event = { start: l.number, props: new Map() };
      continue;
    }
    if (l.name === 'END' && l.value.trim().toUpperCase() === 'VEVENT' && event) {
      const key = `lines.${event.start}`;
      const p = event.props;
      const dtstart = p.get('DTSTART');
      const summary = icsText(p.get('SUMMARY')?.value ?? '');
      const description = icsText(p.get('DESCRIPTION')?.value ?? '');
      const start = dtstart ? icsDate(dtstart.value) : null;
      event = undefined;
      if (!dtstart) {
        c.error(key, 'the event has no DTSTART');
        continue;
      }
      if (!start) {
        c.error(`lines.${dtstart.number}`, `DTSTART ${JSON.stringify(dtstart.value)} is not a date (YYYYMMDD)`);
        continue;
      }
      const dtend = p.get('DTEND');
      let end: Date | null = new Date(start.getTime() + 86_400_000);
      if (dtend) {
        end = icsDate(dtend.value);
        // A DATE-TIME end is the instant the event ends: its day counts unless it is midnight.
        if (end && /T\d{6}/.test(dtend.value) && !/T000000/.test(dtend.value)) end = new Date(end.getTime() + 86_400_000);
        if (!end) {
          c.error(`lines.${dtend.number}`, `DTEND ${JSON.stringify(dtend.value)} is not a date (YYYYMMDD)`);
          continue;
        }
        if (end <= start) {
          c.error(`lines.${dtend.number}`, 'DTEND is not after DTSTART (DTEND is the day after the last day)');
          continue;
        }
      }
      const span = Math.round((end.getTime() - start.getTime()) / 86_400_000);
      if (span > MAX_EVENT_DAYS) {
        c.error(key, `the event spans ${span} days; a holiday or make-up day spans at most ${MAX_EVENT_DAYS}`);
        continue;
      }
      const apple = (p.get('X-APPLE-SPECIAL-DAY')?.value ?? '').trim().toUpperCase();
      const isWorkday = apple === 'ALTERNATE-WORKDAY' ? true : apple === 'WORK-HOLIDAY' ? false : namesWork(summary || description);
      const name = dayName(summary, isWorkday);
      let inYear = 0;
      for (let d = start; d < end; d = new Date(d.getTime() + 86_400_000)) {
        if (d.getUTCFullYear() !== year) continue;
        inYear += 1;
        c.add({ date: iso(d), isWorkday, name }, key, `line ${key.slice(6)}`);
      }
      if (!inYear) ignored += 1;
      continue;
    }
    if (event && !event.props.has(l.name)) event.props.set(l.name, l);
  }
  return c.result(year, ignored, 'calendar');
}

// ---- CSV -------------------------------------------------------------------------------------

const HOLIDAY_WORDS = new Set(['holiday', 'off', 'dayoff', '休', '假', '放假', '休息', '节假日', '假日']);
const WORKDAY_WORDS = new Set(['workday', 'work', 'workingday', 'makeup', 'make-up', '班', '补班', '上班', '调休上班', '工作日']);
const DATE_HEADERS = new Set(['date', '日期']);
const KIND_HEADERS = new Set(['kind', 'type', '类型', '类别']);
const NAME_HEADERS = new Set(['name', 'holiday', '名称', '节日', '假日名称']);

/** The kind of a CSV row: holiday, workday or null when unknown. */
export function csvKind(text: string): boolean | null {
  const k = text.trim().toLowerCase().replace(/\s+/g, '');
  if (HOLIDAY_WORDS.has(k)) return false;
  if (WORKDAY_WORDS.has(k)) return true;
  return null;
}

/** `rows`: the records of the file (lib/files/read.ts parseCsv), the header first. */
export function parseScheduleCsv(rows: string[][], year: number): ParsedSchedule {
  const c = new Collector();
  const norm = (s: string) =>
    s
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
  const headerAt = rows.findIndex((r) => r.some((cell) => DATE_HEADERS.has(norm(cell))));
  if (headerAt < 0) {
    return {
      ok: false,
      message: 'No header row with a date column (date / 日期)',
      details: { file: 'expected a header row: date, kind, name (日期, 类型, 名称)' },
    };
  }
  const header = rows[headerAt]!.map(norm);
  const col = (names: Set<string>) => header.findIndex((h) => names.has(h));
  const [dateCol, kindCol, nameCol] = [col(DATE_HEADERS), col(KIND_HEADERS), col(NAME_HEADERS)];
  if (kindCol < 0) {
    return {
      ok: false,
      message: 'No kind column (kind / 类型)',
      details: { [`rows.${headerAt + 1}`]: 'expected a kind column: holiday / workday (休 / 班)' },
    };
  }
  rows.forEach((cells, i) => {
    if (i <= headerAt || cells.every((x) => x.trim() === '')) return;
    const key = `rows.${i + 1}`;
    const dateText = cells[dateCol] ?? '';
    const date = parseDay(dateText);
    if (!date) return c.error(key, `date ${JSON.stringify(dateText.trim())} is not a date (YYYY-MM-DD)`);
    if (Number(date.slice(0, 4)) !== year) return c.error(key, `${date} is not in ${year}, the year imported`);
    const isWorkday = csvKind(cells[kindCol] ?? '');
    if (isWorkday === null) {
      return c.error(key, `kind ${JSON.stringify((cells[kindCol] ?? '').trim())} is neither holiday (休) nor workday (班)`);
    }
    const name = nameCol >= 0 ? (cells[nameCol] ?? '').trim() : '';
    if (name.length > 100) return c.error(key, 'name: at most 100 characters');
    const before = c.days.get(date);
    if (before && before.day.isWorkday === isWorkday) return c.error(key, `${date} is listed twice (also at ${before.where})`);
    c.add({ date, isWorkday, name: name || dayName('', isWorkday) }, key, `row ${i + 1}`);
  });
  return c.result(year, 0, 'file');
}

/** ICS when the text is a calendar, else CSV; a media type decides when it says so. */
export function scheduleFormat(text: string, mediaType: string): ScheduleFormat {
  if (mediaType === 'text/calendar') return 'ics';
  if (mediaType === 'text/csv') return 'csv';
  return /^\s*BEGIN:VCALENDAR/i.test(text.replace(/^\uFEFF/, '')) ? 'ics' : 'csv';
}
