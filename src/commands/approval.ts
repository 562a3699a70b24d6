/**
 * The approval process: one approval reserves in four streams, each append atomic on its own.
 * The application's stream decides the outcome (ApplicationApproved or ApprovalAbandoned, at its
 * exact revision); the fact claim, the entitlement and the budget line hold the approval's
 * reservations until then, and release them only once the application says "abandoned".
 * Every step has a deterministic event id and is a no-op when its stream already shows it, so
 * any number of runs of one approval (a retry, a recovery at start) end in the same state.
 * See docs/approval-process.md.
 */
import { type ApplicationState, type Approval, applicationStream, type Submission } from '../application/application.js';
import { type ApplicationCommand, applicationDecider } from '../application/decide.js';
import { budgetStream } from '../budget/budget.js';
import { budgetDecider } from '../budget/decide.js';
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import { activeClaims, claimStream } from '../claim/claim.js';
import { claimDecider, type Prerequisite } from '../claim/decide.js';
import { entitlementDecider } from '../entitlement/decide.js';
import { entitlementStream, reservedInYearFen } from '../entitlement/entitlement.js';
import type { EventMetadata, Position, RecordedEvent } from '../eventstore/port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { DomainError, type DomainErrorCode } from '../shared/errors.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { once } from './command-record.js';
import { type CommandContext, type CommandEnvelope, envelope, type LedgerDeps, writtenId } from './context.js';
import { causedBy, type ClaimKey, handleCommand, load, type Write } from './handle.js';
import { loadApplication, readEntitlement, readLine } from './lookups.js';

export interface ApproveApplicationInput {
  applicationId: string;
  /** The approver's amount: required for per-case lines, optional (at most the rule's maximum) for computed ones, exactly the amount for fixed rewards. */
  amountFen?: Fen;
}

export interface ApprovalResult {
  position: Position;
  applicationId: string;
  approvalId: string;
  amountFen: Fen;
}

/** How one approval ended, or that the application has none in progress. */
export type ApprovalOutcome =
  | { outcome: 'none'; applicationId: string }
  | ({ outcome: 'approved' } & ApprovalResult)
  | { outcome: 'abandoned'; applicationId: string; approvalId: string; code: DomainErrorCode; reason: string };

/** The approval a command starts: deterministic from its idempotency key and its payload (the application). */
const approvalIdOf = (env: CommandEnvelope) => writtenId(env, 'approval');

/** Every step's events get ids from the approval and the step, so a retried step writes nothing twice. */
function stepWrite<E>(metadata: EventMetadata, approvalId: string, step: string): Write<E> {
  return { metadata, eventIds: (events) => events.map((_, i) => deterministicId(approvalId, step, String(i))) };
}

// ── Reservations ────────────────────────────────────────────────────────────────────────────

/** One stream the approval reserves in: try it (no write), take it, give it back. */
interface Reservation {
  dryRun(): Promise<void>;
  reserve(metadata: EventMetadata): Promise<void>;
  release(metadata: EventMetadata): Promise<void>;
}

interface ReservationSpec<S, C, E extends DomainEvent> {
  /** Names the step in its events' ids; its release is "<step>-released". */
  step: string;
  stream: string;
  decider: Decider<S, C, E>;
  /** Built when needed: it may look things up. */
  reserve: () => Promise<C>;
  release: C;
}

function reservation<S, C, E extends DomainEvent>(deps: LedgerDeps, approvalId: string, spec: ReservationSpec<S, C, E>): Reservation {
  const { step, stream, decider } = spec;
  return {
    dryRun: async () => {
      decider.decide(await spec.reserve(), (await load(deps.store, stream, decider)).state);
    },
    reserve: async (metadata) => {
      await handleCommand(deps.store, stream, decider, await spec.reserve(), stepWrite(metadata, approvalId, step));
    },
    release: async (metadata) => {
      await handleCommand(deps.store, stream, decider, spec.release, stepWrite(metadata, approvalId, `${step}-released`));
    },
  };
}

/** For a companion line: which of the firm's claims on the principal line belong to approved applications. */
async function prerequisiteOf(deps: LedgerDeps, stream: string, line: BenefitLineDefinition, creditCode: string) {
  if (line.companionOf === undefined) return undefined;
  const principal = line.companionOf;
  const claims = activeClaims((await load(deps.store, stream, claimDecider)).state);
  const candidates = claims.filter((c) => c.lineCode === principal && c.creditCode === creditCode);
  const approved: string[] = [];
  for (const claim of candidates) {
    const { state } = await loadApplication(deps.store, claim.applicationId);
    if (state.status === 'approved' && state.approvalId === claim.approvalId) approved.push(claim.applicationId);
  }
  return { lineCode: principal, approvedApplicationIds: approved } satisfies Prerequisite;
}

