// Security hardening, tried on the real API (real PostgreSQL): tokens expire, login guessing is
// rate-limited, passwords are hashed and never answered, security headers on every response,
// CORS only for configured origins, and no secret in the logs.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { mailActivities } from '../../activities/mail';
import { openApiDocument } from '../../api/openapi';
import { LOGIN_MAX_FAILURES_PER_IP, LOGIN_MAX_FAILURES_PER_USER, LOGIN_WINDOW_MS } from '../../api/security';
import { signToken } from '../../lib/auth/tokens';
import { DEV_UI_ORIGINS, loadConfig } from '../../lib/config';
import { setLogLevel } from '../../lib/logger';
import { createMailTransport } from '../../lib/mail/transport';
import { startTestApi, type TestApi } from '../helpers/api';
import { openTestDb } from '../helpers/postgres';
import { startSmtpServer } from '../helpers/smtp';
import { recordReliability, runs } from './report';

jest.setTimeout(120_000);

const ALLOWED_ORIGIN = 'https://ui.example.com';
let t: Awaited<ReturnType<typeof openTestDb>>;
let api: TestApi;
beforeAll(async () => {
  t = await openTestDb();
  api = await startTestApi({ db: t.db, databaseUrl: t.url, env: { CORS_ORIGINS: `${ALLOWED_ORIGIN},http://127.0.0.1:5173` } });
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

/** A raw HTTP request, so that Origin and X-Forwarded-For are sent as given. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      api.url + path,
      {
        method,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
/** Logs in from a given client address (the API trusts X-Forwarded-For from loopback only). */
const login = (username: string, password: string, ip: string) =>
  raw('POST', '/api/auth/login', { 'x-forwarded-for': ip }, { username, password });

describe('tokens', () => {
  test('a token lives 12 hours: one issued 12 h − 1 min ago works, one issued 12 h + 1 min ago is 401 invalid_token', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'manager' } });
    const issuedAgo = (ms: number) => {
      const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.now() - ms);
      try {
        return signToken({ sub: user.id, username: user.username }, api.config.jwtSecret!);
      } finally {
        spy.mockRestore();
      }
    };
    const fresh = issuedAgo(12 * 3600_000 - 60_000);
    const stale = issuedAgo(12 * 3600_000 + 60_000);
    const claims = jwt.decode(fresh) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    expect((await api.request('GET', '/api/me', { token: fresh })).status).toBe(200);
    const res = await api.request('GET', '/api/me', { token: stale });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
    // A token the API signs at login carries the same lifetime.
    const issued = jwt.decode(await api.login('manager')) as { iat: number; exp: number };
    expect(issued.exp - issued.iat).toBe(12 * 3600);
    recordReliability({
      id: 'token-expiry',
      kind: 'authorization',
      tried: 'Tokens signed with the real secret 12 h − 1 min and 12 h + 1 min before the request, and a fresh login token',
      runs: 3,
      checked: 'The older one is refused with 401 invalid_token, the younger one accepted; every token carries a 12-hour lifetime',
      outcome: 'expired token refused, valid token accepted, lifetime 12 h',
      lost: 0,
    });
  });
});

