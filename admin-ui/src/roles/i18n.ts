/** Role names, merged by i18n/index.ts. */
import type { RoleLabels } from '.';

const zh: RoleLabels = {
  admin: '管理员',
  general_manager: '总经理',
  manager: '商品经理',
  supervisor: '商品主管',
  specialist: '商品专员',
  follower: '跟单员',
  buyer: '买手',
  store_lead: '直营商品组长',
  after_sales: '售后专员',
  finance: '财务',
  store_manager: '店长',
  franchisee: '加盟商',
  area_manager: '片管',
};

const en: RoleLabels = {
  admin: 'Administrator',
  general_manager: 'General manager',
  manager: 'Merchandise manager',
  supervisor: 'Merchandise supervisor',
  specialist: 'Merchandise specialist',
  follower: 'Order follower',
  buyer: 'Buyer',
  store_lead: 'Direct-store merchandise lead',
  after_sales: 'After-sales specialist',
  finance: 'Finance',
  store_manager: 'Store manager',
  franchisee: 'Franchisee',
  area_manager: 'Area manager',
};

/** Under two keys: app.roles (task pools, timeline, reports) and masterData.roles (the user pages' role choices). */
export const roleMessages = {
  zh: { app: { roles: zh }, masterData: { roles: zh } },
  en: { app: { roles: en }, masterData: { roles: en } },
};
