/**
 * Configuration: the environment parsed and validated once, at start; a bad value stops the
 * process with a message naming the variable.
 */
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  /** Folder of the embedded ledger file and of the projections' read store. */
  dataDir: string;
  ledgerFile: string;
  readStoreFile: string;
  /** `esdb://…`: use EventStoreDB; absent: the embedded SQLite store. */
  eventStoreConnectionString?: string;
  production: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (connection && !/^esdb(\+discover)?:\/\//.test(connection)) {
    throw new ConfigError(`EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (got "${connection}")`);
  }
  return {
    port: parsePort(env.PORT ?? '4000'),
    dataDir,
    ledgerFile: join(dataDir, 'ledger.db'),
    readStoreFile: join(dataDir, 'readmodel.db'),
    eventStoreConnectionString: connection,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${text}")`);
  }
  return port;
}