describe('login rate limit', () => {
  test(`${LOGIN_MAX_FAILURES_PER_USER} failed logins lock the username out (429 too_many_attempts, Retry-After), even with the right password; a success resets`, async () => {
    const rounds = runs(2, 6);
    for (let round = 0; round < rounds; round++) {
      const user = `locked${round}`;
      await t.db.user.create({
        data: {
          username: user,
          name: user,
          email: `${user}@example.com`,
          roles: ['specialist'],
          passwordHash: (await t.db.user.findUniqueOrThrow({ where: { username: 'specialist' } })).passwordHash,
        },
      });
      // Failures from several addresses add up for one username.
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_USER; i++) {
        const res = await login(user, `wrong-${i}`, `10.1.${round}.${i % 3}`);
        expect(res.status).toBe(401);
      }
      const locked = await login(user, 'specialist', `10.2.${round}.1`);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('too_many_attempts');
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
      // Another user from the same address is not affected.
      expect((await login('specialist', 'specialist', `10.2.${round}.1`)).status).toBe(200);
    }
    // A success clears the username's failures: failures − 1, success, failures − 1 again, success.
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_USER - 1; i++) expect((await login('follower', 'nope', '10.3.0.1')).status).toBe(401);
    expect((await login('follower', 'follower', '10.3.0.2')).status).toBe(200);
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_USER - 1; i++) expect((await login('follower', 'nope', '10.3.0.3')).status).toBe(401);
    expect((await login('follower', 'follower', '10.3.0.4')).status).toBe(200);
    // One address guessing many usernames is locked out as a whole.
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_IP; i++) expect((await login(`ghost${i}`, 'nope', '10.9.9.9')).status).toBe(401);
    const ipLocked = await login('finance', 'finance', '10.9.9.9');
    expect(ipLocked.status).toBe(429);
    expect(Number(ipLocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('finance', 'finance', '10.9.9.10')).status).toBe(200);
    recordReliability({
      id: 'login-rate-limit',
      kind: 'authorization',
      tried: `${rounds} usernames each sent ${LOGIN_MAX_FAILURES_PER_USER} wrong passwords from several addresses, then the right one; one address tried ${LOGIN_MAX_FAILURES_PER_IP} unknown usernames (limit in memory per API process)`,
      runs: rounds * (LOGIN_MAX_FAILURES_PER_USER + 1) + 2 * LOGIN_MAX_FAILURES_PER_USER + LOGIN_MAX_FAILURES_PER_IP + 2,
      checked:
        'The right password during lock-out is 429 too_many_attempts with a Retry-After within 15 min; other users and addresses still log in; a success clears the failures',
      outcome: `${rounds}/${rounds} usernames and 1/1 address locked out, 0 logins let through during lock-out`,
      lost: 0,
    });
  });
});

describe('passwords', () => {
  test('stored as bcrypt hashes and never in any answer of any GET operation', async () => {
    const admin = await api.login('admin');
    const created = await api.request('POST', '/api/users', {
      token: admin,
      body: { username: 'pwcheck', name: '密码检查', email: 'pwcheck@example.com', password: 'Secr3t-pw-check', roles: ['follower'] },
    });
    expect(created.status).toBe(201);
    const changed = await api.request('PUT', `/api/users/${created.body.id}`, { token: admin, body: { password: 'An0ther-pw-check' } });
    const row = await t.db.user.findUniqueOrThrow({ where: { username: 'pwcheck' } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$.{53}$/);
    const answers: { what: string; text: string }[] = [
      { what: 'POST /api/users', text: JSON.stringify(created.body) },
      { what: 'PUT /api/users/{id}', text: JSON.stringify(changed.body) },
      {
        what: 'POST /api/auth/login',
        text: JSON.stringify((await api.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'admin' } })).body),
      },
      {
        what: 'PUT /api/me',
        text: JSON.stringify((await api.request('PUT', '/api/me', { token: admin, body: { name: '系统管理员' } })).body),
      },
    ];
    const sample: Record<string, string> = { id: row.id, key: 'plan.thresholdFen', code: '2027SS', workflowId: 'none', n: '1' };
    const concrete: Record<string, Record<string, string>> = {
      regions: { id: 'EAST' },
      stores: { id: 'S001' },
      franchisees: { id: 'F001' },
      products: { id: '27SS-TS-001' },
      seasons: { id: '2027SS' },
    };
    let gets = 0;
    for (const [p, item] of Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>)) {
      if (!('get' in item)) continue;
      const resource = p.split('/')[2] ?? '';
      const path = p.replace(/\{(\w+)\}/g, (_m, name: string) => concrete[resource]?.[name] ?? sample[name] ?? randomUUID());
      const res = await fetch(api.url + path + (path.includes('?') ? '' : '?season=2027SS&sku=27SS-TS-001'), {
        headers: { authorization: `Bearer ${admin}` },
      });
      answers.push({ what: `GET ${p}`, text: await res.text() });
      gets++;
    }
    for (const a of answers) {
      expect({ what: a.what, hash: /passwordHash|password_hash|\$2[aby]\$\d\d\$/.test(a.text) }).toEqual({ what: a.what, hash: false });
      expect({ what: a.what, plain: /Secr3t-pw-check|An0ther-pw-check/.test(a.text) }).toEqual({ what: a.what, plain: false });
    }
    recordReliability({
      id: 'password-exposure',
      kind: 'authorization',
      tried: `A user created and given a new password by the admin, then every GET operation of the OpenAPI document (${gets}) and the user, login and profile answers read as admin`,
      runs: answers.length,
      checked: 'The stored password is a bcrypt hash (cost 10); no answer holds passwordHash, a bcrypt hash or the clear password',
      outcome: `${answers.length}/${answers.length} answers free of passwords and hashes`,
      lost: 0,
    });
  });
});

