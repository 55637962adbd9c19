/** Labels shared by many pages (yes/no, due dates, durations, API errors), merged by i18n/index.ts. */

const zh = {
  app: {
    common: {
      yes: '是',
      no: '否',
    },
    due: {
      due_in_minutes: '%{smart_count} 分钟后到期',
      due_in_hours: '%{smart_count} 小时后到期',
      due_in_days: '%{smart_count}天后到期',
      overdue_minutes: '已逾期 %{smart_count} 分钟',
      overdue_hours: '已逾期 %{smart_count} 小时',
      overdue_days: '已逾期 %{smart_count} 天',
    },
    duration: {
      weeks: '%{smart_count} 周',
      days: '%{smart_count} 天',
      hours: '%{smart_count} 小时',
      minutes: '%{smart_count} 分钟',
      seconds: '%{smart_count} 秒',
    },
    error: {
      task_already_decided: '该任务已被处理',
      not_open: '该任务已关闭，无需再处理',
      already_decided: '已有审批人处理，无法撤回',
      process_finished: '该流程已结束',
      urge_too_soon: '刚刚催办过，请稍后再催',
      forbidden: '无权操作：%{message}',
      not_found: '找不到：%{message}',
      network_error: '无法连接服务器，请检查网络',
    },
  },
};

const en: typeof zh = {
  app: {
    common: {
      yes: 'Yes',
      no: 'No',
    },
    due: {
      due_in_minutes: 'Due in %{smart_count} minute |||| Due in %{smart_count} minutes',
      due_in_hours: 'Due in %{smart_count} hour |||| Due in %{smart_count} hours',
      due_in_days: 'Due in %{smart_count} day |||| Due in %{smart_count} days',
      overdue_minutes: 'Overdue by %{smart_count} minute |||| Overdue by %{smart_count} minutes',
      overdue_hours: 'Overdue by %{smart_count} hour |||| Overdue by %{smart_count} hours',
      overdue_days: 'Overdue by %{smart_count} day |||| Overdue by %{smart_count} days',
    },
    duration: {
      weeks: '%{smart_count} week |||| %{smart_count} weeks',
      days: '%{smart_count} day |||| %{smart_count} days',
      hours: '%{smart_count} hour |||| %{smart_count} hours',
      minutes: '%{smart_count} minute |||| %{smart_count} minutes',
      seconds: '%{smart_count} second |||| %{smart_count} seconds',
    },
    error: {
      task_already_decided: 'This task has already been decided',
      not_open: 'This task was closed; nothing to do',
      already_decided: 'An approver has already decided; it can no longer be withdrawn',
      process_finished: 'This process has ended',
      urge_too_soon: 'You urged a moment ago; please wait before urging again',
      forbidden: 'Not allowed: %{message}',
      not_found: 'Not found: %{message}',
      network_error: 'Cannot reach the server; check the network',
    },
  },
};

export const commonMessages = { zh, en };
