import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { describeDifference } from '../../readmodel/reconcile.js';
import { MAY } from '../access/roles.js';
import type { LedgerContext } from '../context.js';
import { ReconciliationReport } from './reconciliation.type.js';

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

@Resolver(() => ReconciliationReport)
export class ReconciliationResolver {
  @Authorized(MAY.reconcile)
  @Query(() => ReconciliationReport, { description: 'Replays the whole log and reconciles every figure of the read models with it, to the fen. FINANCE, AUDITOR.' })
  async reconciliation(@Ctx() ctx: LedgerContext): Promise<ReconciliationReport> {
    const report = await ctx.services.reconcile();
    return {
      consistent: report.differences.length === 0 && report.skipped.length === 0,
      events: report.events,
      positions: report.positions.filter((p): p is string => p !== undefined),
      differences: report.differences.map((d) => ({ ...d, expected: json(d.expected), actual: json(d.actual), description: describeDifference(d) })),
      skippedChecks: report.skipped,
    };
  }
}
