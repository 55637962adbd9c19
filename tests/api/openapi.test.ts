// Everything the API offers is described in its OpenAPI document (docs/api.md): every route the
// Express app registers must appear there with its method.
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import type { AppContext } from '../../api/context';

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routes(stack: Layer[]): string[] {
  return stack.flatMap((l) => {
    if (l.route && typeof l.route.path === 'string') return Object.keys(l.route.methods).map((m) => `${m} ${l.route!.path}`);
    return l.handle?.stack ? routes(l.handle.stack) : [];
  });
}

test('every API route is in the OpenAPI document', () => {
  const app = createApp({ config: {}, db: {}, temporal: {}, jwtSecret: 'unused' } as unknown as AppContext);
  // The API and /health; the admin UI's pages at / are not API routes.
  const registered = routes((app as unknown as { router: { stack: Layer[] } }).router.stack).filter((r) => / \/(api\/|health$)/.test(r));
  expect(registered.length).toBeGreaterThan(20);
  const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;
  const documented = Object.entries(paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  expect(registered.filter((r) => !documented.includes(r))).toEqual([]);
});
