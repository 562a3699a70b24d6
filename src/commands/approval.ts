/**
 * Performs the approval process (src/approval/process.ts): reads what the four streams show of
 * one approval, asks the process for the next step, performs it, and asks again until the
 * process says it is finished. Every step has deterministic event ids and is a no-op when its
 * stream already shows it, so any number of runs of one approval (a retry, recovery at start,
 * the sweep) end in the same state. See docs/approval-process.md.
 */
import { type ApplicationState, applicationStream, type Approval, approvalOutcome } from '../application/application.js';
import { type ApplicationCommand, applicationDecider } from '../application/decide.js';
import {
  type ApprovalProgress,
  evolve,
  nextStep,
  observedProgress,
  refusalAbandons,
  type Reservation,
  type ReservationRefused,
} from '../approval/process.js';
import { approvalReservations, type ReservationBasis, type ReservationCommands, reservationStreams } from '../approval/reservations.js';
import { budgetDecider, holdOf as budgetHoldOf } from '../budget/decide.js';
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import { activeClaims } from '../claim/claim.js';
import { claimDecider, holdOf as claimHoldOf, type Prerequisite } from '../claim/decide.js';
import { entitlementDecider, holdOf as entitlementHoldOf } from '../entitlement/decide.js';
import { reservedInYearFen } from '../entitlement/entitlement.js';
import type { EventMetadata, Position, RecordedEvent } from '../eventstore/port.js';
import { noticeStandingOf } from '../notice/notice.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { DomainError, type DomainErrorCode } from '../shared/errors.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { Hold } from '../shared/reservation.js';
import { type CommandContext, type CommandDeps, type CommandEnvelope, envelope, writtenId } from './envelope.js';
import { inFinanceWords, withFinanceWords } from './budget-refusal.js';
import { causedBy, decideAndAppend, type Write } from './handle.js';
import { type ClaimKey, once } from './idempotency.js';
import { isYearClosed, readApplication, readEntitlement, readLine, readNoticeBoard, readQualifyingRecords } from './lookups.js';

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

/** Every step's events get ids from the approval and the step, so a retried step writes nothing twice. */
function stepWrite<E>(metadata: EventMetadata, approvalId: string, step: string): Write<E> {
  return { metadata, eventIds: (events) => events.map((_, i) => deterministicId(approvalId, step, String(i))) };
}

// ── The streams an approval reserves in ─────────────────────────────────────────────────────

/** What the executor does on one reservation's stream: see its hold, try it without writing, take it, give it back. */
interface ReservationStream {
  hold(): Promise<Hold>;
  dryRun(): Promise<void>;
  reserve(metadata: EventMetadata): Promise<Hold>;
  release(metadata: EventMetadata): Promise<Hold>;
}

/** The step names in event ids: "<step>" to take a hold, "<step>-released" to give it back. */
const STEP_NAMES: Record<Reservation, string> = { fact: 'fact-claimed', entitlement: 'entitlement-reserved', budget: 'budget-committed' };

interface StreamSpec<S, C, E extends DomainEvent> {
  reservation: Reservation;
  stream: string;
  decider: Decider<S, C, E>;
  holdOf(state: S, approvalId: string): Hold;
  /** Built when needed: it may look things up. */
  commands: () => Promise<ReservationCommands<C>>;
}

function reservationStream<S, C, E extends DomainEvent>(deps: CommandDeps, approvalId: string, spec: StreamSpec<S, C, E>): ReservationStream {
  const { stream, decider, commands } = spec;
  const step = STEP_NAMES[spec.reservation];
  const perform = async (metadata: EventMetadata, which: 'reserve' | 'release', name: string) => {
    const command = (await commands())[which];
    const { known } = await decideAndAppend(deps, stream, decider, command, stepWrite(metadata, approvalId, name));
    return spec.holdOf(known.state, approvalId);
  };
  return {
    hold: async () => spec.holdOf((await deps.streams.read(stream, decider)).state, approvalId),
    dryRun: async () => {
      decider.decide((await commands()).reserve, (await deps.streams.read(stream, decider)).state);
    },
    reserve: (metadata) => perform(metadata, 'reserve', step),
    release: (metadata) => perform(metadata, 'release', `${step}-released`),
  };
}

/** For a companion line: which of the firm's claims on the principal line belong to approved applications. */
async function prerequisiteOf(deps: CommandDeps, basis: Omit<ReservationBasis, 'now'>): Promise<Prerequisite | undefined> {
  const principal = basis.line.companionOf;
  if (principal === undefined) return undefined;
  const { creditCode } = basis.submission;
  const claims = activeClaims((await deps.streams.read(reservationStreams(basis).fact, claimDecider)).state);
  const approved: string[] = [];
  for (const claim of claims.filter((c) => c.lineCode === principal && c.creditCode === creditCode)) {
    const { state } = await readApplication(deps, claim.applicationId);
    if (state.status === 'approved' && state.approvalId === claim.approvalId) approved.push(claim.applicationId);
  }
  return { lineCode: principal, approvedApplicationIds: approved };
}

