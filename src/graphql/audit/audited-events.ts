/**
 * The events behind a payment and behind each figure of an application, as leaves of the audit
 * tree: from there, `inclusionProof` proves each one against a signed head.
 */
import type { Leaf } from '../../../projections/merkle-tree/queries.js';
import type { AuditedEvent, FigureEvents } from './audit.type.js';

export const auditedEvent = ({ leafIndex, eventId, position, stream, type, hash }: Leaf): AuditedEvent => ({
  leafIndex,
  eventId,
  position,
  stream,
  type,
  leafHash: hash.toString('hex'),
});

/** The event types that set each figure of an application (`status`: every event of its stream does). */
const FIGURES: Record<string, readonly string[]> = {
  requested: ['ApplicationSubmitted'],
  approved: ['ApprovalStarted', 'ApplicationApproved', 'ApprovalAbandoned'],
  disbursed: ['DisbursementRecorded'],
  clawbackDemanded: ['ClawbackDemanded'],
  recovered: ['ClawbackRepaid'],
  waived: ['ClawbackWaived'],
};

export function figureEvents(leaves: Leaf[]): FigureEvents[] {
  const events = leaves.map(auditedEvent);
  return [
    ...Object.entries(FIGURES).map(([figure, types]) => ({ figure, events: events.filter((e) => types.includes(e.type)) })),
    { figure: 'status', events },
  ];
}

/** A payment's own event and the approval it pays under. */
export function paymentEvents(leaves: Leaf[], paymentEventId: string): AuditedEvent[] {
  return leaves.filter((l) => l.eventId === paymentEventId || l.type === 'ApplicationApproved').map(auditedEvent);
}
