// Master data for the admin UI: regions, stores, franchisees, products, seasons, calendar
// overrides and users, against the real database with the demo data.
import { openTestDb } from '../helpers/postgres';
import { startTestApi, type TestApi } from '../helpers/api';

let t: Awaited<ReturnType<typeof openTestDb>>;
let api: TestApi;
const tokens: Record<string, string> = {};
const as = (username: string) => tokens[username]!;

beforeAll(async () => {
  t = await openTestDb();
  api = await startTestApi({ db: t.db, databaseUrl: t.url });
  for (const u of ['admin', 'manager', 'specialist', 'finance', 'store1', 'franchisee1']) tokens[u] = await api.login(u);
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const get = (path: string, user = 'specialist') => api.request('GET', path, { token: as(user) });
const post = (path: string, body: unknown, user = 'manager') => api.request('POST', path, { token: as(user), body });
const put = (path: string, body: unknown, user = 'manager') => api.request('PUT', path, { token: as(user), body });
const del = (path: string, user = 'manager') => api.request('DELETE', path, { token: as(user) });
const filter = (f: object) => `filter=${encodeURIComponent(JSON.stringify(f))}`;

function expect422(res: { status: number; body: { error: { code: string; details: Record<string, string> } } }, field: string) {
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 422, code: 'validation_failed' });
  expect(res.body.error.details).toHaveProperty([field]);
}

describe('who may read and write', () => {
  test.each(['store1', 'franchisee1'])('%s may not read master data: 403', async (user) => {
    for (const r of ['regions', 'stores', 'franchisees', 'products', 'seasons', 'calendar-overrides']) {
      expect({ r, status: (await get(`/api/${r}`, user)).status }).toEqual({ r, status: 403 });
    }
  });

  test('any staff member reads; finance too', async () => {
    const res = await get('/api/stores', 'finance');
    expect(res.status).toBe(200);
  });

  test('a specialist may not create a product; a manager may not create a region', async () => {
    const product = await post(
      '/api/products',
      { sku: 'X-1', name: 'x', category: 'x', seasonCode: '2027SS', wholesalePriceFen: 1, retailPriceFen: 2, sizes: ['M'] },
      'specialist',
    );
    expect(product.status).toBe(403);
    expect(product.body.error.code).toBe('forbidden');
    expect((await post('/api/regions', { id: 'WEST', name: '西部' }, 'manager')).status).toBe(403);
    expect((await post('/api/calendar-overrides', { date: '2027-01-04', isWorkday: false }, 'manager')).status).toBe(403);
    expect((await put('/api/seasons/2027SS', { orderOpen: false }, 'specialist')).status).toBe(403);
    expect((await del('/api/stores/S001', 'specialist')).status).toBe(403);
  });
});

describe('regions', () => {
  test('list with Content-Range and the q filter, get one', async () => {
    const all = await get('/api/regions?sort=["id","ASC"]');
    expect(all.status).toBe(200);
    expect(all.body).toEqual([
      { id: 'EAST', name: '华东片区' },
      { id: 'NORTH', name: '华北片区' },
      { id: 'SOUTH', name: '华南片区' },
    ]);
    expect(all.headers.get('content-range')).toBe('regions 0-2/3');
    const some = await get(`/api/regions?${filter({ q: '华南' })}`);
    expect(some.body.map((r: { id: string }) => r.id)).toEqual(['SOUTH']);
    expect(some.headers.get('content-range')).toBe('regions 0-0/1');
    expect((await get('/api/regions/EAST')).body).toEqual({ id: 'EAST', name: '华东片区' });
    const missing = await get('/api/regions/NOPE');
    expect({ status: missing.status, code: missing.body.error.code }).toEqual({ status: 404, code: 'not_found' });
  });

  test('create, update, delete; 409 already_exists and in_use', async () => {
    const created = await post('/api/regions', { id: 'WEST', name: '西部片区' }, 'admin');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'WEST', name: '西部片区' });
    const again = await post('/api/regions', { id: 'WEST', name: 'x' }, 'admin');
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'already_exists' });
    expect((await put('/api/regions/WEST', { name: '西南片区' }, 'admin')).body).toEqual({ id: 'WEST', name: '西南片区' });
    expect422(await post('/api/regions', { id: '', name: 'x' }, 'admin'), 'id');
    const used = await del('/api/regions/EAST', 'admin');
    expect({ status: used.status, code: used.body.error.code }).toEqual({ status: 409, code: 'in_use' });
    expect(used.body.error.message).toMatch(/stores/);
    const gone = await del('/api/regions/WEST', 'admin');
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ id: 'WEST', name: '西南片区' });
    expect((await get('/api/regions/WEST')).status).toBe(404);
    expect((await del('/api/regions/WEST', 'admin')).status).toBe(404);
  });
});

