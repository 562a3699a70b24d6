/**
 * The ledger's fiscal-year close (结账), by Finance with four eyes: `prepareFiscalYearClose`
 * plans it from the year's budget lines and their approvals, `confirmFiscalYearClose` (another
 * person) closes the year and books the plan: on each grant (carried over, 结转, or lapsed), on its
 * line and the next year's line, then closes each line with its surplus (结余) and completes the
 * close. Every booking step has a deterministic event id and writes nothing when its stream
 * already shows it, so a confirmation sent again, or `resumeFiscalYearClose`, finishes a close a
 * crash interrupted.
 *
 * A payment recorded while the close is being confirmed is caught by the grant's own stream: the
 * carry-over moves what the grant shows unpaid when it is booked, and the lines move that amount.
 */
import { applicationStream, unpaidFen } from '../application/application.js';
import { applicationDecider } from '../application/decide.js';
import { budgetLineId, budgetStream, type BudgetState } from '../budget/budget.js';
import { budgetDecider } from '../budget/decide.js';
import type { CommandContext, CommandDeps, CommandEnvelope } from '../commands/envelope.js';
export type { FiscalCloseDeps } from '../commands/envelope.js';
import { envelope } from '../commands/envelope.js';
import { decideAndAppend, handle, type Write } from '../commands/handle.js';
import { readApplication } from '../commands/lookups.js';
import { type FiscalYearCommand, fiscalYearDecider } from '../fiscal-close/decide.js';
import { fiscalYearStream } from '../fiscal-close/fiscal-year.js';
import type { CloseChoices, LineAtClose, LineClosePlan, SettledApproval, UnpaidApproval } from '../fiscal-close/plan.js';
import type { EventMetadata, Position } from '../eventstore/port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { entriesOf } from '../shared/buckets.js';
import { deterministicId } from '../shared/ids.js';

export interface PrepareFiscalYearCloseInput {
  fiscalYear: number;
  /** The rule per benefit line (by line code) and the preparer's choice per approval; unnamed ones are carried over. */
  choices: CloseChoices;
}

// ── What the close looks up ─────────────────────────────────────────────────────────────────

async function budgetLinesFromLog(deps: CommandDeps, fiscalYear: number): Promise<string[]> {
  const ids: string[] = [];
  for (let after: Position | undefined, page; (page = await deps.store.readAll({ after, maxCount: 1000 })).length > 0; after = page.at(-1)!.position) {
    for (const e of page) {
      const data = e.data as { budgetLineId?: string; fiscalYear?: number };
      if (e.type === 'BudgetAllocated' && data.fiscalYear === fiscalYear) ids.push(data.budgetLineId!);
    }
  }
  return ids;
}

const readBudget = async (deps: CommandDeps, id: string) => (await deps.streams.read(budgetStream(id), budgetDecider)).state;

/** The approvals a line holds money for that its close settles: unpaid, or still being decided. */
async function approvalsOnLine(deps: CommandDeps, line: Extract<BudgetState, { status: 'allocated' }>) {
  const unpaid: UnpaidApproval[] = [];
  const inFlight: string[] = [];
  for (const [approvalId, commitment] of entriesOf(line.commitments)) {
    if (commitment.released || commitment.closedOut) continue;
    const { applicationId } = commitment;
    const { state } = await readApplication(deps, applicationId);
    if (state.status !== 'approved' || state.approvalId !== approvalId) inFlight.push(approvalId);
    else if (state.drawsOn === line.budgetLineId && unpaidFen(state) > 0) unpaid.push({ applicationId, approvalId, unpaidFen: unpaidFen(state) });
  }
  unpaid.sort((a, b) => a.approvalId.localeCompare(b.approvalId));
  return { unpaid, inFlight: inFlight.sort() };
}

async function lineAtClose(deps: CommandDeps, id: string): Promise<LineAtClose> {
  const line = await readBudget(deps, id);
  if (line.status !== 'allocated') throw new Error(`budget line ${id} of the year is not allocated on its stream`);
  const { lineCode, payer, fiscalYear } = line;
  const nextBudgetLineId = budgetLineId(lineCode, fiscalYear + 1, payer);
  const nextLineAllocated = (await readBudget(deps, nextBudgetLineId)).status === 'allocated';
  return { budgetLineId: id, lineCode, payer, nextBudgetLineId, nextLineAllocated, availableFen: line.allocatedFen + line.carriedInFen - line.heldFen, ...(await approvalsOnLine(deps, line)) };
}

async function linesAtClose(deps: CommandDeps, fiscalYear: number): Promise<LineAtClose[]> {
  const ids = await (deps.fiscalClose?.budgetLinesOfYear?.(fiscalYear) ?? budgetLinesFromLog(deps, fiscalYear));
  const lines: LineAtClose[] = [];
  for (const id of [...new Set(ids)].sort()) lines.push(await lineAtClose(deps, id));
  return lines;
}

// ── Booking the plan ────────────────────────────────────────────────────────────────────────

/** A booking step's events get ids from the year, the step and what it books, so a step taken again writes nothing. */
function stepWrite<E>(metadata: EventMetadata, ...step: string[]): Write<E> {
  return { metadata, eventIds: (events) => events.map((_, i) => deterministicId('fiscal-close', ...step, String(i))) };
}

