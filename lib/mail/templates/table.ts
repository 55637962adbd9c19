// The tables of the mails (the lines of a booking statement, of a price adjustment, the overdue
// tasks of a digest): what a template gives and the cells both renderers lay out.

/** A table of a mail; every cell is user text. */
export interface MailTable {
  headers: string[];
  rows: string[][];
  /** Per column; absent means left. Numbers read better right-aligned. */
  align?: ('left' | 'right')[];
  /** Per row: an absolute URL the row's first cell links to in HTML (the text version has none). */
  links?: (string | undefined)[];
}

/** A table shows at most this many rows, then a note of how many more there are. */
export const MAX_TABLE_ROWS = 200;

/** The table's header and shown rows as single-line cells, every row as long as the widest; and how many rows are not shown. */
export function tableCells(t: MailTable): { cells: string[][]; more: number } {
  const shown = t.rows.slice(0, MAX_TABLE_ROWS);
  const cols = Math.max(t.headers.length, ...shown.map((r) => r.length));
  const cell = (c: unknown) => (typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : '');
  const cells = [t.headers, ...shown].map((r) => Array.from({ length: cols }, (_, i) => cell(r[i])));
  return { cells, more: Math.max(0, t.rows.length - shown.length) };
}
