/** Labels of the approvers' inbox (审批待办), the home page, merged by i18n/index.ts. */

const zh = {
  app: {
    menu: {
      inbox: '审批待办',
    },
    dashboard: {
      title: '审批待办',
      welcome: '欢迎，%{name}',
      placeholder: '审批待办（分派给您或您所属角色的任务、截止时间与提醒）将随审批引擎一起上线。',
    },
    inbox: {
      title: '审批待办',
      subtitle: '分派给您或您所属角色的待办任务，已逾期的排在最前。',
      actions: '操作',
      empty_title: '暂无待办',
      empty_text:
        '新的审批任务会出现在这里：有人提交需要您（或您的角色）审批的申请时，您会收到邮件，截止前还会提醒。您也可以发起一个通用审批，或查看您参与的流程。',
      see_processes: '查看流程',
      bulk_approve: '批量批准 (%{smart_count})',
      bulk_all_ok: '已批准 %{smart_count} 项',
      bulk_some_failed: '已批准 %{ok} 项，%{failed} 项失败：%{reasons}',
    },
  },
};

const en: typeof zh = {
  app: {
    menu: {
      inbox: 'Inbox',
    },
    dashboard: {
      title: 'Inbox',
      welcome: 'Welcome, %{name}',
      placeholder:
        'Your approval inbox (tasks assigned to you or to your roles, with due dates and reminders) arrives with the approval engine.',
    },
    inbox: {
      title: 'Inbox',
      subtitle: 'Open tasks for you or your roles, overdue first.',
      actions: 'Actions',
      empty_title: 'Nothing to do',
      empty_text:
        'New approval tasks appear here: when someone submits a request that you (or one of your roles) must approve, you get an e-mail, and a reminder before it is due. You can also start a general approval, or look at the processes you take part in.',
      see_processes: 'See processes',
      bulk_approve: 'Approve selected (%{smart_count})',
      bulk_all_ok: 'Approved %{smart_count} task |||| Approved %{smart_count} tasks',
      bulk_some_failed: 'Approved %{ok}, %{failed} failed: %{reasons}',
    },
  },
};

export const inboxMessages = { zh, en };
