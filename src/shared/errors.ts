/**
 * Domain errors: a stable code for machines and a sentence a case officer understands.
 * The GraphQL layer maps the code to `extensions.code`/`extensions.reason` in one place.
 */
export type DomainErrorCode =
  | 'INVALID_CREDIT_CODE'
  | 'INVALID_INPUT'
  | 'AMOUNT_INVALID'
  | 'BUDGET_EXCEEDED'
  | 'CAP_EXCEEDED'
  | 'ALREADY_AWARDED'
  | 'DOUBLE_DIPPING'
  | 'PREREQUISITE_MISSING'
  | 'NOT_ELIGIBLE'
  | 'FOUR_EYES'
  | 'INVALID_TRANSITION'
  | 'ALREADY_EXISTS'
  | 'NOT_FOUND'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CONCURRENCY_EXHAUSTED'
  /** Under public notice (公示), or on a line whose notice has not been published. */
  | 'NOTICE_PERIOD'
  /** An objection to the notice (异议) not yet upheld or dismissed. */
  | 'OBJECTION_OPEN'
  /** The booking falls in a fiscal year Finance has closed (结账): correct it in an open year. */
  | 'PERIOD_CLOSED';

/** Figures and ids behind a refusal, for a caller that words it with more than the decider knows. */
export type DomainErrorDetails = Readonly<Record<string, string | number>>;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
