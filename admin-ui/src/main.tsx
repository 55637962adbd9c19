import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing in index.html');

/**
 * The hash router react-admin would create for itself, but with `useTransitions={false}`: a
 * navigation commits at once instead of as a React transition. react-admin's logout navigates
 * to /login and resets its store and query cache in the same tick; the reset re-renders the
 * admin routes still mounted at the old location urgently (their auth and permission queries
 * start again, the anonymous catch-all mounts again and logs out again), which interrupted the
 * transition to /login each time: a fresh browser took 15 s and thousands of pushState calls to
 * show the login form (issue 19). Committed at once, the first logout lands on /login.
 */
const router = createHashRouter([{ path: '*', element: <App /> }]);

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} useTransitions={false} />
  </StrictMode>,
);
