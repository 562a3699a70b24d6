/**
 * An export's request as the HTTP query string or the command line gives it (`name=value`
 * pairs), checked like the API checks the same fields: the disbursement filter of
 * `disbursements(filter:)` and the fiscal year of the event history. Anything the request may
 * not ask is refused with a sentence saying why, before a byte of the file is written.
 */
import type { DisbursementFilter } from '../../projections/disbursement-history/queries.js';
import { creditCodeProblem } from '../enterprise/credit-code.js';
import type { Principal } from '../graphql/auth/principal.js';
import { Role } from '../graphql/auth/role.js';
import { isCalendarDate } from '../graphql/scalars/date.scalar.js';
import { TEXT, textProblem } from '../graphql/shared/text.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear } from '../shared/fiscal-year.js';
import { parseYuan } from '../shared/money.js';
import { type TableFormat, TABLE_FORMATS } from './table.js';

/** Why an export is refused: 400 for a bad request, 401 without a valid token, 403 for what the role may not have, 405 for a method. */
export class ExportRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 405,
    message: string,
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new ExportRefused(400, message);

/** The request's parameters, each given at most once. */
export type Params = ReadonlyMap<string, string>;

/** `?a=1&b=2` as parameters; a name given twice is refused (which one would count?). */
export function paramsOfQuery(search: string): Params {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (params.has(name)) throw badRequest(`"${name}" is given more than once`);
    params.set(name, value);
  }
  return params;
}

type Parser<T> = (value: string, name: string) => T;

const text =
  (limit: (typeof TEXT)[keyof typeof TEXT]): Parser<string> =>
  (value, name) => {
    const problem = value === '' ? `${name} must not be empty` : textProblem(name, value, limit);
    if (problem) throw badRequest(problem);
    return value;
  };

const fiscalYear: Parser<number> = (value, name) => {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  try {
    assertFiscalYear(year);
  } catch {
    throw badRequest(`${name} must be a fiscal year such as 2025 (got "${value}")`);
  }
  return year;
};

const date: Parser<string> = (value, name) => {
  if (!isCalendarDate(value)) throw badRequest(`${name} must be a calendar date YYYY-MM-DD (got "${value}")`);
  return value;
};

const amount: Parser<number> = (value, name) => {
  try {
    return parseYuan(value);
  } catch (error) {
    throw badRequest(`${name}: ${error instanceof DomainError ? error.message : String(error)}`);
  }
};

const creditCode: Parser<string> = (value, name) => {
  const problem = creditCodeProblem(value);
  if (problem) throw badRequest(`${name}: ${problem}`);
  return value;
};

/** The API's `DisbursementFilterInput`, field by field, with its names; amounts in yuan as there. */
const DISBURSEMENT_FILTERS = {
  creditCode: ['creditCode', creditCode],
  lineCode: ['lineCode', text(TEXT.CODE)],
  fiscalYear: ['fiscalYear', fiscalYear],
  payer: ['payer', text(TEXT.CODE)],
  county: ['county', text(TEXT.CODE)],
  paidFrom: ['paidFrom', date],
  paidTo: ['paidTo', date],
  minAmount: ['minAmountFen', amount],
  maxAmount: ['maxAmountFen', amount],
  approvedBy: ['approvedBy', text(TEXT.NAME)],
} as const satisfies Record<string, readonly [keyof DisbursementFilter, Parser<unknown>]>;

export const DISBURSEMENT_FILTER_NAMES = Object.keys(DISBURSEMENT_FILTERS);

function refuseUnknown(params: Params, known: readonly string[]): void {
  for (const name of params.keys()) {
    if (!known.includes(name)) throw badRequest(`"${name}" is not a parameter of this export; it takes ${known.join(', ')}`);
  }
}

/** The disbursement filter the parameters ask for (format aside). */
export function disbursementFilterOf(params: Params, other: readonly string[] = []): DisbursementFilter {
  refuseUnknown(params, [...DISBURSEMENT_FILTER_NAMES, ...other]);
  const filter: Record<string, unknown> = {};
  for (const [name, [field, parse]] of Object.entries(DISBURSEMENT_FILTERS)) {
    const value = params.get(name);
    if (value !== undefined) filter[field] = parse(value, name);
  }
  return filter as DisbursementFilter;
}

/**
 * The filter a caller may run: an applicant's is its own firm's, always; asking for another
 * firm is refused in so many words (the API answers NOT_FOUND there; a file that came back empty
 * would look like an answer).
 */
export function scopedFilter(principal: Principal, filter: DisbursementFilter): DisbursementFilter {
  if (principal.role !== Role.APPLICANT) return filter;
  const own = principal.creditCode!;
  if (filter.creditCode !== undefined && filter.creditCode !== own) {
    throw new ExportRefused(403, `an APPLICANT may export its own firm's payments only: creditCode must be ${own} or left out`);
  }
  return { ...filter, creditCode: own };
}

/** The fiscal year asked for, when the parameters hold only that (and `other`). */
export function fiscalYearOf(params: Params, other: readonly string[] = []): number | undefined {
  refuseUnknown(params, ['fiscalYear', ...other]);
  const year = params.get('fiscalYear');
  return year === undefined ? undefined : fiscalYear(year, 'fiscalYear');
}

/** The fiscal year whose events are asked for: required. */
export function eventYearOf(params: Params, other: readonly string[] = []): number {
  const year = fiscalYearOf(params, other);
  if (year === undefined) throw badRequest('fiscalYear is required: the event history is exported one fiscal year at a time');
  return year;
}

export function tableFormatOf(value: string | undefined): TableFormat {
  if (!TABLE_FORMATS.includes(value as TableFormat)) throw badRequest(`the format must be ${TABLE_FORMATS.join(' or ')} (got "${value}")`);
  return value as TableFormat;
}
