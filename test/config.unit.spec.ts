import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadStoreConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to the embedded store in ./data and port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.eventStoreConnectionString).toBeUndefined();
    expect(config.ledgerFile).toMatch(/data\/ledger\.db$/);
    expect(config.readStoreFile).toMatch(/data\/readmodel\.db$/);
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://db:2113' })).toThrow(ConfigError);
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://db:2113' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('requires a JWKS URL for the API in production, but not for the command-line tools', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL/);
    const store = loadStoreConfig({ NODE_ENV: 'production', EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113?tls=false' });
    expect(store.eventStoreConnectionString).toBe('esdb://db:2113?tls=false');
  });
});

describe('token keys in production', () => {
  it('are fetched over https only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://idp.local/jwks.json' })).toThrow(/https/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.local/jwks.json' }).jwt.key).toMatchObject({ algorithm: 'RS256' });
  });
});
