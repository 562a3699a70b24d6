/**
 * The policy's measures that pay nothing: designations, the cultivation pool, yearly targets and
 * activities. Everyone following the measures reads them (the supervising office, 督办, among
 * them); ADMIN keeps the catalog data and records designations; the units record activities and
 * the pool.
 */
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Position } from '../../eventstore/port.js';
import type { TargetMeasure } from '../../target/target.js';
import { MAY } from '../access/roles.js';
import { caller, commandContext, type LedgerContext } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.type.js';
import { badUserInput } from '../errors/api-error.js';
import { connectionOf, PageArgs, pageOf } from '../shared/connection.js';
import { definedFields } from '../shared/filter.js';
import { ActivityConnection, ActivityFilterInput, DesignationConnection, DesignationFilterInput, PoolMemberConnection, PoolMemberFilterInput, TargetFilterInput } from './measures.args.js';
import {
  ActivityPayload,
  CultivationPoolPayload,
  DefineCultivationPoolInput,
  DefineDesignationKindInput,
  DesignationKindPayload,
  DesignationPayload,
  EnterPoolInput,
  ExitPoolInput,
  MonitorPoolMemberInput,
  PoolMemberPayload,
  RecordActivityInput,
  RecordDesignationInput,
  SetTargetInput,
  TargetPayload,
} from './measures.input.js';
import { toActivity, toDesignation, toDesignationKind, toMember, toPool, toTarget } from './measures.mapping.js';
import { CultivationPool, DesignationKind, TargetProgress } from './measures.type.js';

/** Read-your-writes: the projections reach the write, then `read` finds what it wrote. */
async function afterWrite<T>(ctx: LedgerContext, position: Position, read: () => T | undefined, what: string): Promise<T> {
  await ctx.services.runner.waitFor(position);
  const found = read();
  if (found === undefined) throw new Error(`${what} is not in the read model after the write at ${position}`);
  return found;
}

const noKey = <T extends { idempotencyKey: string; documentRef?: string | null }>({ idempotencyKey: _k, documentRef: _d, ...input }: T) => input;
const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
const ALL = { limit: 100, offset: 0 };

function measureOf(input: SetTargetInput): TargetMeasure {
  if (input.measureKind !== 'designations') {
    if (input.designationKind != null) throw badUserInput('designationKind is given for a DESIGNATIONS target only');
    return { kind: input.measureKind };
  }
  if (input.designationKind == null) throw badUserInput('a DESIGNATIONS target names the designationKind it counts');
  return { kind: 'designations', designationKind: input.designationKind };
}

@Resolver(() => TargetProgress)
export class MeasuresResolver {
  // ── Reads ─────────────────────────────────────────────────────────────────────────────────

  @Authorized(MAY.readMeasures)
  @Query(() => [DesignationKind], { description: 'Every kind of designation the catalog defines.' })
  designationKinds(@Ctx() ctx: LedgerContext): DesignationKind[] {
    return ctx.services.read.designationKinds().map(toDesignationKind);
  }

