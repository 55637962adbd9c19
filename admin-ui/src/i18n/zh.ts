import type { TranslationMessages } from 'react-admin';
import { mergeTranslations } from 'react-admin';
import englishMessages from 'ra-language-english';
import chineseMessages from 'ra-language-chinese';
import type { RoleLabels } from '../users/roles';

/**
 * ra-language-chinese (2.0.10, the only published package) was written for react-admin 2 and
 * lacks about 65 of the 164 `ra.*` keys of react-admin 5. They are translated here; English
 * stays underneath as the last fallback so no raw key is ever displayed.
 */
const raV5: Pick<TranslationMessages, 'ra'> = {
  ra: {
    action: {
      clear_array_input: '清空列表',
      create_item: '新建 %{item}',
      remove_all_filters: '移除所有筛选',
      reset: '重置',
      search_columns: '搜索列',
      select_all: '全选',
      select_all_button: '全选',
      select_row: '选择此行',
      update: '更新',
      move_up: '上移',
      move_down: '下移',
      open: '打开',
      toggle_theme: '切换浅色/深色模式',
      select_columns: '列',
      update_application: '重新加载应用',
      add_filter: '添加筛选',
      remove_filter: '移除筛选',
      search: '搜索',
      back: '返回',
      unselect: '取消选择',
      clone: '复制',
    },
    page: {
      access_denied: '拒绝访问',
      authentication_error: '认证错误',
      dashboard: '首页',
      list: '%{name}列表',
      create: '新建%{name}',
      empty: '暂无%{name}',
      invite: '要新建一个吗？',
      not_found: '页面不存在',
    },
    message: {
      access_denied: '您没有访问此页面的权限',
      authentication_error: '认证服务器返回错误，无法验证您的凭据。',
      auth_error: '验证登录令牌时出错。',
      bulk_update_content: '确定要更新 %{name} %{recordRepresentation} 吗？ |||| 确定要更新这 %{smart_count} 项吗？',
      bulk_update_title: '更新 %{name} %{recordRepresentation} |||| 更新 %{smart_count} 项%{name}',
      clear_array_input: '确定要清空整个列表吗？',
      details: '详情',
      select_all_limit_reached: '条目过多，无法全部选中。仅选中了前 %{max} 项。',
      placeholder_data_warning: '网络问题：数据刷新失败。',
      error: '客户端错误，请求未能完成。',
      invalid_form: '表单无效，请检查错误提示',
      loading: '正在加载，请稍候',
      not_found: '您输入的网址有误，或链接已失效。',
      unsaved_changes: '有未保存的修改，确定放弃吗？',
    },
    navigation: {
      clear_filters: '清除筛选',
      no_filtered_results: '当前筛选条件下没有%{name}。',
      partial_page_range_info: '%{offsetBegin}-%{offsetEnd} / 超过 %{offsetEnd}',
      current_page: '第 %{page} 页',
      page: '转到第 %{page} 页',
      first: '转到第一页',
      last: '转到最后一页',
      previous: '转到上一页',
      next: '转到下一页',
      no_results: '没有找到结果',
      page_rows_per_page: '每页行数：',
    },
    auth: {
      email: '邮箱',
      user_menu: '个人设置',
      sign_in_error: '认证失败，请重试',
      logout: '退出登录',
    },
    notification: {
      not_authorized: '您无权访问此资源。',
      application_update_available: '有新版本可用。',
      offline: '无网络连接，无法获取数据。',
      http_error: '与服务器通信出错',
      logged_out: '会话已失效，请重新登录。',
      data_provider_error: '数据服务出错，请查看控制台了解详情。',
    },
    validation: {
      unique: '必须唯一',
    },
    saved_queries: {
      label: '已保存的查询',
      query_name: '查询名称',
      new_label: '保存当前查询…',
      new_dialog_title: '将当前查询保存为',
      remove_label: '删除已保存的查询',
      remove_label_with_name: '删除查询“%{name}”',
      remove_dialog_title: '删除已保存的查询？',
      remove_message: '确定要从已保存的查询中删除此项吗？',
      help: '筛选列表并保存此查询以便以后使用',
    },
    guesser: {
      empty: {
        title: '没有可显示的数据',
        message: '请检查数据服务',
      },
    },
    configurable: {
      customize: '自定义',
      configureMode: '配置此页面',
      inspector: {
        title: '检查器',
        content: '将鼠标悬停在界面元素上进行配置',
        reset: '重置设置',
        hideAll: '全部隐藏',
        showAll: '全部显示',
      },
      Datagrid: {
        title: '数据表格',
        unlabeled: '未命名列 #%{column}',
      },
      SimpleForm: {
        title: '表单',
        unlabeled: '未命名输入 #%{input}',
      },
      SimpleList: {
        title: '列表',
        primaryText: '主要文本',
        secondaryText: '次要文本',
        tertiaryText: '第三文本',
      },
    },
  } as TranslationMessages['ra'],
};

const roles: RoleLabels = {
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

const app = {
  app: {
    title: '商品运营流程',
    fullTitle: '商品运营流程 / Merchandise Flow',
    auth: {
      invalid_credentials: '用户名或密码错误',
      subtitle: '商品部流程与审批',
    },
    dashboard: {
      title: '审批待办',
      welcome: '欢迎，%{name}',
      placeholder: '审批待办（分派给您或您所属角色的任务、截止时间与提醒）将随审批引擎一起上线。',
    },
    roles,
  },
  resources: {
    users: {
      name: '用户 |||| 用户',
      fields: {
        id: 'ID',
        q: '搜索',
        username: '用户名',
        name: '姓名',
        email: '邮箱',
        roles: '角色',
        role: '角色',
        region: '片区',
        regionId: '片区',
        superior: '上级',
        superiorId: '上级',
        storeId: '门店',
        franchiseeId: '加盟商',
        locale: '语言',
        active: '启用',
        createdAt: '创建时间',
        updatedAt: '更新时间',
      },
    },
  },
};

export const zh: TranslationMessages = mergeTranslations(
  englishMessages,
  chineseMessages,
  raV5,
  app,
) as TranslationMessages;

export default zh;
