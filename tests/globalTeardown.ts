// Once per jest run, after the last test file: stop the system the browser tests shared.
import { stopSharedSystem } from './helpers/system';

export default async function globalTeardown(): Promise<void> {
  await stopSharedSystem();
}
