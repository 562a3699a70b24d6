/** Checks several rule kinds share. */
import { DomainError } from '../../shared/errors.js';
import { type Fen, formatYuan, MAX_FEN } from '../../shared/money.js';

export function invalid(message: string): never {
  throw new DomainError('INVALID_INPUT', message);
}

export function assertRate(basisPoints: number): void {
  if (!Number.isInteger(basisPoints) || basisPoints <= 0 || basisPoints > 10_000) {
    invalid(`a rate is a whole number of basis points between 1 and 10000 (100%); got ${basisPoints}`);
  }
}

/** Amounts of evidence (costs, balances): whole, non-negative fen. */
export function assertAmounts(amounts: readonly Fen[], what: string): void {
  if (amounts.some((fen) => !Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN)) {
    throw new DomainError('AMOUNT_INVALID', `${what} are whole, non-negative amounts of fen, each at most ¥${formatYuan(MAX_FEN)}`);
  }
}
