import { ROLES } from '../../roles';

/** Choices for SelectInput / SelectArrayInput; names are translation keys (masterData.roles.*). */
export const roleChoices = ROLES.map((id) => ({ id, name: `masterData.roles.${id}` }));

export const LOCALE_CHOICES = [
  { id: 'zh-CN', name: 'masterData.locales.zh-CN' },
  { id: 'en', name: 'masterData.locales.en' },
];
