import jwt from 'jsonwebtoken';
import { openTestDb } from '../helpers/postgres';
import { startTestApi, type TestApi } from '../helpers/api';

let t: Awaited<ReturnType<typeof openTestDb>>;
let api: TestApi;
beforeAll(async () => {
  t = await openTestDb();
  api = await startTestApi({ db: t.db, databaseUrl: t.url });
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('login', () => {
  test('a demo user logs in and gets a token and their roles', async () => {
    const res = await api.request('POST', '/api/auth/login', { body: { username: 'manager', password: 'manager' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'manager', name: '王经理', roles: ['manager'] });
    expect(typeof res.body.token).toBe('string');
    const me = await api.request('GET', '/api/me', { token: res.body.token });
    expect(me.body).toMatchObject({ username: 'manager', email: 'manager@example.com' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  test.each([
    ['wrong password', { username: 'manager', password: 'nope' }],
    ['unknown user', { username: 'ghost', password: 'ghost' }],
  ])('%s: 401 invalid_credentials', async (_name, body) => {
    const res = await api.request('POST', '/api/auth/login', { body });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  test('passwords are stored hashed, never in clear', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'manager' } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
  });

  test('a malformed body: 422 naming each bad field', async () => {
    const res = await api.request('POST', '/api/auth/login', { body: { username: 42 } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details).sort()).toEqual(['password', 'username']);
  });

  test('invalid JSON: 400 malformed_json', async () => {
    const res = await api.request('POST', '/api/auth/login', { rawBody: '{"username":' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  test('a disabled user cannot log in, and their token stops working', async () => {
    const token = await api.login('follower');
    await t.db.user.update({ where: { username: 'follower' }, data: { active: false } });
    try {
      expect((await api.request('POST', '/api/auth/login', { body: { username: 'follower', password: 'follower' } })).status).toBe(401);
      expect((await api.request('GET', '/api/me', { token })).status).toBe(401);
    } finally {
      await t.db.user.update({ where: { username: 'follower' }, data: { active: true } });
    }
  });
});

describe('tokens', () => {
  test('no token: 401 unauthenticated on every /api route', async () => {
    for (const path of ['/api/me', '/api/users', '/api/settings', '/api/dev/mails', '/api/anything']) {
      const res = await api.request('GET', path);
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 401, code: 'unauthenticated' });
    }
  });

  test('a forged or expired token: 401 invalid_token', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const forged = jwt.sign({ username: 'admin' }, 'another-secret-another-secret', { subject: user.id });
    const expired = jwt.sign({ username: 'admin' }, api.config.jwtSecret!, { subject: user.id, expiresIn: -10 });
    for (const token of [forged, expired, 'garbage']) {
      const res = await api.request('GET', '/api/me', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_token');
    }
  });

  test('login and the OpenAPI document need no token', async () => {
    const res = await api.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/settings/{key}', '/health']));
  });
});

describe('roles', () => {
  test('changing a setting needs admin: 403 for a specialist, and nothing changes', async () => {
    const token = await api.login('specialist');
    const res = await api.request('PUT', '/api/settings/task.defaultDue', { token, body: { value: 'PT5S' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const now = await api.request('GET', '/api/settings/task.defaultDue', { token });
    expect(now.body.value).toBe('P2D');
  });

  test('an admin changes a setting; a bad value is refused with 422 and changes nothing', async () => {
    const token = await api.login('admin');
    const bad = await api.request('PUT', '/api/settings/reminder.leadTimes', { token, body: { value: ['1 day'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toHaveProperty('value');
    const ok = await api.request('PUT', '/api/settings/reminder.leadTimes', { token, body: { value: ['PT10S', 'PT0S'] } });
    expect(ok.status).toBe(200);
    const all = await api.request('GET', '/api/settings', { token });
    expect(all.body.find((s: { key: string }) => s.key === 'reminder.leadTimes').value).toEqual(['PT10S', 'PT0S']);
    expect(all.headers.get('content-range')).toMatch(/^settings 0-\d+\/\d+$/);
    expect((await api.request('PUT', '/api/settings/no.such.key', { token, body: { value: 1 } })).status).toBe(404);
  });

  test('users are listed for staff with Content-Range, and refused to a franchisee', async () => {
    const token = await api.login('manager');
    const res = await api.request('GET', '/api/users?range=[0,2]&sort=["username","ASC"]', { token });
    expect(res.status).toBe(200);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(['admin', 'finance', 'follower']);
    expect(res.headers.get('content-range')).toBe('users 0-2/8');
    expect((await api.request('GET', '/api/users?sort=["passwordHash","ASC"]', { token })).status).toBe(400);
    const franchisee = await api.login('franchisee1');
    expect((await api.request('GET', '/api/users', { token: franchisee })).status).toBe(403);
  });
});
