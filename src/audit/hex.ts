/** Hashes travel as lowercase hex in the read store, the API and the journal. */
import type { Hash } from './merkle.js';

export const toHex = (hash: Hash): string => hash.toString('hex');

/** A hash from hex; anything else (wrong length, not hex) is refused, never truncated. */
export function fromHex(text: string, what = 'hash'): Hash {
  if (!/^[0-9a-f]{64}$/.test(text)) throw new TypeError(`${what} is not 64 lowercase hex digits: ${JSON.stringify(text).slice(0, 80)}`);
  return Buffer.from(text, 'hex');
}
