import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';

@ObjectType({ description: 'A budget line (预算): the money for one benefit line, fiscal year and payer, and its use. allocated + carriedIn = available + committed + disbursed + carriedOut.' })
export class BudgetLine {
  @Field(() => ID, { name: 'id', description: '"<line>.<year>.<payer>".' })
  budgetLineId!: string;

  @Field(() => String, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @Field(() => String, { description: '"municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => MoneyScalar, { name: 'allocated', description: 'Allocated, with every adjustment.' })
  allocatedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'committed', description: 'Approved and not yet paid, with what approvals in progress hold (released if they are abandoned).' })
  committedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'disbursed', description: 'Paid out.' })
  disbursedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'recovered', description: 'Repaid against clawbacks.' })
  recoveredFen!: Fen;

  @Field(() => MoneyScalar, { name: 'available', description: 'allocated + carriedIn − committed − disbursed − carriedOut: what approvals may still take.' })
  availableFen!: Fen;

  @Field(() => MoneyScalar, { name: 'carriedIn', description: 'Unpaid approvals of the year before carried over (结转) to this line: paid from here.' })
  carriedInFen!: Fen;

  @Field(() => MoneyScalar, { name: 'carriedOut', description: 'Unpaid approvals carried over (结转) to the next year\'s line at the close.' })
  carriedOutFen!: Fen;

  @Field(() => MoneyScalar, { name: 'lapsed', description: 'Unpaid approvals that lapsed at the close.' })
  lapsedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'surplus', nullable: true, description: '结余: what was left when its year was closed (结账); null while it is open.' })
  surplusFen!: Fen | null;

  @Field(() => DateTimeScalar, { description: 'When it was first allocated.' })
  allocatedAt!: string;
}
