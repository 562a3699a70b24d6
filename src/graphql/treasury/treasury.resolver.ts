import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Readable } from 'node:stream';
import { assertPeriod } from '../../treasury/decide.js';
import { MAY } from '../access/roles.js';
import { commandContext, type LedgerContext } from '../context.js';
import { pageOf } from '../shared/connection.js';
import { TreasuryReportArgs } from './treasury.args.js';
import { ConfirmTreasuryResolutionInput, ImportTreasuryFileInput, ResolveTreasuryExceptionInput } from './treasury.input.js';
import { TreasuryExceptionPayload, TreasuryImport, TreasuryReport, type TreasuryLineKind } from './treasury.type.js';

@Resolver(() => TreasuryReport)
export class TreasuryResolver {
  @Authorized(MAY.readTreasuryReport)
  @Query(() => TreasuryReport, { description: 'The treasury reconciliation of a month: every record of its files and how it matched, every payment in no file. FINANCE, AUDITOR.' })
  treasuryReport(@Ctx() ctx: LedgerContext, @Args(() => TreasuryReportArgs) args: TreasuryReportArgs): TreasuryReport {
    assertPeriod(args.period);
    const read = ctx.services.read;
    const filter = { period: args.period, kinds: args.kinds ?? undefined, openOnly: args.openOnly ?? undefined };
    const { lines, counts } = read.treasuryReport(filter, pageOf(args));
    return {
      period: args.period,
      files: read.treasuryFiles(args.period),
      counts: counts.map(({ kind, n, open }) => ({ kind: kind as TreasuryLineKind, count: n, open })),
      lines: lines.map((line) => ({ ...line, kind: line.kind as TreasuryLineKind, differenceList: line.differences ? line.differences.split(',') : [] })),
    };
  }

  @Authorized(MAY.reconcileTreasury)
  @Mutation(() => TreasuryImport, { description: 'Imports a payment-record file of the treasury\'s agent bank and matches it against the ledger\'s payments; the same file again is the same import. FINANCE.' })
  async importTreasuryFile(@Ctx() ctx: LedgerContext, @Arg('input', () => ImportTreasuryFileInput) input: ImportTreasuryFileInput): Promise<TreasuryImport> {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const { fileName, format, period, dateWindowDays } = input;
    const source = () => Readable.from([bytes]);
    const result = await ctx.services.ledger.importTreasuryFile(
      { fileName, source, format: format ?? undefined, period: period ?? undefined, dateWindowDays: dateWindowDays ?? undefined },
      commandContext(ctx, input),
    );
    await ctx.services.runner.waitFor(result.position);
    return result;
  }

  @Authorized(MAY.reconcileTreasury)
  @Mutation(() => TreasuryExceptionPayload, { description: 'Resolves an exception of the treasury report with a reason; another person confirms it. FINANCE.' })
  async resolveTreasuryException(
    @Ctx() ctx: LedgerContext,
    @Arg('input', () => ResolveTreasuryExceptionInput) input: ResolveTreasuryExceptionInput,
  ): Promise<TreasuryExceptionPayload> {
    const { exceptionId, reason } = input;
    const result = await ctx.services.ledger.resolveTreasuryException({ exceptionId, reason }, commandContext(ctx, input));
    await ctx.services.runner.waitFor(result.position);
    return result;
  }

  @Authorized(MAY.reconcileTreasury)
  @Mutation(() => TreasuryExceptionPayload, { description: 'Confirms another person\'s resolution of a treasury exception (四眼原则). FINANCE.' })
  async confirmTreasuryResolution(
    @Ctx() ctx: LedgerContext,
    @Arg('input', () => ConfirmTreasuryResolutionInput) input: ConfirmTreasuryResolutionInput,
  ): Promise<TreasuryExceptionPayload> {
    const result = await ctx.services.ledger.confirmTreasuryResolution({ exceptionId: input.exceptionId }, commandContext(ctx, input));
    await ctx.services.runner.waitFor(result.position);
    return result;
  }
}
