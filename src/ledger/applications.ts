/**
 * The ledger's application commands: submit, review, approve, reject, withdraw, and the money
 * after approval. Each builds its decider's command from the input and hands it to command
 * handling; ids of new objects derive from the command id.
 */
import { applicationStream } from '../application/application.js';
import { type ApplicationCommand, applicationDecider } from '../application/decide.js';
import { approveApplication, resumeApproval } from '../commands/approval.js';
import type { CommandContext, CommandDeps, CommandEnvelope } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import { isYearClosed, readEnterprise, readLine } from '../commands/lookups.js';
import { recoverPendingApprovals, type RecoveryFailure } from '../commands/recovery.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';

type DataOf<T extends ApplicationCommand['type']> = Extract<ApplicationCommand, { type: T }>['data'];

/** What the applicant submits; the submitter, the firm and the line are added by the ledger. */
export type SubmitApplicationInput = Omit<DataOf<'SubmitApplication'>, 'applicationId' | 'submittedBy' | 'enterprise' | 'line' | 'now'>;
/** A payment as the bank records it; the recorder is the caller. */
export type PaymentInput = Pick<DataOf<'RecordDisbursement'>, 'amountFen' | 'paidOn' | 'paymentReference'>;

/** A command on an existing application; `command` and `ids` get the envelope (its time, the ids derived from it). */
function onApplication<Ids extends Record<string, string>>(
  deps: CommandDeps,
  ctx: CommandContext,
  type: ApplicationCommand['type'],
  input: { applicationId: string },
  command: (env: CommandEnvelope) => ApplicationCommand | Promise<ApplicationCommand>,
  ids: (env: CommandEnvelope) => Ids,
) {
  const { applicationId } = input;
  return handle(deps, ctx, type, input, (env) => ({
    stream: applicationStream(applicationId),
    decider: applicationDecider,
    command: () => command(env),
    ids: { applicationId, ...ids(env) },
  }));
}

/** For commands that create nothing new: the caller gets the application's id only. */
const noIds = () => ({});

/** A payment, with whether its value date falls in a closed fiscal year (结账). */
const payment = async (deps: CommandDeps, { amountFen, paidOn, paymentReference }: PaymentInput, ctx: CommandContext) => ({
  amountFen,
  paidOn,
  paymentReference,
  recordedBy: ctx.actorId,
  periodClosed: /^\d{4}-/.test(paidOn) && (await isYearClosed(deps, Number(paidOn.slice(0, 4)))),
});

