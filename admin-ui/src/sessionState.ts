import { QueryClient } from '@tanstack/react-query';
import { localStorageStore, type Store } from 'react-admin';

/** Keys of react-admin's store that belong to the browser rather than to whoever logs in. */
const BROWSER_KEYS = new Set(['locale', 'theme']);

const stored = localStorageStore();

/**
 * react-admin's store (in localStorage: list filters, sort and page, the sidebar, the language),
 * passed to <Admin>. Its reset, which react-admin calls on logout and we call on login, forgets
 * everything the previous user left but the language and theme chosen in this browser.
 */
export const store: Store = {
  ...stored,
  reset() {
    for (const key of Object.keys(stored.listItems?.() ?? {})) if (!BROWSER_KEYS.has(key)) stored.removeItem(key);
  },
};

/** react-admin's query cache, passed to <Admin>: on login it holds nothing of the previous user. */
export const queryClient = new QueryClient();

/** A new session starts clean: no stored list state, no cached record of whoever was here before. */
export const forgetPreviousSession = (): void => {
  store.reset();
  queryClient.clear();
};
