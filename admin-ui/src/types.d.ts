declare module 'ra-language-chinese' {
  import type { TranslationMessages } from 'react-admin';
  // Written for react-admin 2: only part of the current `ra.*` keys (see i18n/raChinese.ts).
  const messages: Partial<TranslationMessages>;
  export default messages;
}
