/**
 * The ledger's one entry point for writes: one async method per command. The GraphQL layer
 * and the start-up code call exactly this.
 *
 * Every method takes `(input, ctx)`: `input` in the domain's terms (money as integer fen: the
 * API layer parses decimal yuan strings), `ctx` saying who acts, with the command's idempotency
 * key (the same key sent twice is handled once and returns the first result; the same key with
 * another input is refused with IDEMPOTENCY_KEY_REUSED), an optional correlation id and the 文号
 * it acts on. Every method returns `{ position, ...the ids it affected }`, where `position` is
 * the global log position of the last event written (or found, when the command was already
 * handled): a reader can wait for its projections to reach it. Ids of new objects (application,
 * disbursement, clawback, repayment, approval) are derived from the idempotency key.
 *
 * Refusals throw `DomainError` with a stable `code` (INVALID_CREDIT_CODE, AMOUNT_INVALID,
 * BUDGET_EXCEEDED, CAP_EXCEEDED, ALREADY_AWARDED, DOUBLE_DIPPING, PREREQUISITE_MISSING,
 * NOT_ELIGIBLE, FOUR_EYES, INVALID_TRANSITION, ALREADY_EXISTS, NOT_FOUND, INVALID_INPUT,
 * IDEMPOTENCY_KEY_REUSED, CONCURRENCY_EXHAUSTED) and a message a case officer understands.
 */
import * as application from './commands/application.js';
import { approveApplication, resumeApproval } from './commands/approval.js';
import * as budget from './commands/budget.js';
import * as catalog from './commands/catalog.js';
import type { CommandContext, LedgerDeps } from './commands/context.js';
import * as enterprise from './commands/enterprise.js';
import { recoverPendingApprovals } from './commands/recovery.js';

export type { CommandContext, LedgerDeps } from './commands/context.js';
export type { ActorContext, AmendBenefitLineInput, DefineBenefitLineInput, PublishPolicyInput } from './commands/catalog.js';
export type { RegisterEnterpriseInput } from './commands/enterprise.js';
export type { AdjustBudgetInput, AllocateBudgetInput } from './commands/budget.js';
export type {
  DemandClawbackInput,
  PaymentInput,
  RecordDisbursementInput,
  RecordRepaymentInput,
  RejectApplicationInput,
  ReviewApplicationInput,
  SubmitApplicationInput,
  WaiveClawbackInput,
  WithdrawApplicationInput,
} from './commands/application.js';
export type { ApprovalOutcome, ApprovalResult, ApproveApplicationInput } from './commands/approval.js';

type Method<I, R> = (input: I, ctx: CommandContext) => Promise<R>;

/** Binds a command function to the ledger's dependencies. */
const bind =
  <I, R>(deps: LedgerDeps, command: (deps: LedgerDeps, input: I, ctx: CommandContext) => Promise<R>): Method<I, R> =>
  (input, ctx) =>
    command(deps, input, ctx);

export function createLedger(deps: LedgerDeps) {
  return {
    // ── Register and catalog ──────────────────────────────────────────────────────────────
    /** Registers a beneficiary by its Unified Social Credit Code (统一社会信用代码, check character verified). Returns `{ creditCode }`. */
    registerEnterprise: bind(deps, enterprise.registerEnterprise),
    /** Publishes a policy (文号, issuer, articles). Returns `{ policyCode }`. */
    publishPolicy: bind(deps, catalog.publishPolicy),
    /** Defines a benefit line of a published policy: rule, payer, lead and cooperating units, exclusivity group. Returns `{ lineCode }`. */
    defineBenefitLine: bind(deps, catalog.defineBenefitLine),
    /** Amends a benefit line; the amended whole must still be a valid line. Returns `{ lineCode }`. */
    amendBenefitLine: bind(deps, catalog.amendBenefitLine),
    /**
     * Publishes the built-in 许政〔2016〕8号 and its eight lines unless an earlier start did: its
     * idempotency keys come with the data, so `ctx` names only the actor. Returns `{ policyCode, lineCodes }`.
     */
    loadBuiltInCatalog: (ctx: catalog.ActorContext) => catalog.loadBuiltInCatalog(deps, ctx),

    // ── Budget (Finance) ──────────────────────────────────────────────────────────────────
    /** Allocates a budget line per benefit line, fiscal year and payer. Returns `{ budgetLineId }` ("<line>.<year>.<payer>"). */
    allocateBudget: bind(deps, budget.allocateBudget),
    /** Adds to or cuts a budget line; never below what approvals hold. Returns `{ budgetLineId }`. */
    adjustBudget: bind(deps, budget.adjustBudget),

    // ── Applications ──────────────────────────────────────────────────────────────────────
    /** Submits an application with its qualifying fact and evidence; the submitter is `ctx.actorId`. Returns `{ applicationId }`. */
    submitApplication: bind(deps, application.submitApplication),
    /** The applicant withdraws a submitted or reviewed application. Returns `{ applicationId }`. */
    withdrawApplication: bind(deps, application.withdrawApplication),
    /** An officer reviews a submitted application. Returns `{ applicationId }`. */
    reviewApplication: bind(deps, application.reviewApplication),
    /**
     * Approves a reviewed application at the amount the rule allows: claims its qualifying fact,
     * reserves the beneficiary's entitlement and commits the budget, all or nothing. The approver
     * (`ctx.actorId`) is neither the submitter nor the reviewer. Returns `{ applicationId, approvalId, amountFen }`.
     */
    approveApplication: bind(deps, approveApplication),
    /** Rejects a submitted or reviewed application, with a reason. Returns `{ applicationId }`. */
    rejectApplication: bind(deps, application.rejectApplication),

    // ── Money after approval ──────────────────────────────────────────────────────────────
    /** Records a payment (a tranche) of an approved grant; the recorder did not approve it. Returns `{ applicationId, disbursementId }`. */
    recordDisbursement: bind(deps, application.recordDisbursement),
    /** Demands money back (追回), at most what was paid and not yet demanded. Returns `{ applicationId, clawbackId }`. */
    demandClawback: bind(deps, application.demandClawback),
    /** Records a repayment against a clawback, at most what is outstanding on it. Returns `{ applicationId, clawbackId, repaymentId }`. */
    recordRepayment: bind(deps, application.recordRepayment),
    /** Waives what is outstanding on a clawback. Returns `{ applicationId, clawbackId }`. */
    waiveClawback: bind(deps, application.waiveClawback),

    // ── Recovery ──────────────────────────────────────────────────────────────────────────
    /** At start: completes or compensates every approval a crash left half-done. Returns how each ended. */
    recoverPendingApprovals: () => recoverPendingApprovals(deps),
    /** Completes or compensates the half-done approval of one application, if any. */
    resumeApproval: (applicationId: string) => resumeApproval(deps, applicationId),
  };
}

export type Ledger = ReturnType<typeof createLedger>;