describe('security headers', () => {
  test('helmet headers on API answers, errors, the UI and the health check; a CSP the built UI works with', async () => {
    const token = await api.login('manager');
    const paths: [string, Record<string, string>][] = [
      ['/api/me', { authorization: `Bearer ${token}` }],
      ['/api/nothing-here', { authorization: `Bearer ${token}` }],
      ['/api/me', {}],
      ['/health', {}],
      ['/', {}],
      ['/some/client/route', {}],
      ['/api/openapi.json', {}],
    ];
    for (const [path, headers] of paths) {
      const res = await raw('GET', path, headers);
      const h = res.headers;
      const csp = String(h['content-security-policy']);
      expect({
        path,
        csp: csp
          .split(';')
          .map((d) => d.trim())
          .sort(),
      }).toEqual({
        path,
        csp: [
          "base-uri 'self'",
          "connect-src 'self'",
          "default-src 'self'",
          "font-src 'self' data:",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "img-src 'self' data: blob:",
          "object-src 'none'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
        ],
      });
      expect({
        path,
        nosniff: h['x-content-type-options'],
        frame: h['x-frame-options'],
        referrer: h['referrer-policy'],
        coop: h['cross-origin-opener-policy'],
        poweredBy: h['x-powered-by'],
      }).toEqual({
        path,
        nosniff: 'nosniff',
        frame: 'SAMEORIGIN',
        referrer: 'same-origin',
        coop: 'same-origin',
        poweredBy: undefined,
      });
      expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    }
    recordReliability({
      id: 'security-headers',
      kind: 'authorization',
      tried: `GET of ${paths.length} kinds of answer: an API answer, an unknown API route, a 401, the health check, the UI page and a client-side route, the OpenAPI document`,
      runs: paths.length,
      checked:
        "Each carries Content-Security-Policy (scripts 'self' only, inline styles for MUI, frame-ancestors 'none'), nosniff, X-Frame-Options, Referrer-Policy, COOP and HSTS, and no X-Powered-By",
      outcome: `${paths.length}/${paths.length} answers with every header`,
      lost: 0,
    });
  });
});

