/**
 * The last revision of the streams this connection wrote, or read to their end, for as long as
 * no other connection has written to the file (SQLite's `data_version` changes then, and all is
 * forgotten). Command handling asks it before topping up a stream it holds: when the revision it
 * holds is the last one, there is nothing to read.
 */
import { BoundedMap } from '../../shared/bounded-map.js';

/** How many streams are remembered; past it, the oldest are forgotten (and read again when needed). */
const MAX_STREAMS = 100_000;

export class KnownRevisions {
  /** By stream: its last revision, null when it has none. */
  private readonly revisions = new BoundedMap<string, number | null>(MAX_STREAMS);
  /** Written by the transaction being committed: known only once it has. */
  private readonly pending = new Map<string, number>();
  private version: number;

  constructor(private readonly dataVersion: () => number) {
    this.version = dataVersion();
  }

  get(stream: string): number | null | undefined {
    this.forgetIfOthersWrote();
    return this.revisions.get(stream);
  }

  /** Where the file stands now: read before a read, so that `readToEnd` can tell whether another process wrote during it. */
  now(): number {
    this.forgetIfOthersWrote();
    return this.version;
  }

  /** A read that reached the stream's end, from its first event, begun when the file stood at `asOf`. */
  readToEnd(stream: string, last: number | null, asOf: number): void {
    this.forgetIfOthersWrote();
    // Another process wrote between the read and now: what it read may already be old.
    if (this.version === asOf) this.revisions.set(stream, last);
  }

  written(stream: string, revision: number): void {
    this.pending.set(stream, revision);
  }

  committed(): void {
    this.pending.forEach((revision, stream) => this.revisions.set(stream, revision));
    this.pending.clear();
  }

  rolledBack(): void {
    this.pending.clear();
  }

  private forgetIfOthersWrote(): void {
    const version = this.dataVersion();
    if (version === this.version) return;
    this.version = version;
    this.revisions.clear();
  }
}
