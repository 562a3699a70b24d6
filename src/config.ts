/**
 * Configuration: the environment parsed and validated once, at start; a bad value stops the
 * process with a message naming the variable.
 */
import { join, resolve } from 'node:path';
import { loadOpenDataSettings, type OpenDataSettings } from './opendata/settings.js';

/** The development signing secret: fine on a laptop, refused in production. */
export const DEFAULT_DEV_JWT_SECRET = 'grants-ledger-development-secret-change-me';

/**
 * How bearer tokens are verified: HS256 with a shared secret in development, RS256 against a
 * JWKS URL in production. The algorithm is pinned either way.
 */
export type JwtKeyConfig =
  | { algorithm: 'HS256'; secret: string; isDefaultSecret: boolean }
  | { algorithm: 'RS256'; jwksUrl: string };

export interface JwtConfig {
  key: JwtKeyConfig;
  issuer: string;
  audience: string;
}

/** Where the events and the read models live: all that the command-line tools need. */
export interface StoreConfig {
  /** Folder of the embedded ledger file and of the projections' read store. */
  dataDir: string;
  ledgerFile: string;
  readStoreFile: string;
  /** Snapshots of long streams' command-side state (a cache: deleting it costs one full read per stream). */
  snapshotFile: string;
  /** `esdb://…`: use EventStoreDB; absent: the embedded SQLite store. */
  eventStoreConnectionString?: string;
}

export interface Config extends StoreConfig {
  port: number;
  production: boolean;
  logLevel: string;
  jwt: JwtConfig;
  /** Largest request body the API reads, in bytes. */
  maxBodyBytes: number;
  /** Who publishes the open data (360Giving) and the funders' identifiers. */
  openData: OpenDataSettings;
}

export class ConfigError extends Error {}

export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (connection && !/^esdb(\+discover)?:\/\//.test(connection)) {
    throw new ConfigError(`EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (got "${connection}")`);
  }
  return {
    dataDir,
    ledgerFile: join(dataDir, 'ledger.db'),
    readStoreFile: join(dataDir, 'readmodel.db'),
    snapshotFile: join(dataDir, 'snapshots.db'),
    eventStoreConnectionString: connection,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    ...loadStoreConfig(env),
    port: parsePort(env.PORT ?? '4000'),
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    jwt: {
      key: jwtKey(env, production),
      issuer: env.JWT_ISSUER?.trim() || 'grants-ledger',
      audience: env.JWT_AUDIENCE?.trim() || 'grants-ledger-api',
    },
    maxBodyBytes: parsePositiveInteger('MAX_BODY_BYTES', env.MAX_BODY_BYTES ?? '102400'),
    openData: loadOpenDataSettings(env),
  };
}

function jwtKey(env: NodeJS.ProcessEnv, production: boolean): JwtKeyConfig {
  const jwksUrl = env.JWT_JWKS_URL?.trim();
  if (jwksUrl) {
    if (!/^https?:\/\//.test(jwksUrl)) throw new ConfigError(`JWT_JWKS_URL must be an http(s) URL (got "${jwksUrl}")`);
    // Keys fetched over plain http could be swapped on the way: production takes them over https only.
    if (production && !jwksUrl.startsWith('https://')) throw new ConfigError('JWT_JWKS_URL must be an https URL in production');
    return { algorithm: 'RS256', jwksUrl };
  }
  if (production) throw new ConfigError('JWT_JWKS_URL is required in production (RS256 tokens from the identity provider)');
  const secret = env.JWT_SECRET || DEFAULT_DEV_JWT_SECRET;
  if (secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  return { algorithm: 'HS256', secret, isDefaultSecret: secret === DEFAULT_DEV_JWT_SECRET };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${text}")`);
  }
  return port;
}

function parsePositiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive whole number (got "${text}")`);
  return value;
}
