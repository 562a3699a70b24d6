/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 18 characters from
 * `0-9A-HJ-NPQRTUWXY` (31 characters: no I, O, S, V, Z), the last a check character.
 */
import { DomainError } from '../shared/errors.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const LENGTH = 18;

/** Weight of position i (1-based): 3^(i-1) mod 31. */
const WEIGHTS = Array.from({ length: LENGTH - 1 }, (_, i) => 3 ** i % 31);

/** A code of the alphabet's characters only: the usual case, checked without a copy of its characters. */
const IN_ALPHABET = /^[0-9A-HJ-NPQRTUWXY]*$/;

/** Each ASCII character's place in the alphabet, by its char code; -1 for one not in it. */
const PLACE = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

/** The check character (校验码) of the first 17 characters, which must be from the alphabet. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < first17.length; i++) sum += (PLACE[first17.charCodeAt(i)] ?? -1) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** What is wrong with a code, in words a case officer can act on; `undefined` when it is valid. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== LENGTH) {
    return `a Unified Social Credit Code has ${LENGTH} characters; "${code}" has ${code.length}`;
  }
  const bad = IN_ALPHABET.test(code) ? -1 : [...code].findIndex((ch) => !ALPHABET.includes(ch));
  if (bad >= 0) {
    return (
      `character "${code[bad]}" at position ${bad + 1} is not allowed: ` +
      'the code uses digits and capital letters except I, O, S, V and Z'
    );
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return `positions 3 to 8 are the administrative division code (行政区划码) and are digits; "${code.slice(2, 8)}" is not`;
  }
  const expected = checkCharacter(code.slice(0, LENGTH - 1));
  const got = code[LENGTH - 1];
  return expected === got
    ? undefined
    : `check character expected ${expected}, got ${got}: the code is mistyped or not a real code`;
}

export function assertCreditCode(code: string): void {
  const problem = creditCodeProblem(code);
  if (problem) throw new DomainError('INVALID_CREDIT_CODE', `invalid credit code: ${problem}`);
}
