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

/**
 * The string cut as the client cuts it: `user:password@` runs from the scheme to the first `@`
 * after the user's `:` (its pattern is `[^:]+:[^@]+`), so a password may hold `?` and `/`; the
 * hosts run from there to the first `?`, the options after it.
 */
function parts(connectionString: string): { credentials?: string; hosts: string; query: string } {
  const afterScheme = connectionString.trim().replace(/\/+$/, '').replace(/^[^:]+:\/\//, '');
  const credentials = /^([^:]+:[^@]+)@/.exec(afterScheme)?.[1];
  const rest = credentials === undefined ? afterScheme : afterScheme.slice(credentials.length + 1);
  const [hosts = '', ...query] = rest.split('?');
  return { credentials, hosts: hosts.replace(/\/+$/, ''), query: query.join('?') };
}

/**
 * `host:port[,host:port…]` out of a connection string, without scheme, credentials or options:
 * cut after the last `@`, so that nothing of a password shows even when it holds a raw `@`
 * (which the start refuses).
 */
export function serverAddress(connectionString: string): string {
  return parts(connectionString.replace(/^([^:]+:\/\/).*@/, '$1')).hosts;
}

/** The string's options by the client's names (unknown keys as given). */
function options(connectionString: string): [string, string][] {
  return [...new URLSearchParams(parts(connectionString).query)].map(([key, value]) => [KNOWN.get(flat(key)) ?? key, value.trim()]);
}

/**
 * What in the user and password the client would read other than as written: it takes the
 * password up to the first `@` (the rest of it would become a host), up to a second `:`, and
 * percent-decodes both. Said without quoting them.
 */
function credentialsProblem(connectionString: string): string | undefined {
  const { credentials, hosts, query } = parts(connectionString);
  if (`${hosts}?${query}`.includes('@')) {
    return (
      'an "@" after the first one: in a user or password the client would take what follows it for a host; ' +
      'write "@" as %40 (the client decodes it there, and in file names)'
    );
  }
  if (credentials === undefined) return undefined;
  if (credentials.split(':').length > 2) return 'the user or password holds a second ":", where the client would cut the password: write it as %3A';
  try {
    credentials.split(':').forEach((part) => decodeURIComponent(part));
  } catch {
    return 'the user or password holds a "%" that is not followed by two hex digits: write "%" as %25';
  }
  return undefined;
}

/** Why the client would take the string other than as written, or undefined when it would not. */
export function connectionStringProblem(connectionString: string): string | undefined {
  const credentials = credentialsProblem(connectionString);
  if (credentials) return credentials;
  for (const [key, value] of options(connectionString)) {
    if (!KNOWN.has(flat(key))) return `unknown option "${key}" (the client knows ${CLIENT_OPTIONS.join(', ')})`;
    if (key === 'tlsVerifyCert' && value === 'false') {
      return 'tlsVerifyCert=false is not supported by the client: name the CA that signed the nodes\' certificates with tlsCAFile';
    }
  }
  return undefined;
}

/** Whether the string turns TLS off (`tls=false`), as for an insecure node. */
export function tlsOff(connectionString: string): boolean {
  return options(connectionString).some(([key, value]) => key === 'tls' && value === 'false');
}

/** The string's `tlsCAFile`, if it names one. */
export function tlsCAFile(connectionString: string): string | undefined {
  return options(connectionString).find(([key]) => key === 'tlsCAFile')?.[1];
}
