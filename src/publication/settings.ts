/** The publication's settings, from the environment: whether the lists show credit codes. */
import { ConfigError } from '../config.js';
import type { ListSettings } from './table-output.js';

/** `PUBLICATION_SHOW_CREDIT_CODE=true` adds 统一社会信用代码 to the lists; absent or "false": not shown. */
export function publicationSettings(env: NodeJS.ProcessEnv = process.env): ListSettings {
  const value = env.PUBLICATION_SHOW_CREDIT_CODE?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false') return { showCreditCode: false };
  if (value === 'true') return { showCreditCode: true };
  throw new ConfigError(`PUBLICATION_SHOW_CREDIT_CODE must be true or false (got "${env.PUBLICATION_SHOW_CREDIT_CODE}")`);
}
