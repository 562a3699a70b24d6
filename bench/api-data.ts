/**
 * What bench:api and bench/page-profile.ts share: the token they verify, and a ledger in a
 * temporary directory holding the demo plus `grants` paid grants (two tranches each, 30 firms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type LedgerApp, openLedgerApp } from '../src/app.js';
import type { JwtConfig } from '../src/config.js';
import { loadDemo } from '../src/demo/load-demo.js';
import { loadPaidGrants } from '../src/demo/paid-grants.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { mintDevelopmentToken } from '../src/graphql/auth/mint-token.js';
import { Role } from '../src/graphql/auth/role.js';
import { createTokenVerifier } from '../src/graphql/auth/verify-token.js';

const JWT: JwtConfig = {
  key: { algorithm: 'HS256', secret: 'the-api-benchmark-secret-long-enough-for-hs256', isDefaultSecret: false },
  issuer: 'grants-ledger',
  audience: 'grants-ledger-api',
};

/** The server and the in-process runs verify the same token with the same verifier. */
export const verifyToken = createTokenVerifier(JWT);
export const auditorToken = mintDevelopmentToken(JWT, { role: Role.AUDITOR, subject: 'auditor-bench' });

/** The ledger with its data loaded and projected; `close` removes it. */
export async function openBenchLedger(grants: number, logger: Logger): Promise<{ app: LedgerApp; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const store = openSqliteEventStore({ file: join(dir, 'ledger.db') });
  const app = await openLedgerApp({ store, readStoreFile: join(dir, 'readmodel.db'), logger });
  const close = async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await loadDemo(app.ledger);
    // A year of its own: the demo's 2024 is closed (结账) and its 2025 has its own budgets.
    await app.runner.waitFor(await loadPaidGrants(app.ledger, { grants, tranchesPerGrant: 2, firms: 30, fiscalYear: 2023, tag: 'bench' }));
  } catch (error) {
    await close();
    throw error;
  }
  return { app, close };
}
