// A mail's plain-text version: the content model laid out as lines, tables padded to line up in a
// monospaced font.
import type { MailLocale } from '../../../domain/mail';
import type { Content } from './content';
import { tableCells, type MailTable } from './table';
import { WORDS } from './words';

/** Columns a terminal or a monospaced font gives a character: 2 for CJK and full-width forms. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

function textTable(t: MailTable, locale: MailLocale): string[] {
  const { cells, more } = tableCells(t);
  const widths = (cells[0] ?? []).map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const lines = cells.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return t.align?.[i] === 'right' ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
  if (more > 0) lines.push(WORDS[locale].moreRows(more));
  return lines;
}

/** recipientName greets; link (absolute) is the action's. */
export function renderText(c: Content, recipientName: string | undefined, link: string | undefined, locale: MailLocale): string {
  const l = WORDS[locale];
  const lines: string[] = [l.greeting(recipientName), ''];
  for (const p of c.intro) lines.push(p, '');
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  if (facts.length > 0) {
    for (const [label, value] of facts) lines.push(`${label}${l.colon}${value}`);
    lines.push('');
  }
  if (c.table && c.table.rows.length > 0) lines.push(...textTable(c.table, locale), '');
  if (c.quote?.text) {
    lines.push(`${c.quote.label}${l.colon}`.trimEnd());
    for (const q of c.quote.text.split(/\r?\n/)) lines.push(`> ${q}`);
    lines.push('');
  }
  if (c.block) {
    lines.push(`${c.block.title}${l.colon}`.trimEnd());
    if (c.block.text) lines.push(...c.block.text.split(/\r?\n/));
    lines.push(...c.block.sentences, '');
  }
  if (link) lines.push(`${c.action}${l.colon}${link}`, '');
  lines.push('--', l.footer);
  return `${lines.join('\n')}\n`;
}
