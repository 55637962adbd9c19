export { calendarYearMessages } from './i18n';
export { CalendarWarning } from './CalendarWarning';
export { OfficialYearImportButton } from './OfficialYearImport';
