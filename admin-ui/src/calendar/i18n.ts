/** Labels of the business calendar's official years (issue 26), merged by i18n/index.ts. */

const zh = {
  app: {
    calendar_years: {
      warning_title: '业务日历缺少法定节假日安排',
      gap: '%{year} 年：%{when}%{tasks}该年的工作日目前只按周末计算，春节等假期不会顺延期限。',
      begun: '该年已经开始，',
      days_until: '距该年开始还有 %{days} 天，',
      open_tasks: '已有 %{count} 项未办待办的截止时间落在该年或之后，',
      action: '请导入该年国务院公布的节假日安排。',
      open_calendar: '打开业务日历',
      import_button: '导入官方节假日',
      import_title: '导入某年的官方节假日安排',
      import_help:
        '上传国务院公布的节假日安排：ICS 日历（每个事件的日期；标题含“班”“补班”“上班”的为调休上班日，其余如“春节”“休”“放假”为假日）或 CSV（列：日期, 类型（休 / 班）, 名称）。会替换该年之前导入的安排；受影响的未办待办会重新计算截止时间，并记录在流程时间线上。',
      year: '年份',
      choose: '选择 .ics 或 .csv 文件',
      failed: '%{smart_count} 处错误，未导入任何内容',
      row: '第 %{row} 行',
      line: '第 %{line} 行',
      file: '文件',
      run: '导入',
      done: '已导入，%{smart_count} 项待办的截止时间已调整',
      result: '%{year} 年：%{holidays} 个假日、%{workdays} 个调休上班日；%{changed} 个日期有变化，%{moved} 项待办调整了截止时间。',
      result_failed: '%{smart_count} 个流程未能通知：%{ids}',
      known: '官方节假日已知至 %{year} 年（chinese-days %{first}–%{last}%{imported}）',
      imported: '，已导入 %{years}',
    },
  },
};

const en: typeof zh = {
  app: {
    calendar_years: {
      warning_title: 'The business calendar lacks official holidays',
      gap: '%{year}: %{when}%{tasks}working days there count weekends only; the Spring Festival and other holidays do not extend due dates.',
      begun: 'it has begun; ',
      days_until: 'it begins in %{days} days; ',
      open_tasks: '%{count} open tasks are due in it or later; ',
      action: 'Please import that year’s official schedule.',
      open_calendar: 'Open the business calendar',
      import_button: 'Import official holidays',
      import_title: 'Import a year’s official schedule',
      import_help:
        'Upload the State Council’s schedule: an ICS calendar (each event’s days; a title with 班, 补班, 上班 or “workday” is a make-up working day, every other one such as 春节, 休 or 放假 a holiday) or a CSV (columns: date, kind (holiday / workday), name). It replaces an earlier import of that year; open tasks whose due dates it moves are rescheduled, on their process’s timeline.',
      year: 'Year',
      choose: 'Choose an .ics or .csv file',
      failed: '%{smart_count} error |||| %{smart_count} errors; nothing was imported',
      row: 'Row %{row}',
      line: 'Line %{line}',
      file: 'File',
      run: 'Import',
      done: 'Imported; %{smart_count} task due date moved |||| Imported; %{smart_count} task due dates moved',
      result: '%{year}: %{holidays} holidays, %{workdays} make-up working days; %{changed} dates changed, %{moved} tasks rescheduled.',
      result_failed: '%{smart_count} processes could not be told: %{ids}',
      known: 'Official holidays known through %{year} (chinese-days %{first}–%{last}%{imported})',
      imported: ', imported %{years}',
    },
  },
};

export const calendarYearMessages = { zh, en };
