/**
 * A map of at most `max` entries: setting an entry makes it the newest, and past `max` the oldest
 * leaves. A call costs the same however long the process has run, amortized: now and then a `set`
 * drops the stale part of the order, a pass over at most a few times `max` keys.
 *
 * Evicting with `map.delete(map.keys().next().value)` does not: to find a Map's first entry, V8
 * steps over every entry deleted since the Map was last rehashed. Measured here, with entries set
 * again and again, that was about 5 µs a call at 10,000 entries and 16 µs at 100,000, and it grew
 * with the ledger's history (the stream cache, the known revisions).
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; turn: number }>();
  /** Keys in the order they were set, each with its turn: an older turn of a key set again, or deleted, is stale. */
  private keys: K[] = [];
  private turns: number[] = [];
  private head = 0;
  private turn = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): void {
    this.turn += 1;
    this.entries.set(key, { value, turn: this.turn });
    this.keys.push(key);
    this.turns.push(this.turn);
    if (this.entries.size > this.max) this.deleteOldest();
    this.compact();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.keys = [];
    this.turns = [];
    this.head = 0;
  }

  private isCurrent(i: number): boolean {
    return this.entries.get(this.keys[i]!)?.turn === this.turns[i];
  }

  private deleteOldest(): void {
    while (!this.isCurrent(this.head)) this.head += 1;
    this.entries.delete(this.keys[this.head]!);
    this.head += 1;
  }

  /** Drops the stale turns once they are most of the order, so that it stays within a few times the entries. */
  private compact(): void {
    const pending = this.keys.length - this.head;
    if (this.keys.length < 1_024 || (this.head * 2 < this.keys.length && pending <= 2 * this.entries.size)) return;
    const keys: K[] = [];
    const turns: number[] = [];
    for (let i = this.head; i < this.keys.length; i++) {
      if (!this.isCurrent(i)) continue;
      keys.push(this.keys[i]!);
      turns.push(this.turns[i]!);
    }
    [this.keys, this.turns, this.head] = [keys, turns, 0];
  }
}
