import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { PositionScalar } from '../scalars/position.scalar.js';

@ObjectType({ description: 'Who did what, when, and because of what: recorded with every event, never edited.' })
export class EventMetadata {
  @Field(() => String, { description: 'Who sent the command.' })
  actorId!: string;

  @Field(() => String, { description: 'In which role.' })
  actorRole!: string;

  @Field(() => String, { description: 'Ties together the events of one user action (the API request id).' })
  correlationId!: string;

  @Field(() => String, { description: 'The command that caused the event.' })
  causationId!: string;

  @Field(() => DateTimeScalar, { description: 'When the command was handled.' })
  recordedAt!: string;

  @Field(() => Int, { description: 'Version of the event\'s data layout.' })
  schemaVersion!: number;

  @Field(() => String, { nullable: true, description: 'The document (文号) the command cited.' })
  documentRef?: string;

  @Field(() => String, { nullable: true, description: "Hash of the command's payload." })
  payloadHash?: string;
}

@ObjectType({ description: 'One immutable event of the ledger, as stored: the raw history behind every figure. Money in `data` is integer fen.' })
export class LedgerEvent {
  @Field(() => ID, { description: 'The event id.' })
  id!: string;

  @Field(() => String, { description: 'e.g. "ApplicationApproved".' })
  type!: string;

  @Field(() => String, { description: 'The stream it belongs to, e.g. "application-<id>".' })
  stream!: string;

  @Field(() => Int, { description: 'Its 0-based place in the stream.' })
  revision!: number;

  @Field(() => PositionScalar, { description: 'Its place in the global log.' })
  position!: string;

  @Field(() => GraphQLJSONObject, { description: 'The event\'s data, exactly as recorded (amounts in integer fen).' })
  data!: Record<string, unknown>;

  @Field(() => EventMetadata, { description: 'Who, when, why.' })
  metadata!: EventMetadata;
}

export enum HistorySubject {
  APPLICATION = 'application',
  ENTERPRISE = 'enterprise',
  BUDGET_LINE = 'budget-line',
}
registerEnumType(HistorySubject, {
  name: 'HistorySubject',
  description: 'Whose raw history to read.',
  valuesConfig: {
    APPLICATION: { description: 'One application: its whole life, from submission to the last repayment.' },
    ENTERPRISE: { description: 'One enterprise: its registration and the history of each of its applications.' },
    BUDGET_LINE: { description: 'One budget line: allocation, adjustments, commitments and releases.' },
  },
});
