/** The ledger's enterprise commands: the register of beneficiaries. */
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import { enterpriseDecider } from '../enterprise/decide.js';
import { type Enterprise, enterpriseStream } from '../enterprise/enterprise.js';

export const enterpriseCommands = (deps: CommandDeps) => ({
  /** Registers a beneficiary by its Unified Social Credit Code (统一社会信用代码, check character verified). Returns `{ creditCode }`. */
  registerEnterprise: (input: Enterprise, ctx: CommandContext) =>
    handle(deps, ctx, 'RegisterEnterprise', input, (env) => ({
      stream: enterpriseStream(input.creditCode),
      decider: enterpriseDecider,
      command: () => ({ type: 'RegisterEnterprise' as const, data: { ...input, now: env.now } }),
      ids: { creditCode: input.creditCode },
    })),
});
