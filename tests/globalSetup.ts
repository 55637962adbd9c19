// Once per jest run: the workflow bundle every test worker and every spawned system loads
// (bundling it per test file cost seconds each).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '../lib/temporal/worker';
import { stopSharedSystem } from './helpers/system';

export default async function globalSetup(): Promise<void> {
  // A shared system left running by an interrupted run holds that run's data: each run starts its own.
  await stopSharedSystem();
  if (process.env.WORKFLOW_BUNDLE_PATH) return;
  const dir = path.join(__dirname, '..', 'test-output');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, (await bundleWorkflows()).code);
  process.env.WORKFLOW_BUNDLE_PATH = file;
}
