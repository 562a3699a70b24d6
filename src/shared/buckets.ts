/**
 * A map for states that grow with their stream (a budget line's commitments): its entries are
 * kept in 256 buckets by a hash of the key, so a pure `evolve` that changes one entry copies one
 * bucket and the list of buckets, not the whole map. Plain objects, so a state stays JSON for its
 * snapshots.
 */
export type Buckets<V> = Readonly<Record<string, Readonly<Record<string, V>>>>;

export const noBuckets: Buckets<never> = {};

/** FNV-1a of the key, to one of 256 buckets: spreads any key, uuid or not. */
function bucketOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) & 0xff).toString(16);
}

export function getIn<V>(buckets: Buckets<V>, key: string): V | undefined {
  return buckets[bucketOf(key)]?.[key];
}

/** A new map with `key` set to `value`; `buckets` is left as it was. */
export function setIn<V>(buckets: Buckets<V>, key: string, value: V): Buckets<V> {
  const bucket = bucketOf(key);
  return { ...buckets, [bucket]: { ...buckets[bucket], [key]: value } };
}

/** Every entry, bucket by bucket. */
export function entriesOf<V>(buckets: Buckets<V>): [string, V][] {
  return Object.values(buckets).flatMap((bucket) => Object.entries(bucket));
}