describe('stores', () => {
  test('list with filters, get one', async () => {
    const east = await get(`/api/stores?${filter({ regionId: 'EAST' })}&sort=["id","ASC"]`);
    expect(east.body.map((s: { id: string }) => s.id)).toEqual(['S001', 'S003']);
    expect(east.headers.get('content-range')).toBe('stores 0-1/2');
    const franchise = await get(`/api/stores?${filter({ kind: 'franchise' })}`);
    expect(franchise.body).toEqual([{ id: 'S003', name: '杭州西湖加盟店', regionId: 'EAST', kind: 'franchise', franchiseeId: 'F001' }]);
    expect((await get(`/api/stores?${filter({ franchiseeId: 'F001' })}`)).body).toHaveLength(1);
    expect((await get(`/api/stores?${filter({ q: '直营' })}`)).body).toHaveLength(2);
    expect((await get(`/api/stores?${filter({ id: ['S001', 'S002'] })}`)).body).toHaveLength(2);
    expect((await get('/api/stores/S002')).body).toMatchObject({ id: 'S002', kind: 'direct', franchiseeId: null });
  });

  test('franchise stores name a franchisee, direct ones do not; unknown keys are 422', async () => {
    expect422(await post('/api/stores', { id: 'S100', name: '加盟', regionId: 'EAST', kind: 'franchise' }), 'franchiseeId');
    expect422(
      await post('/api/stores', { id: 'S100', name: '直营', regionId: 'EAST', kind: 'direct', franchiseeId: 'F001' }),
      'franchiseeId',
    );
    expect422(await post('/api/stores', { id: 'S100', name: '直营', regionId: 'NOWHERE' }), 'regionId');
    expect422(
      await post('/api/stores', { id: 'S100', name: '加盟', regionId: 'EAST', kind: 'franchise', franchiseeId: 'F999' }),
      'franchiseeId',
    );
    expect422(await post('/api/stores', { id: 'S100', name: 'x', regionId: 'EAST', kind: 'outlet' }), 'kind');
    expect422(await put('/api/stores/S003', { kind: 'direct' }), 'franchiseeId');
    expect((await get('/api/stores/S100')).status).toBe(404);
  });

  test('create, update, delete; 409 already_exists and in_use', async () => {
    const created = await post('/api/stores', {
      id: 'S100',
      name: '广州加盟店',
      regionId: 'SOUTH',
      kind: 'franchise',
      franchiseeId: 'F002',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'S100', name: '广州加盟店', regionId: 'SOUTH', kind: 'franchise', franchiseeId: 'F002' });
    expect((await post('/api/stores', { id: 'S100', name: 'x', regionId: 'SOUTH' })).body.error.code).toBe('already_exists');
    const direct = await put('/api/stores/S100', { kind: 'direct', franchiseeId: null, name: '广州直营店' });
    expect(direct.body).toEqual({ id: 'S100', name: '广州直营店', regionId: 'SOUTH', kind: 'direct', franchiseeId: null });
    const used = await del('/api/stores/S001');
    expect({ status: used.status, code: used.body.error.code }).toEqual({ status: 409, code: 'in_use' });
    expect(used.body.error.message).toMatch(/user/);
    const gone = await del('/api/stores/S100');
    expect(gone.status).toBe(200);
    expect(gone.body.id).toBe('S100');
    expect((await get('/api/stores/S100')).status).toBe(404);
  });
});

