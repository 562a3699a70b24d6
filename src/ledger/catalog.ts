/** The ledger's catalog commands: publish a policy, define and amend its benefit lines, load the built-in policy. */
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
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import type { CommandResult } from '../commands/idempotency.js';
import { readLine, readPolicy } from '../commands/lookups.js';
import { comparePositions } from '../eventstore/port.js';

export interface AmendBenefitLineInput {
  lineCode: string;
  changes: LineChanges;
}

/** Who loads the built-in catalog; its idempotency keys are fixed by the data, so every start loads it at most once. */
export type ActorContext = Omit<CommandContext, 'idempotencyKey'>;

export function catalogCommands(deps: CommandDeps) {
  const companionOf = async (lineCode: string | undefined): Promise<BenefitLineState | undefined> =>
    lineCode === undefined ? undefined : readLine(deps, lineCode);

  const commands = {
    /** Publishes a policy (文号, issuer, articles). Returns `{ policyCode }`. */
    publishPolicy: (input: Policy, ctx: CommandContext) =>
      handle(deps, ctx, 'PublishPolicy', input, (env) => ({
        stream: policyStream(input.policyCode),
        decider: policyDecider,
        command: () => ({ type: 'PublishPolicy' as const, data: { ...input, now: env.now } }),
        ids: { policyCode: input.policyCode },
      })),

    /** Defines a benefit line of a published policy: rule, payer, lead and cooperating units, exclusivity group. Returns `{ lineCode }`. */
    defineBenefitLine: (input: BenefitLineDefinition, ctx: CommandContext) =>
      handle(deps, ctx, 'DefineBenefitLine', input, (env) => ({
        stream: benefitLineStream(input.lineCode),
        decider: benefitLineDecider,
        command: async () => ({
          type: 'DefineBenefitLine' as const,
          data: {
            definition: input,
            policy: await readPolicy(deps, input.policyCode),
            companion: await companionOf(input.companionOf),
            now: env.now,
          },
        }),
        ids: { lineCode: input.lineCode },
      })),

    /** Amends a benefit line; the amended whole must still be a valid line. Returns `{ lineCode }`. */
    amendBenefitLine: (input: AmendBenefitLineInput, ctx: CommandContext) =>
      handle(deps, ctx, 'AmendBenefitLine', input, (env) => ({
        stream: benefitLineStream(input.lineCode),
        decider: benefitLineDecider,
        command: async () => {
          const current = await readLine(deps, input.lineCode);
          const line = current.status === 'defined' ? { ...current.line, ...input.changes } : undefined;
          return {
            type: 'AmendBenefitLine' as const,
            data: {
              changes: input.changes,
              policy: line ? await readPolicy(deps, line.policyCode) : initialPolicyState,
              companion: await companionOf(line?.companionOf),
              now: env.now,
            },
          };
        },
        ids: { lineCode: input.lineCode },
      })),
  };

  return {
    ...commands,
    /**
     * Publishes the built-in 许政〔2016〕8号 and its eight lines unless an earlier start did: its
     * idempotency keys come with the data, so `ctx` names only the actor. Returns `{ position, policyCode, lineCodes }`.
     */
    async loadBuiltInCatalog(ctx: ActorContext) {
      const { policyCode } = XUCHANG_2016_8_POLICY;
      const keyed = (item: string): CommandContext => ({ ...ctx, idempotencyKey: `built-in-catalog:${policyCode}:${item}` });
      const results: CommandResult[] = [await commands.publishPolicy(XUCHANG_2016_8_POLICY, keyed('policy'))];
      for (const line of XUCHANG_2016_8_LINES) results.push(await commands.defineBenefitLine(line, keyed(`line:${line.lineCode}`)));
      const position = results.map((r) => r.position).sort(comparePositions).at(-1)!;
      return { position, policyCode, lineCodes: XUCHANG_2016_8_LINES.map((l) => l.lineCode) };
    },
  };
}
