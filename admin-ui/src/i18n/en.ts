import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import type { RoleLabels } from '../users/roles';

const roles: RoleLabels = {
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

const app = {
  app: {
    title: 'Merchandise Flow',
    fullTitle: '商品运营流程 / Merchandise Flow',
    auth: {
      invalid_credentials: 'Wrong username or password',
      subtitle: 'Merchandise department workflows and approvals',
    },
    dashboard: {
      title: 'Inbox',
      welcome: 'Welcome, %{name}',
      placeholder:
        'Your approval inbox (tasks assigned to you or to your roles, with due dates and reminders) arrives with the approval engine.',
    },
    roles,
  },
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        id: 'ID',
        q: 'Search',
        username: 'Username',
        name: 'Name',
        email: 'Email',
        roles: 'Roles',
        role: 'Role',
        region: 'Region',
        regionId: 'Region',
        superior: 'Superior',
        superiorId: 'Superior',
        storeId: 'Store',
        franchiseeId: 'Franchisee',
        locale: 'Language',
        active: 'Active',
        createdAt: 'Created at',
        updatedAt: 'Updated at',
      },
    },
  },
};

export const en: TranslationMessages = mergeTranslations(englishMessages, app) as TranslationMessages;

export default en;
