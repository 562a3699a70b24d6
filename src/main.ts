/**
 * The process: configuration, the API (wired in src/app.ts), and the process's life (signals,
 * graceful stop). `--demo` also loads the demo data and prints a sample token for each role.
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type LedgerApp, startLedgerApi } from './app.js';
import { applicantOf, DEMO_PEOPLE, DEMO_UNIT, loadDemo } from './demo/load-demo.js';
import { DEMO_ENTERPRISES } from './demo/enterprises.js';
import { EventStoreError } from './eventstore/port.js';
import { mintDevelopmentToken } from './graphql/auth/mint-token.js';
import { Role } from './graphql/auth/role.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (config.jwt.key.algorithm === 'HS256' && config.jwt.key.isDefaultSecret) {
    logger.warn('JWT_SECRET is not set: tokens are signed with the public development secret; set JWT_SECRET outside a laptop');
  }
  const demo = process.argv.includes('--demo');
  const loadDemoData = async (app: LedgerApp) => {
    const loaded = await loadDemo(app.ledger);
    await app.runner.waitFor(loaded.position);
    logger.info({ enterprises: loaded.enterprises, applications: loaded.applications }, 'demo data loaded');
  };
  const { api, store, stop: stopLedger } = await startLedgerApi(config, logger, demo ? loadDemoData : undefined);
  logger.info({ url: api.url, store: store.kind }, 'grants ledger API listening');
  console.log(`\nGraphQL API: ${api.url}   (health: /healthz, readiness: /readyz)`);
  if (demo) await printDemoTokens(config);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping: no new requests; finishing those in flight');
    await stopLedger();
    logger.info('stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void stop(s));
}

/** One development token per role, acting as the demo's people (the applicant: the first firm). */
async function printDemoTokens(config: Config): Promise<void> {
  if (config.jwt.key.algorithm !== 'HS256') return;
  console.log('\nSample tokens (8 h), send as "Authorization: Bearer <token>":');
  for (const role of Object.values(Role)) {
    const enterprise = role === Role.APPLICANT ? DEMO_ENTERPRISES[0]!.creditCode : undefined;
    const subject = enterprise ? applicantOf(enterprise) : DEMO_PEOPLE[role as keyof typeof DEMO_PEOPLE];
    const unit = role === Role.UNIT ? DEMO_UNIT : undefined;
    const token = await mintDevelopmentToken(config.jwt, { role, subject, enterprise, unit });
    console.log(`\n${role}${enterprise ? ` (${DEMO_ENTERPRISES[0]!.name}, ${enterprise})` : ''}${unit ? ` (${unit})` : ''}:\n${token}`);
  }
}

main().catch((error: unknown) => {
  // What an operator can act on is said in one sentence; anything else is a bug: show it whole.
  if (error instanceof ConfigError) console.error(`configuration: ${error.message}`);
  else if (error instanceof EventStoreError) console.error(`event store: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