/** The three streams of one approval, their commands built when needed (a companion's prerequisite is looked up then). */
function reservationStreamsOf(deps: CommandDeps, basis: Omit<ReservationBasis, 'now' | 'prerequisite'>): Record<Reservation, ReservationStream> {
  const now = deps.clock().toISOString();
  const stream = reservationStreams(basis);
  const { approvalId } = basis.approval;
  // Only the fact's claim needs the companion's prerequisite: it is looked up right before the claim is tried.
  const commands = async (prerequisite?: Prerequisite) => approvalReservations({ ...basis, now, prerequisite });
  return {
    fact: reservationStream(deps, approvalId, {
      reservation: 'fact', stream: stream.fact, decider: claimDecider, holdOf: claimHoldOf,
      commands: async () => (await commands(await prerequisiteOf(deps, basis))).fact,
    }),
    entitlement: reservationStream(deps, approvalId, {
      reservation: 'entitlement', stream: stream.entitlement, decider: entitlementDecider, holdOf: entitlementHoldOf,
      commands: async () => (await commands()).entitlement,
    }),
    budget: reservationStream(deps, approvalId, {
      reservation: 'budget', stream: stream.budget, decider: budgetDecider, holdOf: budgetHoldOf,
      commands: async () => (await commands()).budget,
    }),
  };
}