/** The three reservations of one approval, in the order they are taken. */
function reservations(deps: LedgerDeps, submission: Submission, approval: Approval, line: BenefitLineDefinition): Reservation[] {
  const { applicationId, creditCode, lineCode, fiscalYear, qualifyingFact: fact, budgetLineId } = submission;
  const { approvalId, amountFen } = approval;
  const exclusivityGroup = approval.exclusivityGroup ?? line.exclusivityGroup;
  const now = deps.clock().toISOString();
  const claim = claimStream(exclusivityGroup, fact);
  const yearlyCapFen = line.rule.kind === 'cost-share' ? line.rule.yearlyCapFen : undefined;
  const claimFact = async () => ({
    type: 'ClaimFact' as const,
    data: {
      exclusivityGroup, fact, applicationId, approvalId, lineCode, creditCode, fiscalYear, now,
      paidYearly: yearlyCapFen !== undefined || line.frequency === 'once-per-beneficiary-per-year',
      prerequisite: await prerequisiteOf(deps, claim, line, creditCode),
    },
  });
  const reserveEntitlement = async () => ({
    type: 'ReserveEntitlement' as const,
    data: { lineCode, creditCode, fiscalYear, applicationId, approvalId, amountFen, frequency: line.frequency, yearlyCapFen, now },
  });
  const commitBudget = async () => ({ type: 'CommitBudget' as const, data: { budgetLineId, applicationId, approvalId, amountFen, now } });
  return [
    reservation(deps, approvalId, {
      step: 'fact-claimed', stream: claim, decider: claimDecider, reserve: claimFact,
      release: { type: 'ReleaseFactClaim', data: { approvalId, now } },
    }),
    reservation(deps, approvalId, {
      step: 'entitlement-reserved', stream: entitlementStream(lineCode, creditCode), decider: entitlementDecider, reserve: reserveEntitlement,
      release: { type: 'ReleaseEntitlement', data: { approvalId, now } },
    }),
    reservation(deps, approvalId, {
      step: 'budget-committed', stream: budgetStream(budgetLineId), decider: budgetDecider, reserve: commitBudget,
      release: { type: 'ReleaseBudget', data: { approvalId, now } },
    }),
  ];
}