describe('franchisees', () => {
  test('list with Content-Range and a filter, get one with its quotas as numbers', async () => {
    const south = await get(`/api/franchisees?${filter({ regionId: 'SOUTH' })}`);
    expect(south.headers.get('content-range')).toBe('franchisees 0-0/1');
    expect(south.body).toEqual([
      {
        id: 'F002',
        name: '广州天河加盟店',
        regionId: 'SOUTH',
        email: 'f002@example.com',
        prepaymentShareBp: null,
        paymentWindowDays: null,
        quotas: [{ seasonCode: '2027SS', quotaFen: 30_000_000, source: 'manual' }],
      },
    ]);
    expect((await get('/api/franchisees/F001')).body.quotas).toEqual([{ seasonCode: '2027SS', quotaFen: 50_000_000, source: 'manual' }]);
    expect((await get('/api/franchisees/F404')).status).toBe(404);
  });

  test('bad input: 422 naming the field', async () => {
    const base = { id: 'F100', name: '成都加盟店', regionId: 'NORTH', email: 'f100@example.com' };
    expect422(await post('/api/franchisees', { ...base, prepaymentShareBp: 10_001 }), 'prepaymentShareBp');
    expect422(await post('/api/franchisees', { ...base, paymentWindowDays: 0 }), 'paymentWindowDays');
    expect422(await post('/api/franchisees', { ...base, email: 'not-mail' }), 'email');
    expect422(await post('/api/franchisees', { ...base, regionId: 'MARS' }), 'regionId');
    expect422(await post('/api/franchisees', { ...base, quotas: [{ seasonCode: '2027SS', quotaFen: -1 }] }), 'quotas.0.quotaFen');
    expect422(await post('/api/franchisees', { ...base, quotas: [{ seasonCode: '2027SS', quotaFen: 1.5 }] }), 'quotas.0.quotaFen');
    expect422(
      await post('/api/franchisees', { ...base, quotas: [{ seasonCode: '2027SS', quotaFen: Number.MAX_SAFE_INTEGER + 2 }] }),
      'quotas.0.quotaFen',
    );
    expect422(await post('/api/franchisees', { ...base, quotas: [{ seasonCode: '2099AW', quotaFen: 1 }] }), 'quotas.0.seasonCode');
    expect((await get('/api/franchisees/F100')).status).toBe(404);
  });

  test('create, replace quotas in one go, delete; 409 already_exists and in_use', async () => {
    await post('/api/seasons', { code: '2027AW', name: '2027 秋冬', startsOn: '2027-08-01', endsOn: '2028-01-31' });
    const created = await post('/api/franchisees', {
      id: 'F100',
      name: '成都加盟店',
      regionId: 'NORTH',
      email: 'f100@example.com',
      prepaymentShareBp: 2500,
      paymentWindowDays: 10,
      quotas: [{ seasonCode: '2027SS', quotaFen: Number.MAX_SAFE_INTEGER }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'F100',
      prepaymentShareBp: 2500,
      paymentWindowDays: 10,
      quotas: [{ seasonCode: '2027SS', quotaFen: Number.MAX_SAFE_INTEGER }],
    });
    expect((await post('/api/franchisees', { id: 'F100', name: 'x', regionId: 'NORTH', email: 'x@example.com' })).body.error.code).toBe(
      'already_exists',
    );

    const replaced = await put('/api/franchisees/F100', {
      quotas: [
        { seasonCode: '2027AW', quotaFen: 1_000 },
        { seasonCode: '2027SS', quotaFen: 2_000 },
      ],
      prepaymentShareBp: null,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.quotas).toEqual([
      { seasonCode: '2027AW', quotaFen: 1_000, source: 'manual' },
      { seasonCode: '2027SS', quotaFen: 2_000, source: 'manual' },
    ]);
    expect(replaced.body.prepaymentShareBp).toBeNull();
    // A refused replacement leaves the quotas as they were.
    expect422(
      await put('/api/franchisees/F100', {
        quotas: [
          { seasonCode: '2027SS', quotaFen: 5 },
          { seasonCode: '2027SS', quotaFen: 6 },
        ],
      }),
      'quotas.1.seasonCode',
    );
    expect((await get('/api/franchisees/F100')).body.quotas).toHaveLength(2);
    // Without quotas the update leaves them alone.
    expect((await put('/api/franchisees/F100', { name: '成都春熙路加盟店' })).body).toMatchObject({
      name: '成都春熙路加盟店',
      quotas: [{}, {}],
    });

    const withQuotas = await del('/api/franchisees/F100');
    expect({ status: withQuotas.status, code: withQuotas.body.error.code }).toEqual({ status: 409, code: 'in_use' });
    expect(withQuotas.body.error.message).toMatch(/quotas/);
    const withStores = await del('/api/franchisees/F001');
    expect(withStores.body.error.code).toBe('in_use');
    expect(withStores.body.error.message).toMatch(/store/);

    await put('/api/franchisees/F100', { quotas: [] });
    const gone = await del('/api/franchisees/F100');
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id: 'F100', quotas: [] });
    expect((await get('/api/franchisees/F100')).status).toBe(404);
  });
});

