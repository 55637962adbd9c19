// The workflow code, bundled once per test run (tests/globalSetup.ts writes it and names it in
// WORKFLOW_BUNDLE_PATH, which the systems a test spawns inherit); bundled here when a test file
// runs on its own without it.
import { readFileSync } from 'node:fs';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflows } from '../../lib/temporal/worker';

let bundle: Promise<WorkflowBundle> | undefined;

export function testBundle(): Promise<WorkflowBundle> {
  const file = process.env.WORKFLOW_BUNDLE_PATH;
  bundle ??= file ? Promise.resolve({ code: readFileSync(file, 'utf8') }) : bundleWorkflows();
  return bundle;
}
