import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { PositionScalar } from '../scalars/position.scalar.js';

@ObjectType({
  description:
    'A signed tree head (签名树头): the audit tree\'s size and root, signed with the ledger\'s Ed25519 key. Exactly what `GET /ledger/head` returns and `npm run verify -- --head` reads.',
})
export class SignedTreeHead {
  @Field(() => Int, { description: 'Leaves covered: the first treeSize events of the log.' })
  treeSize!: number;

  @Field(() => String, { description: 'RFC 6962 root of those leaves, hex.' })
  rootHash!: string;

  @Field(() => DateTimeScalar, { description: 'When it was signed.' })
  signedAt!: string;

  @Field(() => String, { description: 'Why: "schedule", "on demand by <user>", "fiscal-year close <year>".' })
  reason!: string;

  @Field(() => String, { description: 'First 16 hex digits of SHA-256 of the public key: the id an auditor pins.' })
  keyId!: string;

  @Field(() => String, { description: 'The raw Ed25519 public key, base64url.' })
  publicKey!: string;

  @Field(() => String, { description: 'Ed25519 signature over the RFC 8785 bytes of the other members, base64.' })
  signature!: string;
}

@ObjectType({ description: 'One event as a leaf of the audit tree: where it is, and the hash of its canonical bytes.' })
export class AuditedEvent {
  @Field(() => Int, { description: "The leaf's number: the event's 0-based place in the ledger's log." })
  leafIndex!: number;

  @Field(() => ID, { description: 'The event id.' })
  eventId!: string;

  @Field(() => PositionScalar, { description: "The event's position in the store." })
  position!: string;

  @Field(() => String, { description: 'Its stream.' })
  stream!: string;

  @Field(() => String, { description: 'Its type, e.g. "DisbursementRecorded".' })
  type!: string;

  @Field(() => String, { description: 'SHA-256(0x00 || canonical bytes), hex.' })
  leafHash!: string;
}

@ObjectType({ description: 'The audit path of an event to the root of a signed head (RFC 6962 §2.1.1).' })
export class InclusionProof {
  @Field(() => AuditedEvent, { description: 'The event proved.' })
  event!: AuditedEvent;

  @Field(() => SignedTreeHead, { description: 'The head proved against.' })
  head!: SignedTreeHead;

  @Field(() => [String], { description: 'Sibling hashes, leaf side first, hex.' })
  auditPath!: string[];
}

@ObjectType({ description: 'That the older head\'s tree is a prefix of the newer one\'s (RFC 6962 §2.1.2): nothing before it was changed.' })
export class ConsistencyProof {
  @Field(() => SignedTreeHead, { description: 'The older head.' })
  from!: SignedTreeHead;

  @Field(() => SignedTreeHead, { description: 'The newer head.' })
  to!: SignedTreeHead;

  @Field(() => [String], { description: 'The proof\'s hashes, hex (empty between equal sizes, or from the empty tree).' })
  proof!: string[];
}

@ObjectType({ description: 'A figure of an application and the events that made it what it is.' })
export class FigureEvents {
  @Field(() => String, { description: 'requested, approved, disbursed, clawbackDemanded, recovered, waived or status.' })
  figure!: string;

  @Field(() => [AuditedEvent], { description: 'The events behind it, in log order.' })
  events!: AuditedEvent[];
}