describe('products', () => {
  const shirt = {
    sku: '27SS-TS-900',
    name: '条纹T恤',
    category: 'T恤',
    seasonCode: '2027SS',
    wholesalePriceFen: 9_900,
    retailPriceFen: 21_900,
    sizes: ['XS', 'S', 'M'],
  };

  test('list with filters and Content-Range, get one with sizes in order', async () => {
    const tees = await get(`/api/products?${filter({ category: 'T恤' })}`);
    expect(tees.body.map((p: { sku: string }) => p.sku)).toEqual(['27SS-TS-001']);
    expect(tees.headers.get('content-range')).toBe('products 0-0/1');
    const season = await get(`/api/products?${filter({ seasonCode: '2027SS' })}&range=[0,1]&sort=["retailPriceFen","DESC"]`);
    expect(season.headers.get('content-range')).toBe('products 0-1/4');
    expect(season.body.map((p: { sku: string }) => p.sku)).toEqual(['27SS-DR-003', '27SS-SH-002']);
    expect((await get(`/api/products?${filter({ q: '衬衫' })}`)).body).toHaveLength(1);
    expect((await get(`/api/products?${filter({ q: 'pt-004' })}`)).body).toHaveLength(1);
    const one = await get('/api/products/27SS-TS-001');
    expect(one.body).toMatchObject({
      id: '27SS-TS-001',
      sku: '27SS-TS-001',
      seasonCode: '2027SS',
      wholesalePriceFen: 8_900,
      retailPriceFen: 19_900,
      sizes: ['S', 'M', 'L', 'XL'],
    });
    expect((await get('/api/products/NOPE')).status).toBe(404);
  });

  test('money is whole fen ≥ 0; an unknown season and duplicate sizes are 422', async () => {
    expect422(await post('/api/products', { ...shirt, wholesalePriceFen: -1 }), 'wholesalePriceFen');
    expect422(await post('/api/products', { ...shirt, retailPriceFen: 199.5 }), 'retailPriceFen');
    expect422(await post('/api/products', { ...shirt, retailPriceFen: '19900' }), 'retailPriceFen');
    expect422(await post('/api/products', { ...shirt, seasonCode: '1999SS' }), 'seasonCode');
    expect422(await post('/api/products', { ...shirt, sizes: ['S', 'S'] }), 'sizes.1');
    expect422(await post('/api/products', { ...shirt, sizes: [] }), 'sizes');
    expect422(await put('/api/products/27SS-TS-001', { retailPriceFen: 0.1 }), 'retailPriceFen');
    expect((await get(`/api/products/${shirt.sku}`)).status).toBe(404);
  });

  test('create, update with sizes replaced in order, delete; 409 already_exists', async () => {
    const created = await post('/api/products', shirt);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...shirt, id: shirt.sku });
    expect((await post('/api/products', shirt)).body.error.code).toBe('already_exists');
    const updated = await put(`/api/products/${shirt.sku}`, { retailPriceFen: 19_900, sizes: ['XL', 'L', 'M'] });
    expect(updated.body).toMatchObject({ retailPriceFen: 19_900, wholesalePriceFen: 9_900, sizes: ['XL', 'L', 'M'] });
    const rows = await t.db.productSize.findMany({ where: { sku: shirt.sku }, orderBy: { sortKey: 'asc' } });
    expect(rows.map((r) => [r.size, r.sortKey])).toEqual([
      ['XL', 0],
      ['L', 1],
      ['M', 2],
    ]);
    const gone = await del(`/api/products/${shirt.sku}`);
    expect(gone.status).toBe(200);
    expect(gone.body.sizes).toEqual(['XL', 'L', 'M']);
    expect((await get(`/api/products/${shirt.sku}`)).status).toBe(404);
    expect(await t.db.productSize.count({ where: { sku: shirt.sku } })).toBe(0);
  });
});

