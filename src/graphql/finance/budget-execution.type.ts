import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { MoneyScalar } from '../scalars/money.scalar.js';

@InterfaceType({
  description:
    '预算执行: allocated + adjustments + carriedIn = available + committed + disbursed + carriedOut, on every line and every roll-up. docs/finance.md defines each column.',
})
export abstract class ExecutionFigures {
  @Field(() => MoneyScalar, { name: 'allocated', description: 'The allocation (预算安排).' })
  allocatedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'adjustments', description: 'Σ adjustments (预算调整), cuts negative.' })
  adjustmentsFen!: Fen;

  @Field(() => MoneyScalar, { name: 'committed', description: 'Approved (or being approved) and neither paid, carried out nor lapsed.' })
  committedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'disbursed', description: 'Paid from this line (a carried-over grant is paid from the line it was carried to).' })
  disbursedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'recovered', description: 'Repaid against clawbacks (追回) on this line.' })
  recoveredFen!: Fen;

  @Field(() => MoneyScalar, { name: 'carriedIn', description: 'Unpaid approvals of the year before carried over (结转) to this line.' })
  carriedInFen!: Fen;

  @Field(() => MoneyScalar, { name: 'carriedOut', description: 'Unpaid approvals carried over (结转) to the next year\'s line at the close.' })
  carriedOutFen!: Fen;

  @Field(() => MoneyScalar, { name: 'lapsed', description: 'Unpaid approvals that lapsed at the close (their money is in the surplus).' })
  lapsedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'available', description: 'What approvals may still take; on a closed line, its surplus (结余).' })
  availableFen!: Fen;
}

@ObjectType({ implements: ExecutionFigures, description: 'One budget line (benefit line × fiscal year × payer) in the budget execution report.' })
export class BudgetExecutionLine extends ExecutionFigures {
  @Field(() => String, { name: 'id', description: '"<line>.<year>.<payer>".' })
  budgetLineId!: string;

  @Field(() => String, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => String, { description: 'The article (条) of the policy it belongs to.' })
  article!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @Field(() => String, { description: '"municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => Boolean, { description: 'Its year was closed (结账) by the date.' })
  closed!: boolean;
}

@ObjectType({ implements: ExecutionFigures, description: 'The lines of one article (条) of the policy and one payer, summed.' })
export class BudgetExecutionArticle extends ExecutionFigures {
  @Field(() => String, { description: 'The article, e.g. "(五)".' })
  article!: string;

  @Field(() => String, { description: '"municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;
}

@ObjectType({ description: '预算执行情况: the budget execution of a fiscal year as of a date, per line and per article and payer.' })
export class BudgetExecutionReport {
  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @Field(() => String, { nullable: true, description: 'The business date it is as of; null: everything recorded.' })
  asOf!: string | null;

  @Field(() => [BudgetExecutionLine], { description: 'Every budget line of the year.' })
  lines!: BudgetExecutionLine[];

  @Field(() => [BudgetExecutionArticle], { description: 'Rolled up per article and payer.' })
  articles!: BudgetExecutionArticle[];
}
