/**
 * Application commands other than approval (src/commands/approval.ts): submit, review, reject,
 * withdraw, and the money after approval. Ids of new objects derive from the command id.
 */
import { applicationStream, type Evidence } from '../application/application.js';
import { type ApplicationCommand, applicationDecider } from '../application/decide.js';
import type { QualifyingFact } from '../claim/claim.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { type CommandContext, type CommandEnvelope, envelope, type LedgerDeps } from './context.js';
import { executeCommand } from './execute.js';
import { readEnterprise, readLine } from './lookups.js';

export interface SubmitApplicationInput {
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  qualifyingFact: QualifyingFact;
  requestedFen: Fen;
  evidence: Evidence;
}
export interface ReviewApplicationInput {
  applicationId: string;
  opinion: string;
}
export interface RejectApplicationInput {
  applicationId: string;
  reason: string;
}
export interface WithdrawApplicationInput {
  applicationId: string;
}
/** A payment as the bank records it. */
export interface PaymentInput {
  amountFen: Fen;
  /** Value date, YYYY-MM-DD. */
  paidOn: string;
  paymentReference: string;
}
export interface RecordDisbursementInput extends PaymentInput {
  applicationId: string;
}
export interface DemandClawbackInput {
  applicationId: string;
  amountFen: Fen;
  reason: string;
}
export interface RecordRepaymentInput extends PaymentInput {
  applicationId: string;
  clawbackId: string;
}
export interface WaiveClawbackInput {
  applicationId: string;
  clawbackId: string;
  reason: string;
}

type Type = ApplicationCommand['type'];
type DataOf<T extends Type> = Omit<Extract<ApplicationCommand, { type: T }>['data'], 'applicationId' | 'now'>;

/**
 * One command on an existing application: its data from the input and the envelope, its ids.
 * (The cast: TypeScript cannot relate a generic `T` to its member of the command union.)
 */
function onApplication<T extends Type, Ids extends Record<string, string>>(
  deps: LedgerDeps,
  ctx: CommandContext,
  type: T,
  input: { applicationId: string },
  data: (env: CommandEnvelope) => DataOf<T>,
  ids: (env: CommandEnvelope) => Ids = () => ({}) as Ids,
) {
  const env = envelope(deps, type, input, ctx);
  const { applicationId } = input;
  return executeCommand(deps, env, {
    stream: applicationStream(applicationId),
    decider: applicationDecider,
    command: async () => ({ type, data: { ...data(env), applicationId, now: env.now } }) as unknown as ApplicationCommand,
    ids: { applicationId, ...ids(env) },
  });
}

export function submitApplication(deps: LedgerDeps, input: SubmitApplicationInput, ctx: CommandContext) {
  const env = envelope(deps, 'SubmitApplication', input, ctx);
  const applicationId = deterministicId(env.commandId, 'application');
  return executeCommand(deps, env, {
    stream: applicationStream(applicationId),
    decider: applicationDecider,
    command: async () => ({
      type: 'SubmitApplication' as const,
      data: {
        ...input,
        applicationId,
        submittedBy: ctx.actorId,
        enterprise: await readEnterprise(deps.store, input.creditCode),
        line: await readLine(deps.store, input.lineCode),
        now: env.now,
      },
    }),
    ids: { applicationId },
  });
}

export const reviewApplication = (deps: LedgerDeps, input: ReviewApplicationInput, ctx: CommandContext) =>
  onApplication(deps, ctx, 'ReviewApplication', input, () => ({ reviewedBy: ctx.actorId, opinion: input.opinion }));

export const rejectApplication = (deps: LedgerDeps, input: RejectApplicationInput, ctx: CommandContext) =>
  onApplication(deps, ctx, 'RejectApplication', input, () => ({ rejectedBy: ctx.actorId, reason: input.reason }));

export const withdrawApplication = (deps: LedgerDeps, input: WithdrawApplicationInput, ctx: CommandContext) =>
  onApplication(deps, ctx, 'WithdrawApplication', input, () => ({ withdrawnBy: ctx.actorId }));

const payment = ({ amountFen, paidOn, paymentReference }: PaymentInput, ctx: CommandContext) => ({
  amountFen,
  paidOn,
  paymentReference,
  recordedBy: ctx.actorId,
});

export const recordDisbursement = (deps: LedgerDeps, input: RecordDisbursementInput, ctx: CommandContext) => {
  const disbursementId = (env: CommandEnvelope) => deterministicId(env.commandId, 'disbursement');
  return onApplication(
    deps, ctx, 'RecordDisbursement', input,
    (env) => ({ ...payment(input, ctx), disbursementId: disbursementId(env) }),
    (env) => ({ disbursementId: disbursementId(env) }),
  );
};

export const demandClawback = (deps: LedgerDeps, input: DemandClawbackInput, ctx: CommandContext) => {
  const clawbackId = (env: CommandEnvelope) => deterministicId(env.commandId, 'clawback');
  return onApplication(
    deps, ctx, 'DemandClawback', input,
    (env) => ({ clawbackId: clawbackId(env), amountFen: input.amountFen, reason: input.reason, demandedBy: ctx.actorId }),
    (env) => ({ clawbackId: clawbackId(env) }),
  );
};

export const recordRepayment = (deps: LedgerDeps, input: RecordRepaymentInput, ctx: CommandContext) => {
  const repaymentId = (env: CommandEnvelope) => deterministicId(env.commandId, 'repayment');
  return onApplication(
    deps, ctx, 'RecordRepayment', input,
    (env) => ({ ...payment(input, ctx), clawbackId: input.clawbackId, repaymentId: repaymentId(env) }),
    (env) => ({ clawbackId: input.clawbackId, repaymentId: repaymentId(env) }),
  );
};

export const waiveClawback = (deps: LedgerDeps, input: WaiveClawbackInput, ctx: CommandContext) =>
  onApplication(
    deps, ctx, 'WaiveClawback', input,
    () => ({ clawbackId: input.clawbackId, reason: input.reason, waivedBy: ctx.actorId }),
    () => ({ clawbackId: input.clawbackId }),
  );
