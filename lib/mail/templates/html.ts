// A mail's HTML version: simple inline-styled markup (mail clients ignore style sheets), every
// piece of user text escaped.
import type { MailLocale } from '../../../domain/mail';
import type { Content } from './content';
import { tableCells, type MailTable } from './table';
import { WORDS } from './words';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A plain table; per-cell styles are kept short (row borders on <tr>, alignment as an attribute)
 * so that 200 rows stay well under the ~100 kB at which some clients clip a message.
 */
function htmlTable(t: MailTable, locale: MailLocale): string[] {
  const e = escapeHtml;
  const { cells, more } = tableCells(t);
  const [headers = [], ...rows] = cells;
  const right = (i: number) => t.align?.[i] === 'right';
  const out = [
    '<div style="overflow-x:auto;margin:8px 0 16px;">',
    '<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:13px;">',
    `<tr style="border-bottom:1px solid #c9cdd4;">${headers
      .map(
        (h, i) =>
          `<th align="${right(i) ? 'right' : 'left'}" style="padding:4px 8px;color:#86909c;font-weight:600;white-space:nowrap;">${e(h)}</th>`,
      )
      .join('')}</tr>`,
    ...rows.map(
      (r, n) =>
        `<tr style="border-bottom:1px solid #e5e6eb;">${r
          .map((c, i) => {
            const href = i === 0 && c !== '' ? t.links?.[n] : undefined;
            const content = href ? `<a href="${e(href)}" style="color:#1664ff;">${e(c)}</a>` : e(c);
            return right(i)
              ? `<td align="right" style="padding:4px 8px;white-space:nowrap;">${content}</td>`
              : `<td style="padding:4px 8px;">${content}</td>`;
          })
          .join('')}</tr>`,
    ),
    '</table>',
  ];
  if (more > 0) out.push(`<p style="margin:4px 0 0;font-size:12px;color:#86909c;">${e(WORDS[locale].moreRows(more))}</p>`);
  out.push('</div>');
  return out;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Helvetica,Arial,sans-serif";

/** recipientName greets; link (absolute) is the action's; subject is also the heading. */
export function renderHtml(
  c: Content,
  recipientName: string | undefined,
  link: string | undefined,
  locale: MailLocale,
  subject: string,
): string {
  const l = WORDS[locale];
  const e = escapeHtml;
  const p = (s: string) => `<p style="margin:0 0 12px;">${e(s)}</p>`;
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7;">`,
    `<div style="max-width:600px;margin:0 auto;padding:24px 12px;font-family:${e(FONT)};font-size:14px;line-height:1.6;color:#1f2329;">`,
    '<div style="background:#ffffff;border:1px solid #e5e6eb;border-radius:6px;padding:24px;">',
    `<p style="margin:0 0 8px;font-size:12px;color:#86909c;">${e(l.brand)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:18px;line-height:1.4;font-weight:600;">${e(subject)}</h1>`,
    p(l.greeting(recipientName)),
    ...c.intro.map(p),
  ];
  if (facts.length > 0) {
    out.push('<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px;">');
    for (const [label, value] of facts) {
      out.push(
        '<tr>',
        `<td style="padding:4px 16px 4px 0;color:#86909c;white-space:nowrap;vertical-align:top;">${e(label)}</td>`,
        `<td style="padding:4px 0;vertical-align:top;">${e(value)}</td>`,
        '</tr>',
      );
    }
    out.push('</table>');
  }
  if (c.table && c.table.rows.length > 0) out.push(...htmlTable(c.table, locale));
  if (c.quote?.text) {
    out.push(
      `<p style="margin:0 0 4px;color:#86909c;">${e(c.quote.label)}</p>`,
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c9cdd4;background:#f7f8fa;color:#4e5969;">${c.quote.text
        .split(/\r?\n/)
        .map(e)
        .join('<br>')}</blockquote>`,
    );
  }
  if (c.block) {
    out.push(
      '<div style="margin:0 0 16px;padding:12px 16px;background:#f7f8fa;border:1px solid #e5e6eb;border-radius:4px;">',
      `<p style="margin:0 0 8px;font-weight:600;">${e(c.block.title)}</p>`,
      ...(c.block.text ? [`<p style="margin:0 0 8px;">${c.block.text.split(/\r?\n/).map(e).join('<br>')}</p>`] : []),
      ...c.block.sentences.map((s) => `<p style="margin:0;">${e(s)}</p>`),
      '</div>',
    );
  }
  if (link) {
    out.push(
      `<p style="margin:20px 0 12px;"><a href="${e(link)}" style="display:inline-block;padding:10px 20px;background:#1664ff;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600;">${e(c.action)}</a></p>`,
      `<p style="margin:0;font-size:12px;color:#86909c;">${e(l.linkHint)}<br><a href="${e(link)}" style="color:#1664ff;word-break:break-all;">${e(link)}</a></p>`,
    );
  }
  out.push(
    '</div>',
    `<p style="margin:12px 0 0;font-size:12px;color:#86909c;text-align:center;">${e(l.footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}
