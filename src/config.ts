/**
 * Configuration: the environment parsed and validated once, at start; a bad value stops the
 * process with a message naming the variable.
 */
import { join, resolve } from 'node:path';
import type { SigningKeySource } from './audit/signing-key.js';
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
  /** The signed tree heads, in order (never rebuilt: keep it as the ledger file is kept). */
  headsFile: string;
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
  audit: AuditConfig;
  /** Who publishes the open data (360Giving) and the funders' identifiers. */
  openData: OpenDataSettings;
}

/** Signed tree heads: the key, where they are published, how often one is signed. */
export interface AuditConfig {
  signingKey: SigningKeySource;
  /** `LEDGER_HEADS_DIR`: a folder every head is also written to, for publishing. */
  publishDir?: string;
  /** `LEDGER_HEAD_INTERVAL_MINUTES` (default 60): a head this often when the log has grown. */
  intervalMs: number;
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
    headsFile: join(dataDir, 'heads.db'),
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
    audit: auditConfig(env, production, loadStoreConfig(env).dataDir),
    openData: loadOpenDataSettings(env),
  };
}

function auditConfig(env: NodeJS.ProcessEnv, production: boolean, dataDir: string): AuditConfig {
  const pem = env.LEDGER_SIGNING_KEY?.trim();
  const file = env.LEDGER_SIGNING_KEY_FILE?.trim();
  if (pem && file) throw new ConfigError('set LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE, not both');
  const signingKey: SigningKeySource = pem
    ? { kind: 'pem', pem }
    : file
      ? { kind: 'file', file: resolve(file) }
      : production
        ? { kind: 'missing' }
        : { kind: 'development', file: join(dataDir, 'ledger-signing-key.pem') };
  const publishDir = env.LEDGER_HEADS_DIR?.trim();
  return {
    signingKey,
    ...(publishDir ? { publishDir: resolve(publishDir) } : {}),
    intervalMs: parsePositiveInteger('LEDGER_HEAD_INTERVAL_MINUTES', env.LEDGER_HEAD_INTERVAL_MINUTES ?? '60') * 60_000,
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
