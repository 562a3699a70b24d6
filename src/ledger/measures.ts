/**
 * The ledger's commands on the measures that pay nothing: designations (认定), the cultivation
 * pool (重点培育小微企业库), yearly targets and the activities behind them; and the load of the
 * built-in policy's kinds, pool and targets.
 */
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import type { CommandResult } from '../commands/idempotency.js';
import { readEnterprise, readPolicy } from '../commands/lookups.js';
import {
  XUCHANG_2016_8_DESIGNATION_KINDS,
  XUCHANG_2016_8_POOL,
  xuchang2016_8TargetsOf,
} from '../catalog/xuchang-2016-8-measures.js';
import { type CultivationPoolDefinition, cultivationPoolStream, type PoolExitReason, poolMemberStream } from '../cultivation-pool/cultivation-pool.js';
import { cultivationPoolDecider, poolMemberDecider } from '../cultivation-pool/decide.js';
import { type DesignationInput, designationKindDecider, designationsDecider } from '../designation/decide.js';
import { type DesignationKindDefinition, designationKindStream, designationsStream } from '../designation/designation.js';
import { comparePositions } from '../eventstore/port.js';
import { deterministicId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { type ActivityInput, targetDecider } from '../target/decide.js';
import { type TargetDefinition, targetStream } from '../target/target.js';
import type { ActorContext } from './catalog.js';

interface PoolMember {
  poolCode: string;
  creditCode: string;
}

export interface EnterPoolInput extends PoolMember {
  year: number;
  outputValueFen: Fen;
  enteredOn: string;
}

export interface MonitorPoolMemberInput extends PoolMember {
  year: number;
  outputValueFen: Fen;
  note?: string;
}

export interface ExitPoolInput extends PoolMember {
  reason: PoolExitReason;
  reference: string;
  exitedOn: string;
}

export function measureCommands(deps: CommandDeps) {
  const readKind = async (kindCode: string) => (await deps.streams.read(designationKindStream(kindCode), designationKindDecider)).state;
  const readPool = async (poolCode: string) => (await deps.streams.read(cultivationPoolStream(poolCode), cultivationPoolDecider)).state;
  const onMember = (input: PoolMember) => ({
    stream: poolMemberStream(input.poolCode, input.creditCode),
    decider: poolMemberDecider,
    ids: { poolCode: input.poolCode, creditCode: input.creditCode },
  });

  const commands = {
    /** Defines a kind of designation of a published policy (level, what it is given to, validity). Returns `{ kindCode }`. */
    defineDesignationKind: (input: DesignationKindDefinition, ctx: CommandContext) =>
      handle(deps, ctx, 'DefineDesignationKind', input, (env) => ({
        stream: designationKindStream(input.kindCode),
        decider: designationKindDecider,
        command: async () => ({
          type: 'DefineDesignationKind' as const,
          data: { definition: input, policy: await readPolicy(deps, input.policyCode), now: env.now },
        }),
        ids: { kindCode: input.kindCode },
      })),

    /** Records a beneficiary's designation under its document (文号); the recorder is `ctx.actorId`. Returns `{ designationId, creditCode }`. */
    recordDesignation: (input: DesignationInput, ctx: CommandContext) =>
      handle(deps, ctx, 'RecordDesignation', input, (env) => {
        const designationId = deterministicId(env.commandId, 'designation');
        return {
          stream: designationsStream(input.creditCode),
          decider: designationsDecider,
          command: async () => ({
            type: 'RecordDesignation' as const,
            data: {
              ...input,
              designationId,
              recordedBy: env.metadata.actorId,
              enterprise: await readEnterprise(deps, input.creditCode),
              kind: await readKind(input.kindCode),
              now: env.now,
            },
          }),
          ids: { designationId, creditCode: input.creditCode },
        };
      }),

    /** Defines a cultivation pool and its band of output value. Returns `{ poolCode }`. */
    defineCultivationPool: (input: CultivationPoolDefinition, ctx: CommandContext) =>
      handle(deps, ctx, 'DefineCultivationPool', input, (env) => ({
        stream: cultivationPoolStream(input.poolCode),
        decider: cultivationPoolDecider,
        command: async () => ({
          type: 'DefineCultivationPool' as const,
          data: { definition: input, policy: await readPolicy(deps, input.policyCode), now: env.now },
        }),
        ids: { poolCode: input.poolCode },
      })),

    /** A firm enters the pool with its annual output value, inside the pool's band. Returns `{ poolCode, creditCode }`. */
    enterPool: (input: EnterPoolInput, ctx: CommandContext) =>
      handle(deps, ctx, 'EnterPool', input, (env) => ({
        ...onMember(input),
        command: async () => ({
          type: 'EnterPool' as const,
          data: {
            ...input,
            recordedBy: env.metadata.actorId,
            pool: await readPool(input.poolCode),
            enterprise: await readEnterprise(deps, input.creditCode),
            now: env.now,
          },
        }),
      })),

    /** The year's monitoring (培育监测) of a firm in the pool. Returns `{ poolCode, creditCode }`. */
    monitorPoolMember: (input: MonitorPoolMemberInput, ctx: CommandContext) =>
      handle(deps, ctx, 'MonitorPoolMember', input, (env) => ({
        ...onMember(input),
        command: () => ({ type: 'MonitorPoolMember' as const, data: { ...input, recordedBy: env.metadata.actorId, now: env.now } }),
      })),

    /** A firm leaves the pool: above-designated-size (the scale-up reward's fact) or dropped out. Returns `{ poolCode, creditCode }`. */
    exitPool: (input: ExitPoolInput, ctx: CommandContext) =>
      handle(deps, ctx, 'ExitPool', input, (env) => ({
        ...onMember(input),
        command: () => ({ type: 'ExitPool' as const, data: { ...input, recordedBy: env.metadata.actorId, now: env.now } }),
      })),

    /** Sets a yearly target of an article, with its lead and cooperating units. Returns `{ targetCode, year }`. */
    setTarget: (input: TargetDefinition, ctx: CommandContext) =>
      handle(deps, ctx, 'SetTarget', input, (env) => ({
        stream: targetStream(input.targetCode, input.year),
        decider: targetDecider,
        command: async () => ({
          type: 'SetTarget' as const,
          data: {
            definition: input,
            policy: await readPolicy(deps, input.policyCode),
            designationKind: input.measure.kind === 'designations' ? await readKind(input.measure.designationKind) : undefined,
            now: env.now,
          },
        }),
        ids: { targetCode: input.targetCode, year: input.year },
      })),

    /** Records an activity of the lead or a cooperating unit against a target. Returns `{ activityId, targetCode, year }`. */
    recordActivity: (input: ActivityInput, ctx: CommandContext) =>
      handle(deps, ctx, 'RecordActivity', input, (env) => {
        const activityId = deterministicId(env.commandId, 'activity');
        return {
          stream: targetStream(input.targetCode, input.year),
          decider: targetDecider,
          command: () => ({ type: 'RecordActivity' as const, data: { ...input, activityId, recordedBy: env.metadata.actorId, now: env.now } }),
          ids: { activityId, targetCode: input.targetCode, year: input.year },
        };
      }),
  };

  /** Fixed keys from the data: every start loads each item at most once. */
  const builtIn = (ctx: ActorContext, item: string): CommandContext => ({ ...ctx, idempotencyKey: `built-in-measures:xuchang-2016-8:${item}` });

  return {
    ...commands,
    /**
     * Defines the designation kinds and the cultivation pool of the built-in 许政〔2016〕8号 unless
     * an earlier start did (its catalog must be loaded first). Returns `{ position, kindCodes, poolCode }`.
     */
    async loadBuiltInMeasures(ctx: ActorContext) {
      const results: CommandResult[] = [];
      for (const kind of XUCHANG_2016_8_DESIGNATION_KINDS) results.push(await commands.defineDesignationKind(kind, builtIn(ctx, `kind:${kind.kindCode}`)));
      results.push(await commands.defineCultivationPool(XUCHANG_2016_8_POOL, builtIn(ctx, `pool:${XUCHANG_2016_8_POOL.poolCode}`)));
      const position = results.map((r) => r.position).sort(comparePositions).at(-1)!;
      return { position, kindCodes: XUCHANG_2016_8_DESIGNATION_KINDS.map((k) => k.kindCode), poolCode: XUCHANG_2016_8_POOL.poolCode };
    },

    /** Sets the built-in policy's yearly targets for `year` unless already set. Returns `{ position, targetCodes }`. */
    async setBuiltInTargets(year: number, ctx: ActorContext) {
      const results: CommandResult[] = [];
      const targets = xuchang2016_8TargetsOf(year);
      for (const target of targets) results.push(await commands.setTarget(target, builtIn(ctx, `target:${target.targetCode}:${year}`)));
      const position = results.map((r) => r.position).sort(comparePositions).at(-1)!;
      return { position, targetCodes: targets.map((t) => t.targetCode) };
    },
  };
}
