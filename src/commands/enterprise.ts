/** Enterprise commands. */
import { enterpriseDecider } from '../enterprise/decide.js';
import { type Enterprise, enterpriseStream } from '../enterprise/enterprise.js';
import { type CommandContext, envelope, type LedgerDeps } from './context.js';
import { executeCommand } from './execute.js';

export type RegisterEnterpriseInput = Enterprise;

export function registerEnterprise(deps: LedgerDeps, input: RegisterEnterpriseInput, ctx: CommandContext) {
  const env = envelope(deps, 'RegisterEnterprise', input, ctx);
  return executeCommand(deps, env, {
    stream: enterpriseStream(input.creditCode),
    decider: enterpriseDecider,
    command: async () => ({ type: 'RegisterEnterprise' as const, data: { ...input, now: env.now } }),
    ids: { creditCode: input.creditCode },
  });
}
