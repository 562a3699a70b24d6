import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { applicationStream } from '../../application/application.js';
import { budgetStream } from '../../budget/budget.js';
import { poolMemberStream } from '../../cultivation-pool/cultivation-pool.js';
import { designationsStream } from '../../designation/designation.js';
import { enterpriseStream } from '../../enterprise/enterprise.js';
import { comparePositions, type RecordedEvent } from '../../eventstore/port.js';
import { MAY } from '../access/roles.js';
import type { LedgerContext } from '../context.js';
import { badUserInput, notFound } from '../errors/api-error.js';
import { PositionScalar } from '../scalars/position.scalar.js';
import { TEXT, TextArg } from '../shared/text.js';
import { HistorySubject, LedgerEvent } from './ledger-event.type.js';

/** Events per page of a history (a busy budget line holds one commitment per approval). */
const HISTORY_PAGE = 200;
const HISTORY_PAGE_MAX = 1000;

/** The streams that hold a subject's history. */
function streamsOf(ctx: LedgerContext, subject: HistorySubject, id: string): string[] {
  switch (subject) {
    case HistorySubject.APPLICATION:
      return [applicationStream(id)];
    case HistorySubject.BUDGET_LINE:
      return [budgetStream(id)];
    case HistorySubject.ENTERPRISE:
      return [
        enterpriseStream(id),
        designationsStream(id),
        ...ctx.services.read.cultivationPools().map(({ poolCode }) => poolMemberStream(poolCode, id)),
        ...ctx.services.read.applicationIdsOf(id).map(applicationStream),
      ];
  }
}

@Resolver(() => LedgerEvent)
export class HistoryResolver {
  @Authorized(MAY.readRawEvents)
  @Query(() => [LedgerEvent], {
    description: 'The raw, immutable events behind an application, an enterprise (with its designations, its place in the cultivation pools and its applications) or a budget line, in log order, with their metadata. AUDITOR.',
  })
  async eventHistory(
    @Ctx() ctx: LedgerContext,
    @Arg('subject', () => HistorySubject) subject: HistorySubject,
    @TextArg('id', TEXT.ID, { description: 'Application id, credit code or budget line id.' }) id: string,
    @Arg('after', () => PositionScalar, { nullable: true, description: 'Only events after this log position: the last one of the previous page.' })
    after: string | null | undefined,
    @Arg('first', () => Int, { defaultValue: HISTORY_PAGE, description: `How many events at most (1 to ${HISTORY_PAGE_MAX}).` })
    first: number,
  ): Promise<LedgerEvent[]> {
    if (!Number.isInteger(first) || first < 1 || first > HISTORY_PAGE_MAX) throw badUserInput(`first must be from 1 to ${HISTORY_PAGE_MAX} (got ${first})`);
    const streams = await Promise.all(streamsOf(ctx, subject, id).map((stream) => ctx.services.store.readStream(stream)));
    const events = streams.flat().sort((a, b) => comparePositions(a.position, b.position));
    if (events.length === 0) throw notFound(`${subject} ${id}`);
    return events.filter((e) => after == null || comparePositions(e.position, after) > 0).slice(0, first).map(ledgerEventOf);
  }
}

function ledgerEventOf(event: RecordedEvent): LedgerEvent {
  return { ...event, data: event.data as Record<string, unknown> };
}
