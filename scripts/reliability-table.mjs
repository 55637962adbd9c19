// Turns the rows the fault, bad-input, authorization and race tests recorded
// (test-output/reliability/*.json, see tests/faults/report.ts) into a Markdown table.
// Usage: node scripts/reliability-table.mjs [output.md]  (default test-output/reliability.md)
//        node scripts/reliability-table.mjs --reset   (before a run: forget earlier runs' rows)
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test-output/reliability');
if (process.argv[2] === '--reset') {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const out = path.resolve(root, process.argv[2] ?? 'test-output/reliability.md');
const order = ['fault', 'race', 'bad input', 'authorization'];
const rows = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.id.localeCompare(b.id))
  : [];
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const configurations = [...new Set(rows.map((r) => r.configuration))].join(', ') || 'none';
const lost = rows.reduce((n, r) => n + r.lost, 0);
const resent = rows.reduce((n, r) => n + (r.resent ?? 0), 0);
const lines = [
  '# Reliability and security: what was tried, and what happened',
  '',
  `Written by the test run itself (\`tests/faults/\`, configuration: ${configurations}; ` +
    `${rows.length} classes; ${lost} accepted decisions, payments, scans, tasks or mails lost or doubled in all; ` +
    `${resent} mails resent with the same Message-ID in the window SMTP cannot close). ` +
    '`npm run test:faults` runs the full configuration and rewrites this file; `npm test` runs ' +
    'the same tests in a short configuration and writes `test-output/reliability.md`.',
  '',
  '| kind | fault or input class | runs | checked afterwards | outcome | lost or doubled | mails resent ¹ |',
  '| --- | --- | ---: | --- | --- | ---: | ---: |',
  ...rows.map(
    (r) => `| ${r.kind} | ${cell(r.tried)} | ${r.runs} | ${cell(r.checked)} | ${cell(r.outcome)} | ${r.lost} | ${r.resent ?? 0} |`,
  ),
  '',
  '¹ The SMTP server took the message, then the connection or the worker died before its reply was recorded; ' +
    'the retry sends the identical message again with the same Message-ID (mail clients show it once). SMTP has no ' +
    'two-phase commit, so no sender can close this window; the alternative, at-most-once, would lose reminders ' +
    '(see `activities/mail.ts`).',
  '',
];
writeFileSync(out, lines.join('\n'));
console.log(`reliability table: ${rows.length} rows → ${path.relative(root, out)}`);
