/** A GraphQL filter input as the read model takes it: absent and null fields both mean "any". */
export function definedFields<T extends object>(filter: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value != null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
