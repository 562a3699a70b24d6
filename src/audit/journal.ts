/**
 * The journal (日记账): the log in canonical bytes, one JSON line per event, in log order:
 *
 *   {"event":<the event's canonical bytes>,"leafHash":"<64 hex>"}\n
 *
 * which is itself RFC 8785 JSON. `leafHash` is the leaf as the ledger's audit tree recorded it when
 * the event was first projected; a verifier recomputes it from the bytes, so an event changed in
 * the store after the fact shows as the first leaf whose bytes no longer give it. Beside the file,
 * `<file>.manifest.json` says what it holds and carries the signed head (journal-export.ts).
 */
import { createReadStream } from 'node:fs';
import type { Hash } from './merkle.js';

const PREFIX = Buffer.from('{"event":');
const MIDDLE = Buffer.from(',"leafHash":"');
const SUFFIX = Buffer.from('"}');
const HEX = 64;
const NEWLINE = 0x0a;

export function journalLine(canonical: string, leafHash: Hash): string {
  return `{"event":${canonical},"leafHash":"${leafHash.toString('hex')}"}\n`;
}

export interface JournalLine {
  /** The event's canonical bytes: what its leaf hashes. */
  canonical: Buffer;
  /** The recorded leaf hash, hex. */
  leafHash: string;
}

/** The parts of one line (without its newline); undefined when it is not a journal line. */
export function splitLine(line: Buffer): JournalLine | undefined {
  const tail = MIDDLE.length + HEX + SUFFIX.length;
  if (line.length < PREFIX.length + tail) return undefined;
  const middleAt = line.length - tail;
  if (line.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0) return undefined;
  if (line.compare(MIDDLE, 0, MIDDLE.length, middleAt, middleAt + MIDDLE.length) !== 0) return undefined;
  if (line.compare(SUFFIX, 0, SUFFIX.length, line.length - SUFFIX.length) !== 0) return undefined;
  const leafHash = line.toString('latin1', middleAt + MIDDLE.length, middleAt + MIDDLE.length + HEX);
  return { canonical: line.subarray(PREFIX.length, middleAt), leafHash };
}

/**
 * Calls `visit` with each line of the file (a view without its newline, valid during the call),
 * in order, reading 1 MiB at a time: memory stays flat whatever the file's size.
 */
export async function eachLine(file: string, visit: (line: Buffer) => void, onChunk?: (chunk: Buffer) => void): Promise<void> {
  let carry: Buffer | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    onChunk?.(chunk);
    const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      visit(buffer.subarray(start, end));
      start = end + 1;
    }
    if (start < buffer.length) carry = Buffer.from(buffer.subarray(start));
  }
  if (carry && carry.length > 0) visit(carry);
}
