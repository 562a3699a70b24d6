/**
 * The whole API on a test event store: the ledger application (in-memory read store), the
 * schema, the HTTP server on a free port, and tokens for any role.
 */
import { type Logger, pino } from 'pino';
import type { JwtConfig } from '../../../src/config.js';
import { STATE_COUNCIL_ARRANGEMENTS } from '../../../src/calendar/state-council.js';
import { loadDemo } from '../../../src/demo/load-demo.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { fileRoutes, type LedgerApp, openLedgerApp } from '../../../src/app.js';
import type { Ledger } from '../../../src/ledger.js';
import { mintDevelopmentToken } from '../../../src/graphql/auth/mint-token.js';
import { Role } from '../../../src/graphql/auth/role.js';
import { createTokenVerifier } from '../../../src/graphql/auth/verify-token.js';
import { contextFor } from '../../../src/graphql/context.js';
import { loadOpenDataSettings } from '../../../src/opendata/settings.js';
import { projectionReadiness } from '../../../src/graphql/readiness.js';
import { buildLedgerSchema } from '../../../src/graphql/schema.js';
import { type RunningApi, startApi } from '../../../src/graphql/server.js';
import type { TestStore } from '../../support/stores.js';
import { type HttpAnswer, postGraphql } from './http.js';

export const TEST_JWT: JwtConfig = {
  key: { algorithm: 'HS256', secret: 'the-api-tests-secret-which-is-long-enough', isDefaultSecret: false },
  issuer: 'grants-ledger',
  audience: 'grants-ledger-api',
};

export interface TestApi {
  url: string;
  app: LedgerApp;
  store: EventStore;
  /** Runs an operation over HTTP as the token's holder (anonymous without one). */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<HttpAnswer>;
  /** Events in the log: what a refused command must leave unchanged. */
  eventCount(): Promise<number>;
  /** Resolves once the read models have applied every event in the log. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/** A UNIT records for 市工信委 unless told otherwise. */
export const token = (role: Role, subject = `test-${role.toLowerCase()}`, enterprise?: string, unit = role === Role.UNIT ? '市工信委' : undefined) =>
  mintDevelopmentToken(TEST_JWT, { role, subject, enterprise, unit });

export const applicantToken = (creditCode: string, subject = `applicant-${creditCode}`) =>
  token(Role.APPLICANT, subject, creditCode);

export interface TestApiOptions {
  demo?: boolean;
  /** The published lists show credit codes (PUBLICATION_SHOW_CREDIT_CODE). */
  showCreditCode?: boolean;
  production?: boolean;
  logger?: Logger;
}

/**
 * The demo publishes its public notice (公示) today, and a notice counts working days: near a year's
 * end it runs into the next year, whose State Council arrangement may not be built in yet. For the
 * tests only, such a year is loaded with weekends as its only days off, marked as a test fixture,
 * so that the demo-based tests do not depend on the date they run on.
 */
async function loadYearsNotBuiltIn(ledger: Ledger): Promise<void> {
  const thisYear = new Date().getUTCFullYear();
  for (const year of [thisYear, thisYear + 1]) {
    if (STATE_COUNCIL_ARRANGEMENTS.some((a) => a.year === year)) continue;
    const source = 'test fixture: weekends only (the State Council arrangement of this year is not built in)';
    await ledger.loadHolidayArrangement({ year, source, days: [] }, { actorId: 'test-admin', actorRole: 'ADMIN', idempotencyKey: `test-calendar-${year}` });
  }
}

export async function startTestApi(testStore: TestStore, { demo = false, production = false, showCreditCode = false, logger = pino({ level: 'silent' }) }: TestApiOptions = {}): Promise<TestApi> {
  const store = await testStore.create();
  const app = await openLedgerApp({ store, readStoreFile: ':memory:', logger });
  if (demo) {
    await loadYearsNotBuiltIn(app.ledger);
    await app.runner.waitFor((await loadDemo(app.ledger)).position);
  }
  let api: RunningApi;
  const verifyToken = createTokenVerifier(TEST_JWT);
  try {
    api = await startApi(
      {
        schema: await buildLedgerSchema(),
        production,
        logger,
        maxBodyBytes: 100_000,
        verifyToken,
        contextFor: contextFor(app.services),
        readiness: () => projectionReadiness(app.runner),
        routes: fileRoutes(app.services, verifyToken, loadOpenDataSettings({}), { showCreditCode }),
        ledgerHead: () => app.audit.newestHead(),
      },
      { port: 0, host: '127.0.0.1' },
    );
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  return {
    url: api.url,
    app,
    store,
    gql: (query, variables, bearer) => postGraphql(api.url, { query, variables, token: bearer }),
    eventCount: async () => (await store.readAll({ maxCount: 10_000_000 })).length,
    async caughtUp() {
      const head = await store.headPosition();
      if (head !== undefined) await app.runner.waitFor(head);
    },
    async close() {
      await api.stop();
      await app.close();
      await store.close();
    },
  };
}