describe('seasons', () => {
  test('list with a filter, get one with plain dates', async () => {
    const open = await get(`/api/seasons?${filter({ orderOpen: true, q: '春夏' })}`);
    expect(open.body).toEqual([
      { id: '2027SS', code: '2027SS', name: '2027 春夏', startsOn: '2027-02-01', endsOn: '2027-07-31', orderOpen: true },
    ]);
    expect(open.headers.get('content-range')).toBe('seasons 0-0/1');
    expect((await get(`/api/seasons?${filter({ orderOpen: false })}`)).body).toEqual([]);
    expect((await get('/api/seasons/2027SS')).body.endsOn).toBe('2027-07-31');
    expect((await get('/api/seasons/2099SS')).status).toBe(404);
  });

  test('bad dates are 422', async () => {
    const base = { code: '2028SS', name: '2028 春夏', startsOn: '2028-02-01', endsOn: '2028-07-31' };
    expect422(await post('/api/seasons', { ...base, startsOn: '2028-02-30' }), 'startsOn');
    expect422(await post('/api/seasons', { ...base, endsOn: '31/07/2028' }), 'endsOn');
    expect422(await post('/api/seasons', { ...base, endsOn: '2028-01-31' }), 'endsOn');
    expect422(await put('/api/seasons/2027SS', { startsOn: '2027-08-01' }), 'endsOn');
  });

  test('create, update, delete; 409 already_exists and in_use', async () => {
    const created = await post('/api/seasons', { code: '2028SS', name: '2028 春夏', startsOn: '2028-02-01', endsOn: '2028-07-31' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: '2028SS',
      code: '2028SS',
      name: '2028 春夏',
      startsOn: '2028-02-01',
      endsOn: '2028-07-31',
      orderOpen: true,
    });
    expect((await post('/api/seasons', { code: '2028SS', name: 'x', startsOn: '2028-02-01', endsOn: '2028-07-31' })).body.error.code).toBe(
      'already_exists',
    );
    const closed = await put('/api/seasons/2028SS', { orderOpen: false, endsOn: '2028-08-15' });
    expect(closed.body).toMatchObject({ orderOpen: false, startsOn: '2028-02-01', endsOn: '2028-08-15' });
    const used = await del('/api/seasons/2027SS');
    expect({ status: used.status, code: used.body.error.code }).toEqual({ status: 409, code: 'in_use' });
    expect(used.body.error.message).toMatch(/products/);
    const gone = await del('/api/seasons/2028SS');
    expect(gone.status).toBe(200);
    expect(gone.body.code).toBe('2028SS');
    expect((await get('/api/seasons/2028SS')).status).toBe(404);
  });
});

