/**
 * Test data in the policy's terms: credit codes, firms of Xuchang, the built-in lines.
 */
import { checkCharacter } from '../../src/enterprise/credit-code.js';
import type { BenefitLineDefinition } from '../../src/catalog/catalog.js';
import { XUCHANG_2016_8_LINES } from '../../src/catalog/xuchang-2016-8.js';

export const NOW = '2016-06-01T09:00:00.000Z';

/** A valid code of a firm registered in Yuzhou (411081): "91" + division + "MA" + 7 digits + check. */
export function creditCode(serial: number, division = '411081'): string {
  const first17 = `91${division}MA${String(serial).padStart(7, '0')}`;
  return first17 + checkCharacter(first17);
}

export function builtInLine(lineCode: string): BenefitLineDefinition {
  const line = XUCHANG_2016_8_LINES.find((l) => l.lineCode === lineCode);
  if (!line) throw new Error(`no built-in line ${lineCode}`);
  return line;
}

/** Whole yuan to fen, so tests read like the policy: yuan(100_000) is ¥100,000. */
export function yuan(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new Error(`yuan(${amount}): whole yuan only`);
  return amount * 100;
}
