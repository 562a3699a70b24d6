/**
 * The composition root: configuration, the event store it names, the ledger application, the
 * API, and the process's life (signals, graceful stop). `--demo` also loads the demo data and
 * prints a sample token for each role.
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import { applicantOf, DEMO_PEOPLE, loadDemo } from './demo/load-demo.js';
import { DEMO_ENTERPRISES } from './demo/enterprises.js';
import { openConfiguredStore } from './eventstore/open-store.js';
import { EventStoreError } from './eventstore/port.js';
import { openLedgerApp } from './graphql/app.js';
import { mintDevelopmentToken } from './graphql/auth/mint-token.js';
import { Role } from './graphql/auth/role.js';
import { createTokenVerifier } from './graphql/auth/verify-token.js';
import { contextFor } from './graphql/context.js';
import { projectionReadiness } from './graphql/readiness.js';
import { buildLedgerSchema } from './graphql/schema.js';
import { startApi } from './graphql/server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (config.jwt.key.algorithm === 'HS256' && config.jwt.key.isDefaultSecret) {
    logger.warn('JWT_SECRET is not set: tokens are signed with the public development secret; set JWT_SECRET outside a laptop');
  }
  const store = await openConfiguredStore(config, logger.child({ module: 'esdb' }));
  const app = await openLedgerApp({ store, readStoreFile: config.readStoreFile, logger });
  if (process.argv.includes('--demo')) {
    const demo = await loadDemo(app.ledger);
    await app.runner.waitFor(demo.position);
    logger.info({ enterprises: demo.enterprises, applications: demo.applications }, 'demo data loaded');
  }
  const api = await startApi(
    {
      schema: await buildLedgerSchema(),
      production: config.production,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      verifyToken: createTokenVerifier(config.jwt),
      contextFor: contextFor(app.services),
      readiness: () => projectionReadiness(app.runner),
    },
    { port: config.port },
  );
  logger.info({ url: api.url, store: store.kind }, 'grants ledger API listening');
  console.log(`\nGraphQL API: ${api.url}   (health: /healthz, readiness: /readyz)`);
  if (process.argv.includes('--demo')) await printDemoTokens(config);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping: no new requests; finishing those in flight');
    await api.stop();
    await app.close();
    await store.close();
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
    const token = await mintDevelopmentToken(config.jwt, { role, subject, enterprise });
    console.log(`\n${role}${enterprise ? ` (${DEMO_ENTERPRISES[0]!.name}, ${enterprise})` : ''}:\n${token}`);
  }
}

main().catch((error: unknown) => {
  // What an operator can act on is said in one sentence; anything else is a bug: show it whole.
  if (error instanceof ConfigError) console.error(`configuration: ${error.message}`);
  else if (error instanceof EventStoreError) console.error(`event store: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
