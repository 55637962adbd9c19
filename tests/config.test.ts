import { ConfigError, loadConfig } from '../lib/config';

test('embedded defaults when nothing is set', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    port: 3000,
    databaseUrl: undefined,
    temporalAddress: undefined,
    temporalNamespace: 'default',
    taskQueue: 'merchandise',
    mailFrom: 'merchandise@localhost',
    tzBusiness: 'Asia/Shanghai',
    seedDemo: true,
  });
});

test('demo data is off by default against a real database, and can be asked for', () => {
  expect(loadConfig({ DATABASE_URL: 'postgresql://db/x' }).seedDemo).toBe(false);
  expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
});

test.each([
  ['PORT', 'eighty'],
  ['DATABASE_URL', 'mysql://x'],
  ['TEMPORAL_ADDRESS', 'http://temporal:7233'],
  ['TZ_BUSINESS', 'Mars/Olympus'],
  ['SMTP_URL', 'mail.example.com'],
  ['SEED_DEMO', 'yes please'],
  ['JWT_SECRET', 'short'],
])('a bad %s fails fast with a message naming it', (name, value) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
});