describe('calendar overrides', () => {
  test('create, list by year and isWorkday sorted by date, update, delete', async () => {
    for (const [date, isWorkday, note] of [
      ['2027-10-09', true, '调休上班'],
      ['2027-01-04', false, '年会'],
      ['2028-01-03', false, null],
    ] as const) {
      const res = await post('/api/calendar-overrides', { date, isWorkday, note }, 'admin');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: date, date, isWorkday, note });
    }
    const y2027 = await get(`/api/calendar-overrides?${filter({ year: 2027 })}`);
    expect(y2027.body.map((c: { date: string }) => c.date)).toEqual(['2027-01-04', '2027-10-09']);
    expect(y2027.headers.get('content-range')).toBe('calendar-overrides 0-1/2');
    const daysOff = await get(`/api/calendar-overrides?${filter({ isWorkday: false })}`);
    expect(daysOff.body.map((c: { date: string }) => c.date)).toEqual(['2027-01-04', '2028-01-03']);
    expect((await get('/api/calendar-overrides/2027-01-04')).body.note).toBe('年会');

    expect((await post('/api/calendar-overrides', { date: '2027-01-04', isWorkday: true }, 'admin')).body.error.code).toBe(
      'already_exists',
    );
    expect((await put('/api/calendar-overrides/2027-01-04', { note: '公司年会' }, 'admin')).body).toEqual({
      id: '2027-01-04',
      date: '2027-01-04',
      isWorkday: false,
      note: '公司年会',
    });
    const gone = await del('/api/calendar-overrides/2028-01-03', 'admin');
    expect(gone.status).toBe(200);
    expect(gone.body.date).toBe('2028-01-03');
    expect((await get('/api/calendar-overrides/2028-01-03')).status).toBe(404);
  });

  test('a date must be a real calendar date', async () => {
    expect422(await post('/api/calendar-overrides', { date: '2027-02-29', isWorkday: false }, 'admin'), 'date');
    expect422(await post('/api/calendar-overrides', { date: '2027-13-01', isWorkday: false }, 'admin'), 'date');
    expect422(await post('/api/calendar-overrides', { date: '2027-1-4', isWorkday: false }, 'admin'), 'date');
    expect422(await post('/api/calendar-overrides', { date: '2027-03-01' }, 'admin'), 'isWorkday');
  });
});