async function definedLine(deps: CommandDeps, lineCode: string): Promise<BenefitLineDefinition> {
  const line = await readLine(deps, lineCode);
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${lineCode} is not defined`);
  return line.line;
}

// ── Driving one approval to its end ─────────────────────────────────────────────────────────

/** The application's event of this type for this approval, if written. */
function approvalEvent<T extends 'ApprovalStarted' | 'ApplicationApproved'>(events: RecordedEvent[], type: T, approvalId: string) {
  return events.find((e) => e.type === type && (e.data as { approvalId: string }).approvalId === approvalId);
}

/** What one run has seen of the approval: the application's state, the three holds, the refusal it met. */
interface Run {
  deps: CommandDeps;
  applicationId: string;
  approvalId: string;
  approval: Approval;
  streams: Record<Reservation, ReservationStream>;
  /** The approval's own metadata (who approved, under which command), stamped with the time of this run. */
  metadata: EventMetadata;
  application: ApplicationState;
  holds: Record<Reservation, Hold>;
  refused?: ReservationRefused;
  /** Where ApplicationApproved was written, when this run wrote it. */
  approvedAt?: Position;
}

function progress(run: Run): ApprovalProgress {
  const seen = observedProgress(run.approvalId, approvalOutcome(run.application, run.approvalId), run.holds);
  return run.refused ? evolve(seen, run.refused) : seen;
}

const isRefusal = (error: unknown): error is DomainError => error instanceof DomainError && refusalAbandons(error.code);

async function reserve(run: Run, reservation: Reservation): Promise<void> {
  try {
    run.holds[reservation] = await run.streams[reservation].reserve(run.metadata);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const { code, message: reason } = (await inFinanceWords(run.deps, error)) as DomainError;
    run.refused = { type: 'ReservationRefused', data: { approvalId: run.approvalId, code, reason } };
  }
}

/** Writes the application's decision: approved, or abandoned with the refusal's code and reason. */
async function decideOutcome(run: Run, command: ApplicationCommand, step: string): Promise<void> {
  const stream = applicationStream(run.applicationId);
  const decided = await decideAndAppend(run.deps, stream, applicationDecider, command, stepWrite(run.metadata, run.approvalId, step));
  run.application = decided.known.state;
  if (decided.written > 0 && command.type === 'CompleteApproval') run.approvedAt = decided.position;
}

async function approvedPosition(run: Run): Promise<Position> {
  if (run.approvedAt !== undefined) return run.approvedAt;
  const events = await run.deps.store.readStream(applicationStream(run.applicationId));
  return approvalEvent(events, 'ApplicationApproved', run.approvalId)!.position;
}

async function finish(run: Run, outcome: 'none' | 'approved' | 'abandoned'): Promise<ApprovalOutcome> {
  const { applicationId, approvalId } = run;
  if (outcome === 'none') return { outcome, applicationId };
  if (outcome === 'approved') return { outcome, applicationId, approvalId, amountFen: run.approval.amountFen, position: await approvedPosition(run) };
  const abandoned = run.application.status === 'none' ? undefined : run.application.approvals[approvalId];
  return { outcome, applicationId, approvalId, code: abandoned?.code as DomainErrorCode, reason: abandoned?.reason ?? '' };
}

/** Performs the process's steps until it says the approval is finished. */
async function perform(run: Run): Promise<ApprovalOutcome> {
  const now = () => run.deps.clock().toISOString();
  const { applicationId, approvalId } = run;
  for (;;) {
    const step = nextStep(progress(run));
    switch (step.type) {
      case 'Finished':
        return finish(run, step.outcome);
      case 'Reserve':
        await reserve(run, step.reservation);
        break;
      case 'Release':
        run.holds[step.reservation] = await run.streams[step.reservation].release(run.metadata);
        break;
      case 'Complete':
        await decideOutcome(run, { type: 'CompleteApproval', data: { applicationId, approvalId, now: now() } }, 'approved');
        break;
      case 'Abandon':
        await decideOutcome(run, { type: 'AbandonApproval', data: { applicationId, approvalId, code: step.code, reason: step.reason, now: now() } }, 'abandoned');
        break;
      default: {
        const unknown: never = step;
        throw new Error(`unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** Reads where one approval stands, then drives it to its end. */
async function drive(deps: CommandDeps, applicationId: string, approvalId: string): Promise<ApprovalOutcome> {
  const { state } = await readApplication(deps, applicationId);
  const approval = state.status === 'none' ? undefined : state.approvals[approvalId];
  if (state.status === 'none' || !approval) return { outcome: 'none', applicationId };
  // The application's stream is short: its start event gives the approval's metadata (who, under which command).
  const started = approvalEvent(await deps.store.readStream(applicationStream(applicationId)), 'ApprovalStarted', approvalId)!;
  const line = await definedLine(deps, state.submission.lineCode);
  const streams = reservationStreamsOf(deps, { submission: state.submission, approval, line });
  const holds = { fact: await streams.fact.hold(), entitlement: await streams.entitlement.hold(), budget: await streams.budget.hold() };
  const metadata = { ...started.metadata, recordedAt: deps.clock().toISOString() };
  return perform({ deps, applicationId, approvalId, approval, streams, metadata, application: state, holds });
}

// ── Starting, resuming ──────────────────────────────────────────────────────────────────────

/**
 * Completes or compensates whatever approval of this application was left half-done (a crash, a
 * lost connection): the one still approving, and abandoned ones whose releases were interrupted.
 * Returns how the last of them ended ("none" when there was nothing to do).
 */
export async function resumeApproval(deps: CommandDeps, applicationId: string): Promise<ApprovalOutcome> {
  const { state } = await readApplication(deps, applicationId);
  let outcome: ApprovalOutcome = { outcome: 'none', applicationId };
  if (state.status === 'none') return outcome;
  for (const approval of Object.values(state.approvals).filter((a) => a.outcome !== 'approved')) {
    outcome = await drive(deps, applicationId, approval.approvalId);
  }
  return outcome;
}

/** Writes ApprovalStarted, after checking on the streams as they are now that every reservation would be taken. */
async function start(deps: CommandDeps, input: ApproveApplicationInput, env: CommandEnvelope, approvalId: string, claimKey: ClaimKey) {
  const { applicationId } = input;
  const { state } = await readApplication(deps, applicationId);
  if (state.status === 'none') throw new DomainError('NOT_FOUND', `there is no application ${applicationId}`);
  const { lineCode, creditCode, fiscalYear } = state.submission;
  const line = await readLine(deps, lineCode);
  const reserved = reservedInYearFen(await readEntitlement(deps, lineCode, creditCode), fiscalYear);
  const notice = noticeStandingOf(await readNoticeBoard(deps, lineCode, fiscalYear), applicationId);
  const command: ApplicationCommand = {
    type: 'StartApproval',
    data: {
      applicationId,
      approvalId,
      approvedBy: env.metadata.actorId,
      amountFen: input.amountFen,
      line,
      reservedInYearFen: reserved,
      notice,
      records: await readQualifyingRecords(deps, line, creditCode),
      yearClosed: await isYearClosed(deps, fiscalYear),
      now: env.now,
    },
  };
  const [started] = applicationDecider.decide(command, state);
  if (started?.type === 'ApprovalStarted' && line.status === 'defined') {
    const streams = reservationStreamsOf(deps, { submission: state.submission, approval: started.data, line: line.line });
    for (const stream of Object.values(streams)) await stream.dryRun();
  }
  await decideAndAppend(deps, applicationStream(applicationId), applicationDecider, command, {
    ...stepWrite(env.metadata, approvalId, 'started'),
    claimKey,
  });
}

/** Approves an application: start, reserve the fact, the entitlement and the budget, then complete. */
export async function approveApplication(deps: CommandDeps, input: ApproveApplicationInput, ctx: CommandContext): Promise<ApprovalResult> {
  const env = envelope(deps, 'ApproveApplication', input, ctx);
  return once(deps, env, async (claimKey) => {
    const approvalId = writtenId(env, 'approval');
    const application = await readApplication(deps, input.applicationId);
    // The key's claim refuses another payload; a ledger written before claims existed shows it here only.
    causedBy(application, env);
    if (approvalOutcome(application.state, approvalId) === 'none') {
      // Finish or compensate any earlier approval first, so this one starts from a settled application.
      await resumeApproval(deps, input.applicationId);
      await withFinanceWords(deps, () => start(deps, input, env, approvalId, claimKey));
    }
    const outcome = await drive(deps, input.applicationId, approvalId);
    if (outcome.outcome === 'abandoned') throw new DomainError(outcome.code, outcome.reason);
    if (outcome.outcome === 'none') throw new Error(`approval ${approvalId} did not start`);
    const { outcome: _outcome, ...result } = outcome;
    return result;
  });
}