  @Authorized(MAY.readMeasures)
  @Query(() => DesignationConnection, { description: 'Designations (认定) by beneficiary, kind or year.' })
  designations(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => DesignationFilterInput, { nullable: true }) filter?: DesignationFilterInput,
  ): DesignationConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.designations(definedFields(filter), page);
    return connectionOf(rows.map(toDesignation), totalCount, page);
  }

  @Authorized(MAY.readMeasures)
  @Query(() => [CultivationPool], { description: 'The cultivation pools (重点培育小微企业库), with how many firms each holds, scaled up and dropped out.' })
  cultivationPools(@Ctx() ctx: LedgerContext): CultivationPool[] {
    return ctx.services.read.cultivationPools().map(toPool);
  }

  @Authorized(MAY.readMeasures)
  @Query(() => PoolMemberConnection, { description: 'Firms of the cultivation pools: entry, last monitoring, exit.' })
  poolMembers(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => PoolMemberFilterInput, { nullable: true }) filter?: PoolMemberFilterInput,
  ): PoolMemberConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.poolMembers(definedFields(filter), page);
    return connectionOf(rows.map(toMember), totalCount, page);
  }

  @Authorized(MAY.readMeasures)
  @Query(() => [TargetProgress], { description: 'Each yearly target with the target, what was done, the share and the lead unit: the supervising office\'s (督办) question.' })
  targetProgress(@Ctx() ctx: LedgerContext, @Arg('filter', () => TargetFilterInput, { nullable: true }) filter?: TargetFilterInput): TargetProgress[] {
    return ctx.services.read.targetProgress(definedFields(filter)).map(toTarget);
  }

  @Authorized(MAY.readMeasures)
  @Query(() => ActivityConnection, { description: 'Activities by target, year or unit.' })
  activities(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => ActivityFilterInput, { nullable: true }) filter?: ActivityFilterInput,
  ): ActivityConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.activities(definedFields(filter), page);
    return connectionOf(rows.map(toActivity), totalCount, page);
  }

  @FieldResolver(() => ActivityConnection, { description: 'The activities behind the figure (none for a DESIGNATIONS target).' })
  activitiesBehind(@Root() target: TargetProgress, @Ctx() ctx: LedgerContext, @Args(() => PageArgs) pageArgs: PageArgs): ActivityConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.activities({ targetCode: target.targetCode, year: target.year }, page);
    return connectionOf(rows.map(toActivity), totalCount, page);
  }

  @FieldResolver(() => DesignationConnection, { description: 'The designations behind the figure of a DESIGNATIONS target (empty otherwise).' })
  designationsBehind(@Root() target: TargetProgress, @Ctx() ctx: LedgerContext, @Args(() => PageArgs) pageArgs: PageArgs): DesignationConnection {
    const page = pageOf(pageArgs);
    if (target.designationKind === null) return connectionOf([], 0, page);
    const { rows, totalCount } = ctx.services.read.designations({ kindCode: target.designationKind, year: target.year }, page);
    return connectionOf(rows.map(toDesignation), totalCount, page);
  }

  // ── Catalog data ──────────────────────────────────────────────────────────────────────────

  @Authorized(MAY.keepMeasures)
  @Mutation(() => DesignationKindPayload, { description: 'Defines a kind of designation a published policy names. ADMIN.' })
  async defineDesignationKind(@Ctx() ctx: LedgerContext, @Arg('input', () => DefineDesignationKindInput) input: DefineDesignationKindInput): Promise<DesignationKindPayload> {
    const { validityYears, minimumAnnualRevenue, treatment, ...kind } = noKey(input);
    const definition = { ...kind, validityYears: optional(validityYears), minimumAnnualRevenueFen: optional(minimumAnnualRevenue), treatment: optional(treatment) };
    const { position } = await ctx.services.ledger.defineDesignationKind(definition, commandContext(ctx, input));
    const designationKind = await afterWrite(ctx, position, () => ctx.services.read.designationKinds().find((k) => k.kindCode === input.kindCode), `designation kind ${input.kindCode}`);
    return { position, designationKind: toDesignationKind(designationKind) };
  }

  @Authorized(MAY.keepMeasures)
  @Mutation(() => CultivationPoolPayload, { description: 'Defines a cultivation pool and its band of annual output value. ADMIN.' })
  async defineCultivationPool(@Ctx() ctx: LedgerContext, @Arg('input', () => DefineCultivationPoolInput) input: DefineCultivationPoolInput): Promise<CultivationPoolPayload> {
    const { minOutput, maxOutput, ...pool } = noKey(input);
    const { position } = await ctx.services.ledger.defineCultivationPool({ ...pool, minOutputFen: minOutput, maxOutputFen: maxOutput }, commandContext(ctx, input));
    const found = await afterWrite(ctx, position, () => ctx.services.read.cultivationPools().find((p) => p.poolCode === input.poolCode), `pool ${input.poolCode}`);
    return { position, pool: toPool(found) };
  }

  @Authorized(MAY.keepMeasures)
  @Mutation(() => TargetPayload, { description: 'Sets a yearly target of an article with its lead and cooperating units. ADMIN.' })
  async setTarget(@Ctx() ctx: LedgerContext, @Arg('input', () => SetTargetInput) input: SetTargetInput): Promise<TargetPayload> {
    const { measureKind: _kind, designationKind: _designationKind, ...target } = noKey(input);
    const { position } = await ctx.services.ledger.setTarget({ ...target, measure: measureOf(input) }, commandContext(ctx, input));
    const found = await afterWrite(ctx, position, () => ctx.services.read.targetProgress({ year: input.year }).find((t) => t.targetCode === input.targetCode), `target ${input.targetCode}`);
    return { position, target: toTarget(found) };
  }

  // ── Records ───────────────────────────────────────────────────────────────────────────────

  @Authorized(MAY.recordDesignations)
  @Mutation(() => DesignationPayload, { description: 'Records a beneficiary\'s designation under its document (文号); an award resting on it cites that document. ADMIN.' })
  async recordDesignation(@Ctx() ctx: LedgerContext, @Arg('input', () => RecordDesignationInput) input: RecordDesignationInput): Promise<DesignationPayload> {
    const { product, annualRevenue, ...designation } = noKey(input);
    const { position, designationId } = await ctx.services.ledger.recordDesignation(
      { ...designation, product: optional(product), annualRevenueFen: optional(annualRevenue) },
      commandContext(ctx, input),
    );
    const found = await afterWrite(ctx, position, () => ctx.services.read.designationsById([designationId])[0] ?? undefined, `designation ${designationId}`);
    return { position, designation: toDesignation(found) };
  }

  @Authorized(MAY.recordActivities)
  @Mutation(() => PoolMemberPayload, { description: 'A firm enters the cultivation pool with its annual output value, inside the band. UNIT.' })
  async enterPool(@Ctx() ctx: LedgerContext, @Arg('input', () => EnterPoolInput) input: EnterPoolInput): Promise<PoolMemberPayload> {
    const { output, ...entry } = noKey(input);
    const { position } = await ctx.services.ledger.enterPool({ ...entry, outputValueFen: output }, commandContext(ctx, input));
    return { position, member: await this.member(ctx, position, input) };
  }

  @Authorized(MAY.recordActivities)
  @Mutation(() => PoolMemberPayload, { description: 'The year\'s monitoring (培育监测) of a firm in the pool. UNIT.' })
  async monitorPoolMember(@Ctx() ctx: LedgerContext, @Arg('input', () => MonitorPoolMemberInput) input: MonitorPoolMemberInput): Promise<PoolMemberPayload> {
    const { output, note, ...monitoring } = noKey(input);
    const { position } = await ctx.services.ledger.monitorPoolMember({ ...monitoring, outputValueFen: output, note: optional(note) }, commandContext(ctx, input));
    return { position, member: await this.member(ctx, position, input) };
  }

  @Authorized(MAY.recordActivities)
  @Mutation(() => PoolMemberPayload, { description: 'A firm leaves the pool: above-designated-size (then its scale-up reward may be approved on that statistics entry) or dropped out. UNIT.' })
  async exitPool(@Ctx() ctx: LedgerContext, @Arg('input', () => ExitPoolInput) input: ExitPoolInput): Promise<PoolMemberPayload> {
    const { position } = await ctx.services.ledger.exitPool(noKey(input), commandContext(ctx, input));
    return { position, member: await this.member(ctx, position, input) };
  }

  @Authorized(MAY.recordActivities)
  @Mutation(() => ActivityPayload, { description: 'Records an activity of the caller\'s unit (the token\'s "unit" claim), which must be the target\'s lead or a cooperating unit. UNIT.' })
  async recordActivity(@Ctx() ctx: LedgerContext, @Arg('input', () => RecordActivityInput) input: RecordActivityInput): Promise<ActivityPayload> {
    const { documentNumber, rentDiscount, ...activity } = noKey(input);
    const { unit } = caller(ctx);
    if (unit === undefined) throw new Error('a UNIT token names its unit');
    const { position, activityId } = await ctx.services.ledger.recordActivity(
      { ...activity, unit, documentNumber: optional(documentNumber), rentDiscount: rentDiscount ? { ...rentDiscount } : undefined },
      commandContext(ctx, input),
    );
    const found = await afterWrite(ctx, position, () => ctx.services.read.activitiesById([activityId])[0] ?? undefined, `activity ${activityId}`);
    return { position, activity: toActivity(found) };
  }

  private async member(ctx: LedgerContext, position: Position, { poolCode, creditCode }: { poolCode: string; creditCode: string }) {
    const found = await afterWrite(ctx, position, () => ctx.services.read.poolMembers({ poolCode, creditCode }, ALL).rows[0], `pool member ${creditCode}`);
    return toMember(found);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseDesignationsResolver {
  @Authorized(MAY.readMeasures)
  @FieldResolver(() => DesignationConnection, { nullable: true, description: 'Its designations (认定), by date (readers of the measures only).' })
  designations(@Root() enterprise: Enterprise, @Ctx() ctx: LedgerContext, @Args(() => PageArgs) pageArgs: PageArgs): DesignationConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.designations({ creditCode: enterprise.creditCode }, page);
    return connectionOf(rows.map(toDesignation), totalCount, page);
  }
}
