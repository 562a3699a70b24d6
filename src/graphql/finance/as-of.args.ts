import { ArgsType, Field } from 'type-graphql';
import { type AsOf, reportedAt } from '../../../projections/finance-journal/queries.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { ReportedAtScalar } from '../scalars/reported-at.scalar.js';

@ArgsType()
export class AsOfArgs {
  @Field(() => DateScalar, { nullable: true, description: 'As of this business date (截至): approvals, payments, clawbacks and repayments dated on or before it; a close books at its year\'s end.' })
  asOf?: string | null;

  @Field(() => ReportedAtScalar, { nullable: true, description: 'As the ledger reported it then (a log position or an instant): entries recorded later, even with earlier dates, are left out.' })
  asReportedAt?: string | null;
}

/** The as-of the read models take, or undefined when neither was asked for (the figures now). */
export function asOfOf(args: AsOfArgs | undefined): AsOf | undefined {
  if (!args?.asOf && !args?.asReportedAt) return undefined;
  return { asOf: args.asOf ?? undefined, asReportedAt: args.asReportedAt ? reportedAt(args.asReportedAt) : undefined };
}
