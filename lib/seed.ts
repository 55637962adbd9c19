// Demo users and master data (docs/api.md, "Demo data"), written when SEED_DEMO=true.
// Idempotent: creates what is missing and never overwrites what an admin has changed.
import { DateTime } from 'luxon';
import type { Db, Role } from './db/client';
import { ROLES } from '../domain/approval';
import { hashPassword } from './auth/password';
import { logger } from './logger';

const log = logger('seed');

const ALL_ROLES: Role[] = [...ROLES];

interface DemoUser {
  username: string;
  name: string;
  roles: Role[];
  superior?: string;
  regionId?: string;
  storeId?: string;
  franchiseeId?: string;
}

// Order matters: a superior is created before those who report to them.
const USERS: DemoUser[] = [
  { username: 'admin', name: '系统管理员', roles: ALL_ROLES },
  { username: 'manager', name: '王经理', roles: ['manager'], superior: 'admin' },
  { username: 'supervisor', name: '李主管', roles: ['supervisor'], superior: 'manager' },
  { username: 'specialist', name: '张专员', roles: ['specialist'], superior: 'supervisor', regionId: 'EAST' },
  { username: 'follower', name: '赵跟单', roles: ['follower'], superior: 'supervisor' },
  { username: 'finance', name: '钱财务', roles: ['finance'] },
  { username: 'store1', name: '孙店长', roles: ['store_manager'], regionId: 'EAST', storeId: 'S001' },
  { username: 'franchisee1', name: '周老板', roles: ['franchisee'], regionId: 'EAST', franchiseeId: 'F001' },
];

const REGIONS = [
  { id: 'EAST', name: '华东片区' },
  { id: 'SOUTH', name: '华南片区' },
  { id: 'NORTH', name: '华北片区' },
];

const FRANCHISEES = [
  { id: 'F001', name: '杭州西湖加盟店', regionId: 'EAST', email: 'franchisee1@example.com', quotaFen: 50_000_000n },
  { id: 'F002', name: '广州天河加盟店', regionId: 'SOUTH', email: 'f002@example.com', quotaFen: 30_000_000n },
  { id: 'F003', name: '北京朝阳加盟店', regionId: 'NORTH', email: 'f003@example.com', quotaFen: 20_000_000n },
];

const STORES = [
  { id: 'S001', name: '上海南京路直营店', regionId: 'EAST', kind: 'direct' },
  { id: 'S002', name: '深圳万象城直营店', regionId: 'SOUTH', kind: 'direct' },
  { id: 'S003', name: '杭州西湖加盟店', regionId: 'EAST', kind: 'franchise', franchiseeId: 'F001' },
];

const SIZES = ['S', 'M', 'L', 'XL'];
const PRODUCTS = [
  { sku: '27SS-TS-001', name: '纯棉圆领T恤', category: 'T恤', wholesalePriceFen: 8_900, retailPriceFen: 19_900 },
  { sku: '27SS-SH-002', name: '亚麻短袖衬衫', category: '衬衫', wholesalePriceFen: 15_900, retailPriceFen: 35_900 },
  { sku: '27SS-DR-003', name: '碎花连衣裙', category: '连衣裙', wholesalePriceFen: 23_900, retailPriceFen: 59_900 },
  { sku: '27SS-PT-004', name: '直筒休闲裤', category: '裤装', wholesalePriceFen: 13_900, retailPriceFen: 29_900 },
];

/**
 * Stock per store and SKU (the grounds of a price proposal): on hand, days since the oldest
 * stock arrived (库龄, relative to the day of seeding) and units sold.
 */
const STOCK: { storeId: string; sku: string; onHand: number; ageDays: number; soldQty: number }[] = [
  { storeId: 'S001', sku: '27SS-TS-001', onHand: 120, ageDays: 200, soldQty: 80 },
  { storeId: 'S001', sku: '27SS-DR-003', onHand: 35, ageDays: 95, soldQty: 45 },
  { storeId: 'S002', sku: '27SS-TS-001', onHand: 60, ageDays: 40, soldQty: 140 },
  { storeId: 'S002', sku: '27SS-SH-002', onHand: 48, ageDays: 400, soldQty: 12 },
  { storeId: 'S003', sku: '27SS-PT-004', onHand: 20, ageDays: 10, soldQty: 5 },
];

export async function seedDemo(db: Db): Promise<void> {
  for (const r of REGIONS) await db.region.upsert({ where: { id: r.id }, create: r, update: {} });
  await db.season.upsert({
    where: { code: '2027SS' },
    create: { code: '2027SS', name: '2027 春夏', startsOn: new Date('2027-02-01'), endsOn: new Date('2027-07-31') },
    update: {},
  });
  for (const { quotaFen, ...f } of FRANCHISEES) {
    await db.franchisee.upsert({ where: { id: f.id }, create: f, update: {} });
    await db.franchiseeQuota.upsert({
      where: { franchiseeId_seasonCode: { franchiseeId: f.id, seasonCode: '2027SS' } },
      create: { franchiseeId: f.id, seasonCode: '2027SS', quotaFen },
      update: {},
    });
  }
  for (const s of STORES) await db.store.upsert({ where: { id: s.id }, create: s, update: {} });
  for (const p of PRODUCTS) {
    await db.product.upsert({ where: { sku: p.sku }, create: { ...p, seasonCode: '2027SS' }, update: {} });
    await db.productSize.createMany({
      data: SIZES.map((size, sortKey) => ({ sku: p.sku, size, sortKey })),
      skipDuplicates: true,
    });
  }
  // Ages count from today in the default business zone (TZ_BUSINESS), where the demo lives.
  const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
  await db.storeStock.createMany({
    data: STOCK.map(({ ageDays, ...s }) => ({ ...s, receivedOn: new Date(`${today.minus({ days: ageDays }).toISODate()}T00:00:00Z`) })),
    skipDuplicates: true,
  });
  const ids = new Map<string, string>();
  for (const u of USERS) {
    const existing = await db.user.findUnique({ where: { username: u.username } });
    if (existing) {
      ids.set(u.username, existing.id);
      continue;
    }
    const created = await db.user.create({
      data: {
        username: u.username,
        name: u.name,
        email: `${u.username}@example.com`,
        passwordHash: await hashPassword(u.username),
        roles: u.roles,
        regionId: u.regionId ?? null,
        storeId: u.storeId ?? null,
        franchiseeId: u.franchiseeId ?? null,
        superiorId: u.superior ? (ids.get(u.superior) ?? null) : null,
      },
    });
    ids.set(u.username, created.id);
  }
  log.info('demo users and master data are in place');
}
