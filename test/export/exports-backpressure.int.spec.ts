/**
 * An export without end, read by a client that takes one chunk and hangs up: the server stops
 * reading rows (no export left running, or waiting for a reader that is gone), and a client that
 * does not read holds the server to what the socket buffers, not the whole export.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisbursementRow } from '../../projections/disbursement-history/disbursement-history.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { exportRoutes } from '../../src/export/http.js';
import { Role } from '../../src/graphql/auth/role.js';
import { createTokenVerifier } from '../../src/graphql/auth/verify-token.js';
import type { ReadModelQueries } from '../../src/readmodel/queries/index.js';
import { TEST_JWT, token } from '../graphql/support/api.js';

const PAYMENT: DisbursementRow = {
  disbursementId: 'd-1',
  applicationId: 'a-1',
  creditCode: '91411000MA00000001',
  lineCode: 'scale-up-reward',
  fiscalYear: 2025,
  payer: 'municipal',
  budgetLineId: 'scale-up-reward.2025.municipal',
  county: 'weidu',
  approvalId: 'ap-1',
  approvedBy: 'approver-wang',
  approvedAt: '2025-03-01T02:00:00.000Z',
  approvalDocumentRef: null,
  amountFen: 2_000_000,
  paidOn: '2025-03-02',
  paymentReference: 'GK-1',
  recordedBy: 'treasury-zhao',
  recordedAt: '2025-03-02T03:00:00.000Z',
  eventId: 'e-1',
  position: '00000000000000000001',
};

/** A read model whose disbursements never end; counts the pages read and says when reading stopped. */
function endlessPayments() {
  const state = { pages: 0, stopped: false };
  const read = {
    *disbursementPages() {
      try {
        for (;;) {
          state.pages++;
          yield Array.from({ length: 1_000 }, () => PAYMENT);
        }
      } finally {
        state.stopped = true;
      }
    },
    enterprisesByCreditCode: (codes: readonly string[]) => codes.map(() => null),
  } as unknown as ReadModelQueries;
  return { state, read };
}

describe('an export whose client goes away', () => {
  let server: Server;
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function serve(read: ReadModelQueries): Promise<string> {
    const routes = exportRoutes({ read, store: {} as EventStore }, createTokenVerifier(TEST_JWT));
    server = createServer((req, res) => void routes.get(req.url!.split('?')[0]!)!(req, res, ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('stops reading rows once the client hangs up', async () => {
    const { state, read } = endlessPayments();
    const base = await serve(read);
    const abort = new AbortController();
    const response = await fetch(`${base}/exports/disbursements.csv`, { headers: { authorization: `Bearer ${await token(Role.AUDITOR)}` }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    abort.abort();
    await expect.poll(() => state.stopped, { timeout: 10_000 }).toBe(true);
    const pages = state.pages;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(state.pages).toBe(pages);
  });

  it('reads no further ahead than the socket buffers while the client does not read', async () => {
    const { state, read } = endlessPayments();
    const base = await serve(read);
    const abort = new AbortController();
    await fetch(`${base}/exports/disbursements.csv`, { headers: { authorization: `Bearer ${await token(Role.AUDITOR)}` }, signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // About 300 bytes a row: a few MiB of socket and stream buffers hold some thousands of rows, not an endless export.
    expect(state.pages).toBeLessThan(100);
    abort.abort();
    await expect.poll(() => state.stopped, { timeout: 10_000 }).toBe(true);
  });
});
