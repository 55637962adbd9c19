/** Labels of the frame around every page: the app's name and the login page, merged by i18n/index.ts. */

const zh = {
  app: {
    title: '商品运营流程',
    fullTitle: '商品运营流程 / Merchandise Flow',
    auth: {
      invalid_credentials: '用户名或密码错误',
      subtitle: '商品部流程与审批',
    },
  },
};

const en: typeof zh = {
  app: {
    title: 'Merchandise Flow',
    fullTitle: '商品运营流程 / Merchandise Flow',
    auth: {
      invalid_credentials: 'Wrong username or password',
      subtitle: 'Merchandise department workflows and approvals',
    },
  },
};

export const layoutMessages = { zh, en };
