import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { applicationStream } from '../../application/application.js';
import type { EventRef } from '../../audit/audit-service.js';
import { MAY } from '../access/roles.js';
import { Application } from '../application/application.type.js';
import { caller, type LedgerContext } from '../context.js';
import { Disbursement } from '../disbursement/disbursement.type.js';
import { badUserInput } from '../errors/api-error.js';
import { PositionScalar } from '../scalars/position.scalar.js';
import { TEXT, TextArg } from '../shared/text.js';
import { AuditedEvent, ConsistencyProof, FigureEvents, InclusionProof, SignedTreeHead } from './audit.type.js';
import { auditedEvent, figureEvents, paymentEvents } from './audited-events.js';

function eventRef(eventId: string | null | undefined, position: string | null | undefined): EventRef {
  if ((eventId == null) === (position == null)) throw badUserInput('give the event by eventId or by position, one of the two');
  return eventId != null ? { eventId } : { position: position! };
}

@Resolver()
export class AuditResolver {
  @Authorized(MAY.readLedgerHeads)
  @Query(() => SignedTreeHead, { nullable: true, description: 'The newest signed tree head; null before the first. Everyone (it is public at GET /ledger/head).' })
  ledgerHead(@Ctx() ctx: LedgerContext): SignedTreeHead | null {
    return ctx.services.audit.newestHead() ?? null;
  }

  @Authorized(MAY.readLedgerHeads)
  @Query(() => [SignedTreeHead], { description: 'Every signed tree head, oldest first. Everyone.' })
  ledgerHeads(@Ctx() ctx: LedgerContext): SignedTreeHead[] {
    return ctx.services.audit.heads();
  }

  @Authorized(MAY.readAuditProofs)
  @Query(() => InclusionProof, {
    description: "An event's leaf and its audit path to the root of the signed head of `treeSize` leaves (the newest head when omitted). FINANCE, AUDITOR.",
  })
  inclusionProof(
    @Ctx() ctx: LedgerContext,
    @TextArg('eventId', TEXT.ID, { id: true, nullable: true, description: 'The event, by id…' }) eventId: string | null | undefined,
    @Arg('position', () => PositionScalar, { nullable: true, description: '…or by its position in the store.' }) position: string | null | undefined,
    @Arg('treeSize', () => Int, { nullable: true, description: 'Which signed head: the size it covers.' }) treeSize: number | null | undefined,
  ): InclusionProof {
    const { leaf, head, proof } = ctx.services.audit.inclusionProof(eventRef(eventId, position), treeSize ?? undefined);
    return { event: auditedEvent(leaf), head, auditPath: proof };
  }

  @Authorized(MAY.readAuditProofs)
  @Query(() => ConsistencyProof, { description: 'That the signed head of `fromSize` leaves is a prefix of the one of `toSize`. FINANCE, AUDITOR.' })
  consistencyProof(
    @Ctx() ctx: LedgerContext,
    @Arg('fromSize', () => Int, { description: 'The older head\'s tree size.' }) fromSize: number,
    @Arg('toSize', () => Int, { description: 'The newer head\'s tree size.' }) toSize: number,
  ): ConsistencyProof {
    return ctx.services.audit.consistencyProof(fromSize, toSize);
  }

  @Authorized(MAY.signLedgerHeads)
  @Mutation(() => SignedTreeHead, { description: 'Signs a tree head now, over the whole log as the ledger holds it. ADMIN, AUDITOR.' })
  signLedgerHead(
    @Ctx() ctx: LedgerContext,
    @TextArg('reason', TEXT.PROSE, { nullable: true, description: 'Why, for the record.' }) reason: string | null | undefined,
  ): Promise<SignedTreeHead> {
    const by = `on demand by ${caller(ctx).subject}`;
    return ctx.services.audit.signHead({ reason: reason ? `${by}: ${reason}` : by });
  }
}

@Resolver(() => AuditedEvent)
export class AuditedEventResolver {
  @Authorized(MAY.readAuditProofs)
  @FieldResolver(() => InclusionProof, { description: 'Its audit path to the signed head of `treeSize` leaves (the newest when omitted). FINANCE, AUDITOR.' })
  inclusionProof(
    @Root() e: AuditedEvent,
    @Ctx() ctx: LedgerContext,
    @Arg('treeSize', () => Int, { nullable: true, description: 'Which signed head: the size it covers.' }) treeSize: number | null | undefined,
  ): InclusionProof {
    const { leaf, head, proof } = ctx.services.audit.inclusionProof({ eventId: e.eventId }, treeSize ?? undefined);
    return { event: auditedEvent(leaf), head, auditPath: proof };
  }
}

@Resolver(() => Disbursement)
export class DisbursementAuditResolver {
  @Authorized(MAY.readAuditProofs)
  @FieldResolver(() => [AuditedEvent], {
    description: 'The events behind the payment (its own and its approval), as leaves of the audit tree: ask `inclusionProof` for each. FINANCE, AUDITOR.',
  })
  auditedEvents(@Root() d: Disbursement, @Ctx() ctx: LedgerContext): AuditedEvent[] {
    return paymentEvents(ctx.services.read.leavesOfStream(applicationStream(d.applicationId)), d.eventId);
  }
}

@Resolver(() => Application)
export class ApplicationAuditResolver {
  @Authorized(MAY.readAuditProofs)
  @FieldResolver(() => [FigureEvents], { description: 'Each figure of the application and the events behind it, as leaves of the audit tree. FINANCE, AUDITOR.' })
  figureEvents(@Root() a: Application, @Ctx() ctx: LedgerContext): FigureEvents[] {
    return figureEvents(ctx.services.read.leavesOfStream(applicationStream(a.applicationId)));
  }
}
