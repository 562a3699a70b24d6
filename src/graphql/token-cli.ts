/**
 * `npm run token -- --role AUDITOR [--sub …] [--enterprise …] [--unit …] [--expires 8h]`: mints a
 * development token signed with JWT_SECRET (HS256), for the explorer or curl.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { mintDevelopmentToken } from './auth/mint-token.js';
import { ALL_ROLES, isRole, Role } from './auth/role.js';

const HELP = `Mints a development bearer token for the grants ledger API (HS256, JWT_SECRET).

usage: npm run token -- --role <ROLE> [--sub <id>] [--enterprise <credit code>] [--unit <unit>] [--expires <span>]

  --role        one of ${ALL_ROLES.join(', ')}
  --sub         the user id recorded as the actor of what the token does (default: dev-<role>)
  --enterprise  APPLICANT only, required: the credit code of the enterprise it acts for
  --unit        UNIT only, required: the unit it records activities for, e.g. 市工信委
  --expires     lifetime, e.g. 30m, 8h, 7d (default 8h)
  --help        this text

Issuer, audience and secret come from JWT_ISSUER, JWT_AUDIENCE and JWT_SECRET, as for the server.
Use it as: curl -H "Authorization: Bearer <token>" …`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      enterprise: { type: 'string' },
      unit: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(HELP);
  if (!isRole(values.role)) throw new Error(`--role must be one of ${ALL_ROLES.join(', ')}\n\n${HELP}`);
  const token = await mintDevelopmentToken(loadConfig().jwt, {
    role: values.role,
    subject: values.sub ?? `dev-${values.role.toLowerCase()}`,
    enterprise: values.role === Role.APPLICANT ? values.enterprise : undefined,
    unit: values.role === Role.UNIT ? values.unit : undefined,
    expiresIn: values.expires,
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
