import { Field, Int, ObjectType } from 'type-graphql';
import { PositionScalar } from '../scalars/position.scalar.js';

@ObjectType({ description: 'One figure where the read models and the events disagree, or where the read models contradict themselves.' })
export class ReconciliationDifference {
  @Field(() => String, { description: '"replay": the read model differs from a full replay of the events; "identity": an identity finance relies on does not hold.' })
  check!: string;

  @Field(() => String, { description: 'The read model, e.g. "budget_use".' })
  model!: string;

  @Field(() => String, { description: 'The row, e.g. a budget line id or a credit code.' })
  key!: string;

  @Field(() => String, { description: 'The figure, e.g. "available_fen" (amounts in fen).' })
  figure!: string;

  @Field(() => String, { nullable: true, description: 'What the events (or the identity) give, as JSON.' })
  expected!: string | null;

  @Field(() => String, { nullable: true, description: 'What the read model says, as JSON.' })
  actual!: string | null;

  @Field(() => String, { description: 'The difference in one line, to the fen.' })
  description!: string;
}

@ObjectType({
  description:
    'Reconciliation (对账): every event replayed independently and every figure compared with the read models, to the fen, plus the identities (allocated = available + committed + disbursed; the sum over enterprises equals the line).',
})
export class ReconciliationReport {
  @Field(() => Boolean, { description: 'True when there is no difference at all and no check was skipped.' })
  consistent!: boolean;

  @Field(() => Int, { description: 'How many events were replayed.' })
  events!: number;

  @Field(() => [PositionScalar], { description: 'The log positions the read models were compared at.' })
  positions!: string[];

  @Field(() => [ReconciliationDifference], { description: 'Every difference found; empty when consistent.' })
  differences!: ReconciliationDifference[];

  @Field(() => [String], {
    description: 'Checks that could not be made, and why (a read model not served yet, or one being rebuilt); the report is complete only when this is empty.',
  })
  skippedChecks!: string[];
}
