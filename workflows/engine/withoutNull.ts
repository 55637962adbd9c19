// Timeline details and mail params leave out what is unknown rather than say null.

/** Drops null and undefined fields: audit details and mail params leave them out. */
export function withoutNull<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
