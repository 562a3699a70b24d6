/**
 * Money: integer fen (分) inside the ledger, a decimal yuan string ("100000.00") at the edges.
 * Never a JS float: parsing and formatting work on digits only.
 */
import { DomainError } from './errors.js';

/** Integer number of fen; 100 fen = ¥1. */
export type Fen = number;

/** The largest amount the ledger accepts in one figure: ¥10,000,000,000 (ten billion). */
export const MAX_FEN: Fen = 1_000_000_000_000;

const DECIMAL = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

export function parseYuan(text: string): Fen {
  if (!DECIMAL.test(text)) {
    throw new DomainError(
      'AMOUNT_INVALID',
      `"${text}" is not an amount in yuan: use digits with at most two decimals, e.g. "100000.00"`,
    );
  }
  const [whole, frac = ''] = text.split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) {
    throw new DomainError('AMOUNT_INVALID', `${text} exceeds the largest amount the ledger accepts`);
  }
  return fen;
}

export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const frac = String(abs % 100).padStart(2, '0');
  return `${sign}${Math.floor(abs / 100)}.${frac}`;
}

/** A positive whole amount of fen, or AMOUNT_INVALID naming what it is for. */
export function assertPositiveFen(fen: Fen, what: string): void {
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen > MAX_FEN) {
    throw new DomainError('AMOUNT_INVALID', `${what} must be a positive amount, at most ¥${formatYuan(MAX_FEN)}`);
  }
}

/** `fen × basisPoints / 10000`, rounded down to the fen (the ledger never pays a part-fen up). */
export function applyRate(fen: Fen, basisPoints: number): Fen {
  return applyRateToMean([fen], basisPoints);
}

/**
 * The rate of the mean of several amounts (e.g. 1% of 季均余额, the mean of four quarter-end
 * balances), rounded down once, at the end: `Σ amounts × basisPoints / (10000 × count)`.
 */
export function applyRateToMean(amounts: readonly Fen[], basisPoints: number): Fen {
  const sum = amounts.reduce((total, fen) => total + BigInt(fen), 0n);
  return Number((sum * BigInt(basisPoints)) / (10_000n * BigInt(amounts.length)));
}