describe('users', () => {
  const newUser = {
    username: 'buyer.li',
    name: '李买手',
    email: 'buyer.li@example.com',
    password: 'secret-123',
    roles: ['buyer'],
    regionId: 'SOUTH',
  };

  test('an admin creates a user who then logs in; the hash is never returned', async () => {
    const created = await post('/api/users', newUser, 'admin');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'buyer.li',
      roles: ['buyer'],
      locale: 'zh-CN',
      active: true,
      regionId: 'SOUTH',
      superiorId: null,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(created.body).not.toHaveProperty('password');
    const login = await api.request('POST', '/api/auth/login', { body: { username: 'buyer.li', password: 'secret-123' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: created.body.id, active: true });
    expect((await post('/api/users', newUser, 'admin')).body.error.code).toBe('already_exists');
    expect((await post('/api/users', { ...newUser, username: 'other' }, 'manager')).status).toBe(403);
  });

  test('bad input: 422 naming the field', async () => {
    const base = { ...newUser, username: 'new.one' };
    expect422(await post('/api/users', { ...base, username: 'No Caps' }, 'admin'), 'username');
    expect422(await post('/api/users', { ...base, password: 'short' }, 'admin'), 'password');
    expect422(await post('/api/users', { ...base, roles: [] }, 'admin'), 'roles');
    expect422(await post('/api/users', { ...base, roles: ['king'] }, 'admin'), 'roles.0');
    expect422(await post('/api/users', { ...base, locale: 'fr' }, 'admin'), 'locale');
    expect422(await post('/api/users', { ...base, regionId: 'MARS' }, 'admin'), 'regionId');
    expect422(await post('/api/users', { ...base, storeId: 'S999' }, 'admin'), 'storeId');
    expect422(await post('/api/users', { ...base, franchiseeId: 'F999' }, 'admin'), 'franchiseeId');
    expect422(await post('/api/users', { ...base, superiorId: '00000000-0000-4000-8000-000000000000' }, 'admin'), 'superiorId');
    expect((await get(`/api/users?${filter({ q: 'new.one' })}`)).body).toEqual([]);
  });

  test('an admin resets a password and deactivates a user, who then cannot log in', async () => {
    const id = (await t.db.user.findUniqueOrThrow({ where: { username: 'buyer.li' } })).id;
    const reset = await put(`/api/users/${id}`, { password: 'another-456', locale: 'en' }, 'admin');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ locale: 'en', active: true });
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'buyer.li', password: 'secret-123' } })).status).toBe(401);
    const token = await api.login('buyer.li', 'another-456');
    const off = await put(`/api/users/${id}`, { active: false }, 'admin');
    expect(off.body.active).toBe(false);
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'buyer.li', password: 'another-456' } })).status).toBe(401);
    expect((await api.request('GET', '/api/me', { token })).status).toBe(401);
    const inactive = await get(`/api/users?${filter({ active: false })}`, 'manager');
    expect(inactive.body.map((u: { username: string }) => u.username)).toEqual(['buyer.li']);
    expect((await put('/api/users/00000000-0000-4000-8000-000000000000', { name: 'x' }, 'admin')).status).toBe(404);
    expect((await put(`/api/users/${id}`, { name: 'x' }, 'manager')).status).toBe(403);
  });

  test('no one is their own superior, and the superior chain never loops', async () => {
    const ids = Object.fromEntries((await t.db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]));
    expect422(await put(`/api/users/${ids.manager}`, { superiorId: ids.manager }, 'admin'), 'superiorId');
    // admin → manager → supervisor → specialist: the manager may not report to the specialist.
    expect422(await put(`/api/users/${ids.manager}`, { superiorId: ids.specialist }, 'admin'), 'superiorId');
    expect422(await put(`/api/users/${ids.admin}`, { superiorId: ids.supervisor }, 'admin'), 'superiorId');
    const moved = await put(`/api/users/${ids.follower}`, { superiorId: ids.manager }, 'admin');
    expect(moved.body.superiorId).toBe(ids.manager);
    const cleared = await put(`/api/users/${ids.follower}`, { superiorId: null }, 'admin');
    expect(cleared.body.superiorId).toBeNull();
  });

  test('an admin cannot lock themselves out', async () => {
    const me = await api.request('GET', '/api/me', { token: as('admin') });
    expect422(await put(`/api/users/${me.body.id}`, { active: false }, 'admin'), 'active');
  });

  test('the existing list still works for staff and is refused to a franchisee', async () => {
    const res = await get('/api/users?range=[0,2]&sort=["username","ASC"]', 'manager');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toMatch(/^users 0-2\/\d+$/);
    expect(res.body[0]).toHaveProperty('active', true);
    expect((await get('/api/users', 'franchisee1')).status).toBe(403);
  });
});

describe('PUT /api/me', () => {
  test('anyone changes their own locale and name', async () => {
    const res = await api.request('PUT', '/api/me', { token: as('franchisee1'), body: { locale: 'en', name: '周总' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'franchisee1', locale: 'en', name: '周总' });
    expect((await api.request('GET', '/api/me', { token: as('franchisee1') })).body.locale).toBe('en');
    expect422(await api.request('PUT', '/api/me', { token: as('franchisee1'), body: { locale: 'de' } }), 'locale');
  });

  test('a password change needs the current password', async () => {
    const wrong = await api.request('PUT', '/api/me', {
      token: as('store1'),
      body: { password: { current: 'nope', new: 'store1-new-pass' } },
    });
    expect422(wrong, 'password.current');
    expect422(
      await api.request('PUT', '/api/me', { token: as('store1'), body: { password: { current: 'store1', new: 'short' } } }),
      'password.new',
    );
    await api.login('store1', 'store1');
    const ok = await api.request('PUT', '/api/me', {
      token: as('store1'),
      body: { password: { current: 'store1', new: 'store1-new-pass' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toHaveProperty('passwordHash');
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'store1', password: 'store1' } })).status).toBe(401);
    await api.login('store1', 'store1-new-pass');
  });
});