async function definedLine(deps: LedgerDeps, lineCode: string): Promise<BenefitLineDefinition> {
  const line = await readLine(deps.store, lineCode);
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${lineCode} is not defined`);
  return line.line;
}

// ── Driving one approval to its end ─────────────────────────────────────────────────────────

interface Run {
  deps: LedgerDeps;
  applicationId: string;
  approvalId: string;
  plan: Reservation[];
  /** The approval's own metadata (who approved, under which command), stamped with the time of this run. */
  metadata: EventMetadata;
}

const startedEvent = (events: RecordedEvent[], approvalId: string) =>
  events.find((e) => e.type === 'ApprovalStarted' && (e.data as { approvalId: string }).approvalId === approvalId);

async function approvedPosition(run: Run): Promise<Position> {
  const { events } = await loadApplication(run.deps.store, run.applicationId);
  const approved = events.find((e) => e.type === 'ApplicationApproved' && (e.data as { approvalId: string }).approvalId === run.approvalId);
  return approved!.position;
}

/** Acts on what the application's stream decided: approved, nothing to do; abandoned, release everything. */
async function settle(run: Run, state: ApplicationState, position?: Position): Promise<ApprovalOutcome> {
  const approval = state.status === 'none' ? undefined : state.approvals[run.approvalId];
  const { applicationId, approvalId } = run;
  if (approval?.outcome === 'approved') {
    return { outcome: 'approved', applicationId, approvalId, amountFen: approval.amountFen, position: position ?? (await approvedPosition(run)) };
  }
  if (approval?.outcome !== 'abandoned') throw new Error(`approval ${approvalId} of ${applicationId} is still pending`);
  for (const step of [...run.plan].reverse()) await step.release(run.metadata);
  return { outcome: 'abandoned', applicationId, approvalId, code: approval.code as DomainErrorCode, reason: approval.reason ?? '' };
}

async function conclude(run: Run, command: ApplicationCommand, step: string): Promise<ApprovalOutcome> {
  const stream = applicationStream(run.applicationId);
  const handled = await handleCommand(run.deps.store, stream, applicationDecider, command, stepWrite(run.metadata, run.approvalId, step));
  return settle(run, handled.state, handled.written > 0 && command.type === 'CompleteApproval' ? handled.position : undefined);
}

/** Takes the reservations the application's stream still lacks, then approves; or abandons and compensates. */
async function drive(deps: LedgerDeps, applicationId: string, approvalId: string): Promise<ApprovalOutcome> {
  const { state, events } = await loadApplication(deps.store, applicationId);
  const started = startedEvent(events, approvalId);
  if (state.status === 'none' || !started) return { outcome: 'none', applicationId };
  const approval = state.approvals[approvalId]!;
  const now = deps.clock().toISOString();
  const plan = reservations(deps, state.submission, approval, await definedLine(deps, state.submission.lineCode));
  const run: Run = { deps, applicationId, approvalId, plan, metadata: { ...started.metadata, recordedAt: now } };
  if (approval.outcome !== 'pending') return settle(run, state);
  try {
    for (const step of plan) await step.reserve(run.metadata);
  } catch (error) {
    // Losing every retry to concurrent writers is no refusal: leave the approval pending for a retry or recovery.
    if (!(error instanceof DomainError) || error.code === 'CONCURRENCY_EXHAUSTED') throw error;
    const abandon = { approvalId, code: error.code, reason: error.message };
    return conclude(run, { type: 'AbandonApproval', data: { ...abandon, applicationId, now } }, 'abandoned');
  }
  return conclude(run, { type: 'CompleteApproval', data: { applicationId, approvalId, now } }, 'approved');
}

// ── Starting, resuming ──────────────────────────────────────────────────────────────────────

/**
 * Completes or compensates whatever approval of this application was left half-done (a crash, a
 * lost connection): the one still approving, and abandoned ones whose releases were interrupted.
 * Returns how the last of them ended ("none" when there was nothing to do).
 */
export async function resumeApproval(deps: LedgerDeps, applicationId: string): Promise<ApprovalOutcome> {
  const { state } = await loadApplication(deps.store, applicationId);
  let outcome: ApprovalOutcome = { outcome: 'none', applicationId };
  if (state.status === 'none') return outcome;
  for (const approval of Object.values(state.approvals).filter((a) => a.outcome !== 'approved')) {
    outcome = await drive(deps, applicationId, approval.approvalId);
  }
  return outcome;
}

/** Writes ApprovalStarted, after checking on the streams as they are now that every reservation would be taken. */
async function start(deps: LedgerDeps, input: ApproveApplicationInput, env: ReturnType<typeof envelope>, approvalId: string, claimKey: ClaimKey) {
  const { applicationId } = input;
  const { state } = await loadApplication(deps.store, applicationId);
  if (state.status === 'none') throw new DomainError('NOT_FOUND', `there is no application ${applicationId}`);
  const { lineCode, creditCode, fiscalYear } = state.submission;
  const line = await readLine(deps.store, lineCode);
  const reserved = reservedInYearFen(await readEntitlement(deps.store, lineCode, creditCode), fiscalYear);
  const command: ApplicationCommand = {
    type: 'StartApproval',
    data: { applicationId, approvalId, approvedBy: env.metadata.actorId, amountFen: input.amountFen, line, reservedInYearFen: reserved, now: env.now },
  };
  const [started] = applicationDecider.decide(command, state);
  if (started?.type === 'ApprovalStarted' && line.status === 'defined') {
    const approval: Approval = { ...started.data, outcome: 'pending' };
    for (const step of reservations(deps, state.submission, approval, line.line)) await step.dryRun();
  }
  await handleCommand(deps.store, applicationStream(applicationId), applicationDecider, command, {
    ...stepWrite(env.metadata, approvalId, 'started'),
    claimKey,
  });
}

/** Approves an application: start, reserve the fact, the entitlement and the budget, then complete. */
export async function approveApplication(deps: LedgerDeps, input: ApproveApplicationInput, ctx: CommandContext): Promise<ApprovalResult> {
  const env = envelope(deps, 'ApproveApplication', input, ctx);
  return once(deps, env, async (claimKey) => {
    const approvalId = approvalIdOf(env);
    const { events } = await loadApplication(deps.store, input.applicationId);
    // The key's claim refuses another payload; a ledger written before claims existed shows it here only.
    causedBy(events, env);
    if (!startedEvent(events, approvalId)) {
      // Finish or compensate any earlier approval first, so this one starts from a settled application.
      await resumeApproval(deps, input.applicationId);
      await start(deps, input, env, approvalId, claimKey);
    }
    const outcome = await drive(deps, input.applicationId, approvalId);
    if (outcome.outcome === 'abandoned') throw new DomainError(outcome.code, outcome.reason);
    if (outcome.outcome === 'none') throw new Error(`approval ${approvalId} did not start`);
    const { outcome: _outcome, ...result } = outcome;
    return result;
  });
}
