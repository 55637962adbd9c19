// The linter is what keeps workflow code deterministic; prove its rules bite.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

const probe = path.resolve(__dirname, '../workflows/__lintProbe.ts');

test('workflow code may not import Node built-ins or activity values, nor float promises', async () => {
  writeFileSync(
    probe,
    [
      "import fs from 'node:fs';",
      "import { createActivities } from '../activities';",
      "import type { Activities } from '../activities';",
      'export async function probe(a: Activities): Promise<void> {',
      '  void fs; void createActivities; void a;',
      '  Promise.resolve(1);',
      '}',
      '',
    ].join('\n'),
  );
  try {
    // ESLint loads its config with a dynamic import, which jest's VM cannot: run the CLI.
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', probe], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { line: number; ruleId: string }[] }[];
    const found = result!.messages.map((m) => `${m.line}:${m.ruleId}`);
    expect(found).toEqual(
      expect.arrayContaining(['1:no-restricted-imports', '2:no-restricted-imports', '6:@typescript-eslint/no-floating-promises']),
    );
    expect(found.filter((f) => f.startsWith('3:'))).toEqual([]); // a type import is fine
  } finally {
    rmSync(probe, { force: true });
  }
});