describe('CORS', () => {
  test('a configured origin is echoed and may preflight; any other origin gets no Access-Control-Allow-Origin and its preflight is refused', async () => {
    const token = await api.login('manager');
    const ok = await raw('GET', '/api/users', { origin: ALLOWED_ORIGIN, authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(ok.headers['access-control-expose-headers']).toBe('Content-Range');
    expect(String(ok.headers.vary)).toMatch(/Origin/);
    const pre = await raw('OPTIONS', '/api/tasks', {
      origin: 'http://127.0.0.1:5173',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(pre.headers['access-control-allow-methods']).toMatch(/POST/);

    const others = ['https://evil.example.com', 'http://localhost:5173', 'null', `${ALLOWED_ORIGIN}.evil.com`, 'http://ui.example.com'];
    for (const origin of others) {
      const res = await raw('GET', '/api/users', { origin, authorization: `Bearer ${token}` });
      expect({ origin, acao: res.headers['access-control-allow-origin'], acac: res.headers['access-control-allow-credentials'] }).toEqual({
        origin,
        acao: undefined,
        acac: undefined,
      });
      const preflight = await raw('OPTIONS', '/api/users', { origin, 'access-control-request-method': 'DELETE' });
      expect({
        origin,
        status: preflight.status,
        code: preflight.body?.error?.code,
        acao: preflight.headers['access-control-allow-origin'],
      }).toEqual({ origin, status: 403, code: 'cors_origin_refused', acao: undefined });
    }
    // Same-origin (the built UI served by the API): no Origin header needed, nothing refused.
    expect((await raw('GET', '/api/users', { authorization: `Bearer ${token}` })).status).toBe(200);
    // Defaults: the Vite dev server outside production, nobody in production; the variable is validated.
    expect(loadConfig({}).corsOrigins).toEqual(DEV_UI_ORIGINS);
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com/, https://b.example.com' }).corsOrigins).toEqual([
      'https://a.example.com',
      'https://b.example.com',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    recordReliability({
      id: 'cors',
      kind: 'authorization',
      tried: `Requests and preflights from 2 configured origins and ${others.length} others (another site, the dev server when not configured, null, look-alike prefix and scheme)`,
      runs: 2 + 2 * others.length,
      checked:
        'Configured origins are echoed (never *) with Content-Range exposed; others get no Access-Control-Allow-Origin and their preflight is 403 cors_origin_refused',
      outcome: `2/2 configured origins allowed, ${others.length}/${others.length} others refused`,
      lost: 0,
    });
  });
});

describe('secrets in logs', () => {
  test('a login, failed logins, a bad token and mail sends never write a password, the JWT secret, a token or SMTP credentials to the log', async () => {
    const SMTP_PASSWORD = 'smtp-Pa55word-xyz';
    const smtp = await startSmtpServer();
    const port = new URL(smtp.url).port;
    const lines: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' '))),
    );
    setLogLevel('debug');
    const secrets: string[] = [api.config.jwtSecret!, SMTP_PASSWORD, 'admin-wrong-Pa55'];
    try {
      const token = await api.login('manager');
      secrets.push(token);
      for (let i = 0; i < 3; i++) await login('admin', 'admin-wrong-Pa55', '10.7.0.1');
      await api.request('GET', '/api/me', { token: `${token}x` });
      await api.request('GET', '/api/me', {
        token: jwt.sign({ username: 'admin' }, 'another-secret-another-secret', { subject: randomUUID() }),
      });
      await api.request('PUT', '/api/me', { token, body: { password: { current: 'manager-wrong', new: 'whatever-new-1' } } });
      secrets.push('manager-wrong', 'whatever-new-1');
      // Mail through an SMTP URL with credentials: the server refuses the login (it offers no
      // AUTH), then a temporary and a permanent refusal without credentials.
      const user = await t.db.user.findUniqueOrThrow({ where: { username: 'manager' } });
      const params = { processTitle: '日志检查', taskTitle: '审批', dueAt: '2027-02-04T18:30:00Z', link: '/#/tasks/1' };
      for (const [url, refuse] of [
        [`smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${port}`, () => false],
        [`smtp://127.0.0.1:${port}`, () => true],
        [`smtp://127.0.0.1:${port}`, () => 550],
      ] as const) {
        smtp.refuse = refuse;
        const config = loadConfig({ DATABASE_URL: t.url, SMTP_URL: url, MAIL_FROM: 'flow@example.com' });
        const transport = createMailTransport(config);
        await mailActivities(t.db, config, transport)
          .sendMail({ idempotencyKey: `log-check:${randomUUID()}`, toUserId: user.id, template: 'task_assigned', params })
          .catch(() => undefined);
        transport.close();
      }
    } finally {
      setLogLevel('info');
      out.mockRestore();
      err.mockRestore();
      for (const s of consoleSpies) s.mockRestore();
      await smtp.close();
    }
    const log = lines.join('');
    // The capture saw the mail failures being logged (else this test would prove nothing).
    expect(log).toMatch(/mail (send failed|rejected permanently)/);
    const leaked = secrets.filter((s) => s.length >= 6 && log.includes(s));
    expect(leaked).toEqual([]);
    expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT of any kind
    expect(log).not.toMatch(/passwordHash|\$2[aby]\$\d\d\$/);
    // Nor in what is stored about the failed mails.
    const stored = await t.db.mailMessage.findMany({ where: { idempotencyKey: { startsWith: 'log-check:' } } });
    expect(stored.length).toBe(3);
    expect(JSON.stringify(stored)).not.toContain(SMTP_PASSWORD);
    recordReliability({
      id: 'secrets-in-logs',
      kind: 'authorization',
      tried:
        'With the log at debug: a login, 3 failed logins, a tampered and a foreign-signed token, a wrong current password, and 3 mail sends (SMTP credentials refused, 451, 550)',
      runs: 10,
      checked:
        'The captured log output (stdout, stderr, console) and the stored mail rows hold no password, JWT secret, token, bcrypt hash or SMTP password',
      outcome: `${lines.length} log lines, 0 secrets found`,
      lost: 0,
    });
  });
});
