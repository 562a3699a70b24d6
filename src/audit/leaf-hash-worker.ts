/**
 * The worker of leaf-hashes.ts: reads the ledger file's log after a position, read only, hashes
 * each event's leaf as the audit tree does, and publishes it in the shared ring, never more than
 * SLOTS leaves ahead of the tree, skipping leaves the tree has already passed. It ends at the head
 * of the log (what comes later the tree hashes itself), on the tree's order to stop, or on an error.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { encodePosition, type Position, type RecordedEvent } from '../eventstore/port.js';
import { openSqliteEventStoreReadOnly } from '../eventstore/sqlite/sqlite-event-store.js';
import { canonicalText } from './canonical.js';
import { afterNumber, HINT_AT, HINT_LEAF, HINT_SEQ, positionNumber, READ, SLOTS, STOP, type LeafHashesStart, type Ring } from './leaf-hashes.js';
import { HASH_BYTES, leafHash } from './merkle.js';

const PAGE = 1_000;
/** Counted from the worker's first leaf, in a 32-bit slot tag. */
const MOST_LEAVES = 2 ** 31 - 2;

const { file, after, firstLeaf, ring } = workerData as LeafHashesStart;

/** Waits until slot k is free (the tree has taken leaf k − SLOTS); false once told to stop. */
function roomFor(k: number, { control }: Ring): boolean {
  for (;;) {
    if (Atomics.load(control, STOP) === 1) return false;
    const read = Atomics.load(control, READ);
    if (k - read < SLOTS) return true;
    Atomics.wait(control, READ, read, 100);
  }
}

function publish(k: number, event: RecordedEvent, { published, places, hashes }: Ring): void {
  const slot = k % SLOTS;
  const leafIndex = firstLeaf + k;
  leafHash(canonicalText(event, leafIndex)).copy(hashes, slot * HASH_BYTES);
  places[2 * slot] = leafIndex;
  places[2 * slot + 1] = positionNumber(event);
  Atomics.store(published, slot, k + 1);
}

/** Where to read on from when the tree is more than a page ahead of leaf k: its latest hint, if consistent and ahead. */
function skipTo(k: number, { control }: Ring): { k: number; after: Position } | undefined {
  if (Atomics.load(control, READ) - k <= PAGE) return undefined;
  const seq = Atomics.load(control, HINT_SEQ);
  const leaf = Atomics.load(control, HINT_LEAF);
  const at = Atomics.load(control, HINT_AT);
  const consistent = seq % 2 === 0 && Atomics.load(control, HINT_SEQ) === seq;
  return consistent && leaf >= k ? { k: leaf + 1, after: encodePosition(afterNumber(after) + at) } : undefined;
}

async function hashAhead(): Promise<void> {
  const store = openSqliteEventStoreReadOnly(file);
  try {
    let k = 0;
    for (let from: Position | undefined = after; k < MOST_LEAVES; ) {
      const page = await store.readAll({ ...(from !== undefined && { after: from }), maxCount: PAGE });
      for (const event of page) {
        if (!roomFor(k, ring)) return;
        if (k >= Atomics.load(ring.control, READ)) publish(k, event, ring);
        k += 1;
      }
      if (page.length < PAGE) return;
      const skip = skipTo(k, ring);
      if (skip) k = skip.k;
      from = skip?.after ?? page.at(-1)!.position;
    }
  } finally {
    await store.close();
  }
}

/**
 * The lowest scheduling priority for this thread (Linux: its thread id from /proc/thread-self): it
 * is only worth an idle core; on a busy machine it must not take time from the runner's thread,
 * which hashes whatever the worker has not. Elsewhere it runs at the process's priority.
 */
function yieldToOthers(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').at(-1)), 19);
  } catch {
    // not Linux, or not allowed: same priority as the runner
  }
}

yieldToOthers();
await hashAhead();