export const applicationCommands = (deps: CommandDeps) => ({
  /** Submits an application with its qualifying fact and evidence; the submitter is `ctx.actorId`. Returns `{ applicationId }`. */
  submitApplication: (input: SubmitApplicationInput, ctx: CommandContext) =>
    handle(deps, ctx, 'SubmitApplication', input, (env) => {
      const applicationId = deterministicId(env.commandId, 'application');
      return {
        stream: applicationStream(applicationId),
        decider: applicationDecider,
        command: async (): Promise<ApplicationCommand> => ({
          type: 'SubmitApplication',
          data: {
            ...input,
            applicationId,
            submittedBy: ctx.actorId,
            enterprise: await readEnterprise(deps, input.creditCode),
            line: await readLine(deps, input.lineCode),
            now: env.now,
          },
        }),
        ids: { applicationId },
      };
    }),

  /** The applicant withdraws a submitted or reviewed application. Returns `{ applicationId }`. */
  withdrawApplication: (input: { applicationId: string }, ctx: CommandContext) =>
    onApplication(deps, ctx, 'WithdrawApplication', input, (env) => ({
      type: 'WithdrawApplication',
      data: { applicationId: input.applicationId, withdrawnBy: ctx.actorId, now: env.now },
    }), noIds),

  /** An officer reviews a submitted application; the reviewer is not the submitter. Returns `{ applicationId }`. */
  reviewApplication: (input: { applicationId: string; opinion: string }, ctx: CommandContext) =>
    onApplication(deps, ctx, 'ReviewApplication', input, (env) => ({
      type: 'ReviewApplication',
      data: { applicationId: input.applicationId, reviewedBy: ctx.actorId, opinion: input.opinion, now: env.now },
    }), noIds),

  /**
   * Approves a reviewed application at the amount the rule allows: claims its qualifying fact,
   * reserves the beneficiary's entitlement and commits the budget, all or nothing. The approver
   * (`ctx.actorId`) is neither the submitter nor the reviewer. Returns `{ applicationId, approvalId, amountFen }`.
   */
  approveApplication: (input: { applicationId: string; amountFen?: Fen }, ctx: CommandContext) => approveApplication(deps, input, ctx),

  /** Rejects a submitted or reviewed application, with a reason. Returns `{ applicationId }`. */
  rejectApplication: (input: { applicationId: string; reason: string }, ctx: CommandContext) =>
    onApplication(deps, ctx, 'RejectApplication', input, (env) => ({
      type: 'RejectApplication',
      data: { applicationId: input.applicationId, rejectedBy: ctx.actorId, reason: input.reason, now: env.now },
    }), noIds),

  /** Records a payment (a tranche) of an approved grant; the recorder did not approve it. Returns `{ applicationId, disbursementId }`. */
  recordDisbursement: (input: PaymentInput & { applicationId: string }, ctx: CommandContext) => {
    const disbursementId = (env: CommandEnvelope) => deterministicId(env.commandId, 'disbursement');
    return onApplication(deps, ctx, 'RecordDisbursement', input, async (env) => ({
      type: 'RecordDisbursement',
      data: { ...(await payment(deps, input, ctx)), applicationId: input.applicationId, disbursementId: disbursementId(env), now: env.now },
    }), (env) => ({ disbursementId: disbursementId(env) }));
  },

  /** Demands money back (追回), at most what was paid and not yet demanded. Returns `{ applicationId, clawbackId }`. */
  demandClawback: (input: { applicationId: string; amountFen: Fen; reason: string }, ctx: CommandContext) => {
    const clawbackId = (env: CommandEnvelope) => deterministicId(env.commandId, 'clawback');
    return onApplication(deps, ctx, 'DemandClawback', input, (env) => ({
      type: 'DemandClawback',
      data: { applicationId: input.applicationId, clawbackId: clawbackId(env), amountFen: input.amountFen, reason: input.reason, demandedBy: ctx.actorId, now: env.now },
    }), (env) => ({ clawbackId: clawbackId(env) }));
  },

  /**
   * Records a repayment against a clawback, at most what is outstanding on it; the recorder did
   * not demand it. Returns `{ applicationId, clawbackId, repaymentId }`.
   */
  recordRepayment: (input: PaymentInput & { applicationId: string; clawbackId: string }, ctx: CommandContext) => {
    const repaymentId = (env: CommandEnvelope) => deterministicId(env.commandId, 'repayment');
    const { applicationId, clawbackId } = input;
    return onApplication(deps, ctx, 'RecordRepayment', input, async (env) => ({
      type: 'RecordRepayment',
      data: { ...(await payment(deps, input, ctx)), applicationId, clawbackId, repaymentId: repaymentId(env), now: env.now },
    }), (env) => ({ clawbackId, repaymentId: repaymentId(env) }));
  },

  /** Waives what is outstanding on a clawback; the waiver did not demand it. Returns `{ applicationId, clawbackId }`. */
  waiveClawback: (input: { applicationId: string; clawbackId: string; reason: string }, ctx: CommandContext) =>
    onApplication(deps, ctx, 'WaiveClawback', input, (env) => ({
      type: 'WaiveClawback',
      data: { applicationId: input.applicationId, clawbackId: input.clawbackId, reason: input.reason, waivedBy: ctx.actorId, now: env.now },
    }), () => ({ clawbackId: input.clawbackId })),

  /**
   * At start: completes or compensates every approval a crash left half-done. Returns how each
   * ended; one that cannot be finished now goes to `onFailure` (by default, the recovery fails).
   */
  recoverPendingApprovals: (onFailure?: RecoveryFailure) => recoverPendingApprovals(deps, onFailure),
  /** Completes or compensates the half-done approval of one application, if any. */
  resumeApproval: (applicationId: string) => resumeApproval(deps, applicationId),
});
