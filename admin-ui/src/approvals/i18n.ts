/** Labels of the general approval form (通用审批), merged by i18n/index.ts. */

const zh = {
  app: {
    menu: {
      start_approval: '发起审批',
    },
    approval: {
      title: '发起通用审批',
      submit: '提交审批',
      amount_invalid: '请输入不小于 0 的金额，最多两位小数',
      amount_help: '单位：元，最多两位小数（可不填）',
      season_help: '可选，例如 2027SS',
      default_chain: '提交后按部门默认流程审批：直属上级 → 商品经理 →（金额超过阈值时）财务。',
    },
  },
  resources: {
    approvals: {
      name: '通用审批 |||| 通用审批',
      fields: {
        title: '标题',
        amountYuan: '金额（元）',
        amountFen: '金额（元）',
        reason: '事由（审批人可见）',
        season: '季节',
      },
    },
  },
};

const en: typeof zh = {
  app: {
    menu: {
      start_approval: 'Start approval',
    },
    approval: {
      title: 'Start a general approval',
      submit: 'Submit for approval',
      amount_invalid: 'Enter an amount of at least 0 with at most 2 decimals',
      amount_help: 'In yuan, at most 2 decimals (optional)',
      season_help: 'Optional, e.g. 2027SS',
      default_chain:
        'It goes through the department’s default chain: your superior → the merchandise manager → finance (above the threshold amount).',
    },
  },
  resources: {
    approvals: {
      name: 'General approval |||| General approvals',
      fields: {
        title: 'Title',
        amountYuan: 'Amount (yuan)',
        amountFen: 'Amount (yuan)',
        reason: 'Reason (shown to the approvers)',
        season: 'Season',
      },
    },
  },
};

export const approvalMessages = { zh, en };
