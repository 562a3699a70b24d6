/**
 * What the ledger checks in `EVENTSTORE_CONNECTION_STRING` before `@eventstore/db-client` reads
 * it. The client only warns of an option it does not know, and of `tlsVerifyCert=false` (which
 * it does not support), and prints the whole string with the warning, password included: the
 * ledger refuses both instead, naming the option alone.
 */

/** The options `@eventstore/db-client` 6.x reads (keys match ignoring case, `-` and `_`, as it matches them). */
const CLIENT_OPTIONS = [
  'connectionName',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'keepAliveInterval',
  'keepAliveTimeout',
  'maxDiscoverAttempts',
  'nodePreference',
  'throwOnAppendFailure',
  'tls',
  'tlsCAFile',
  'tlsVerifyCert',
  'userCertFile',
  'userKeyFile',
];

const flat = (key: string) => key.trim().toLowerCase().replace(/[_-]/g, '');
const KNOWN = new Map(CLIENT_OPTIONS.map((option) => [flat(option), option]));

/** The string's options by the client's names (unknown keys as given). */
function options(connectionString: string): [string, string][] {
  const query = connectionString.split('?')[1] ?? '';
  return [...new URLSearchParams(query)].map(([key, value]) => [KNOWN.get(flat(key)) ?? key, value.trim()]);
}

/** Why the client would take the string other than as written, or undefined when it would not. */
export function connectionStringProblem(connectionString: string): string | undefined {
  for (const [key, value] of options(connectionString)) {
    if (!KNOWN.has(flat(key))) return `unknown option "${key}" (the client knows ${CLIENT_OPTIONS.join(', ')})`;
    if (key === 'tlsVerifyCert' && value === 'false') {
      return 'tlsVerifyCert=false is not supported by the client: name the CA that signed the nodes\' certificates with tlsCAFile';
    }
  }
  return undefined;
}

/** The string's `tlsCAFile`, if it names one. */
export function tlsCAFile(connectionString: string): string | undefined {
  return options(connectionString).find(([key]) => key === 'tlsCAFile')?.[1];
}