function bookingSteps(deps: CommandDeps, metadata: EventMetadata, now: string) {
  const step = async <S, C, E extends DomainEvent>(stream: string, decider: Decider<S, C, E>, command: C, ...id: string[]) =>
    (await decideAndAppend(deps, stream, decider, command, stepWrite<E>(metadata, ...id))).position;

  /** The grant first: the amount the lines move is what its stream shows was carried over or lapsed. */
  async function settle(line: LineClosePlan, approval: SettledApproval): Promise<void> {
    const { applicationId, approvalId, disposition } = approval;
    const from = line.budgetLineId;
    const to = line.nextBudgetLineId;
    const grantCommand = disposition === 'carry'
      ? ({ type: 'CarryOverGrant', data: { applicationId, approvalId, fromBudgetLineId: from, toBudgetLineId: to, now } } as const)
      : ({ type: 'LapseGrant', data: { applicationId, approvalId, budgetLineId: from, now } } as const);
    await step(applicationStream(applicationId), applicationDecider, grantCommand, disposition, approvalId);
    const { state } = await readApplication(deps, applicationId);
    if (state.status !== 'approved') return;
    const settled = { applicationId, approvalId, now };
    if (disposition === 'carry' && state.drawsOn === to && state.carriedOver?.fromBudgetLineId === from) {
      const amountFen = state.carriedOver.amountFen;
      await step(budgetStream(from), budgetDecider, { type: 'CarryOutBudget', data: { ...settled, budgetLineId: from, toBudgetLineId: to, amountFen } }, 'carried-out', approvalId);
      await step(budgetStream(to), budgetDecider, { type: 'CarryInBudget', data: { ...settled, budgetLineId: to, fromBudgetLineId: from, amountFen } }, 'carried-in', approvalId);
    } else if (disposition === 'lapse' && state.drawsOn === from && state.lapsedFen > 0) {
      await step(budgetStream(from), budgetDecider, { type: 'LapseBudget', data: { ...settled, budgetLineId: from, amountFen: state.lapsedFen } }, 'lapsed', approvalId);
    }
  }

  return {
    async line(line: LineClosePlan): Promise<void> {
      for (const approval of line.approvals) await settle(line, approval);
      await step(budgetStream(line.budgetLineId), budgetDecider, { type: 'CloseBudgetLine', data: { budgetLineId: line.budgetLineId, now } }, 'line-closed', line.budgetLineId);
    },
    complete: (fiscalYear: number) =>
      step(fiscalYearStream(fiscalYear), fiscalYearDecider, { type: 'CompleteFiscalYearClose', data: { fiscalYear, now } } as FiscalYearCommand, 'completed', String(fiscalYear)),
  };
}

/** Books a closed year's plan to the end, then calls the signed-head hook. Returns the position of the completion. */
async function bookClose(deps: CommandDeps, fiscalYear: number, metadata: EventMetadata, now: string): Promise<Position | undefined> {
  const { state } = await deps.streams.read(fiscalYearStream(fiscalYear), fiscalYearDecider);
  if (state.status !== 'closing' && state.status !== 'closed') return undefined;
  const steps = bookingSteps(deps, metadata, now);
  for (const line of state.lines) await steps.line(line);
  const position = await steps.complete(fiscalYear);
  if (position !== undefined) await deps.fiscalClose?.afterFiscalYearClosed?.({ fiscalYear, position });
  return position;
}

// ── Commands ────────────────────────────────────────────────────────────────────────────────

const onFiscalYear = (deps: CommandDeps, ctx: CommandContext, type: FiscalYearCommand['type'], input: { fiscalYear: number }, command: (env: CommandEnvelope) => Promise<FiscalYearCommand>) =>
  handle(deps, ctx, type, input, (env) => ({
    stream: fiscalYearStream(input.fiscalYear),
    decider: fiscalYearDecider,
    command: () => command(env),
    ids: { fiscalYear: input.fiscalYear },
  }));

export const fiscalCloseCommands = (deps: CommandDeps) => ({
  /** Finance plans the close of a fiscal year that has ended: what each line carries over, lapses and leaves as surplus. Returns `{ fiscalYear }`. */
  prepareFiscalYearClose: (input: PrepareFiscalYearCloseInput, ctx: CommandContext) =>
    onFiscalYear(deps, ctx, 'PrepareFiscalYearClose', input, async (env) => ({
      type: 'PrepareFiscalYearClose',
      data: { ...input, preparedBy: ctx.actorId, lines: await linesAtClose(deps, input.fiscalYear), now: env.now },
    })),

  /**
   * Another person of Finance confirms the prepared close: the year is closed (PERIOD_CLOSED for
   * anything booked into it from now on) and its plan booked. Returns `{ fiscalYear }` and the
   * position of the close's last event.
   */
  confirmFiscalYearClose: async (input: { fiscalYear: number }, ctx: CommandContext) => {
    const closed = await onFiscalYear(deps, ctx, 'ConfirmFiscalYearClose', input, async (env) => ({
      type: 'ConfirmFiscalYearClose',
      data: { fiscalYear: input.fiscalYear, confirmedBy: ctx.actorId, lines: await linesAtClose(deps, input.fiscalYear), now: env.now },
    }));
    const env = envelope(deps, 'ConfirmFiscalYearClose', input, ctx);
    const position = await bookClose(deps, input.fiscalYear, env.metadata, env.now);
    return { ...closed, position: position ?? closed.position };
  },

  /** Finishes booking a confirmed close a crash interrupted; nothing when there is none. */
  resumeFiscalYearClose: (fiscalYear: number, ctx: Omit<CommandContext, 'idempotencyKey'>) => {
    const env = envelope(deps, 'ResumeFiscalYearClose', { fiscalYear }, { ...ctx, idempotencyKey: `resume-fiscal-year-close:${fiscalYear}` });
    return bookClose(deps, fiscalYear, env.metadata, env.now);
  },
});
