/** Catalog commands: publish a policy, define and amend its benefit lines, load the built-in policy. */
import {
  benefitLineStream,
  type BenefitLineDefinition,
  type BenefitLineState,
  initialPolicyState,
  type Policy,
  policyStream,
} from '../catalog/catalog.js';
import { benefitLineDecider, type LineChanges, policyDecider } from '../catalog/decide.js';
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../catalog/xuchang-2016-8.js';
import { comparePositions } from '../eventstore/port.js';
import type { CommandResult } from './command-record.js';
import { type CommandContext, envelope, type LedgerDeps } from './context.js';
import { executeCommand } from './execute.js';
import { readLine, readPolicy } from './lookups.js';

export type PublishPolicyInput = Policy;
export type DefineBenefitLineInput = BenefitLineDefinition;
export interface AmendBenefitLineInput {
  lineCode: string;
  changes: LineChanges;
}

/** Who loads the built-in catalog; its idempotency keys are fixed by the data, so every start loads it at most once. */
export type ActorContext = Omit<CommandContext, 'idempotencyKey'>;

export function publishPolicy(deps: LedgerDeps, input: PublishPolicyInput, ctx: CommandContext) {
  const env = envelope(deps, 'PublishPolicy', input, ctx);
  return executeCommand(deps, env, {
    stream: policyStream(input.policyCode),
    decider: policyDecider,
    command: async () => ({ type: 'PublishPolicy' as const, data: { ...input, now: env.now } }),
    ids: { policyCode: input.policyCode },
  });
}

const companionOf = async (deps: LedgerDeps, lineCode: string | undefined): Promise<BenefitLineState | undefined> =>
  lineCode === undefined ? undefined : readLine(deps.store, lineCode);

export function defineBenefitLine(deps: LedgerDeps, input: DefineBenefitLineInput, ctx: CommandContext) {
  const env = envelope(deps, 'DefineBenefitLine', input, ctx);
  return executeCommand(deps, env, {
    stream: benefitLineStream(input.lineCode),
    decider: benefitLineDecider,
    command: async () => ({
      type: 'DefineBenefitLine' as const,
      data: {
        definition: input,
        policy: await readPolicy(deps.store, input.policyCode),
        companion: await companionOf(deps, input.companionOf),
        now: env.now,
      },
    }),
    ids: { lineCode: input.lineCode },
  });
}

export function amendBenefitLine(deps: LedgerDeps, input: AmendBenefitLineInput, ctx: CommandContext) {
  const env = envelope(deps, 'AmendBenefitLine', input, ctx);
  return executeCommand(deps, env, {
    stream: benefitLineStream(input.lineCode),
    decider: benefitLineDecider,
    command: async () => {
      const current = await readLine(deps.store, input.lineCode);
      const line = current.status === 'defined' ? { ...current.line, ...input.changes } : undefined;
      return {
        type: 'AmendBenefitLine' as const,
        data: {
          changes: input.changes,
          policy: line ? await readPolicy(deps.store, line.policyCode) : initialPolicyState,
          companion: await companionOf(deps, line?.companionOf),
          now: env.now,
        },
      };
    },
    ids: { lineCode: input.lineCode },
  });
}

/** Publishes 许政〔2016〕8号 and defines its eight lines, unless an earlier start already did. */
export async function loadBuiltInCatalog(deps: LedgerDeps, ctx: ActorContext) {
  const { policyCode } = XUCHANG_2016_8_POLICY;
  const keyed = (item: string): CommandContext => ({ ...ctx, idempotencyKey: `built-in-catalog:${policyCode}:${item}` });
  const results: CommandResult[] = [await publishPolicy(deps, XUCHANG_2016_8_POLICY, keyed('policy'))];
  for (const line of XUCHANG_2016_8_LINES) results.push(await defineBenefitLine(deps, line, keyed(`line:${line.lineCode}`)));
  const position = results.map((r) => r.position).sort(comparePositions).at(-1)!;
  return { position, policyCode, lineCodes: XUCHANG_2016_8_LINES.map((l) => l.lineCode) };
}
