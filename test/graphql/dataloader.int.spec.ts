/**
 * DataLoaders: a page of disbursements with each one's enterprise, benefit line and approval
 * runs a constant number of read-store queries: the same for 10 rows as for 100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../../src/demo/enterprises.js';
import type { CommandContext, Ledger } from '../../src/ledger.js';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';

const GRANTS = 55;
const TRANCHES = 2;
const FIRMS = 20;
const LINES = ['innovation-voucher', 'sme-special-fund'];

const by = (actorId: string, idempotencyKey: string): CommandContext => ({ actorId, actorRole: actorId.split('-')[0]!.toUpperCase(), idempotencyKey });

/** 55 grants over 20 firms and two lines, each paid in two tranches: 110 disbursements. */
async function paidGrants(ledger: Ledger): Promise<string> {
  let position = '';
  for (let f = 0; f < FIRMS; f++) {
    const creditCode = demoCreditCode('changge', 700 + f);
    await ledger.registerEnterprise({ creditCode, name: `长葛市批量测试企业${f}号`, county: 'changge', kind: 'enterprise' }, by('admin-1', `firm-${f}`));
  }
  for (const lineCode of LINES) await ledger.allocateBudget({ lineCode, fiscalYear: 2025, payer: 'municipal', amountFen: 1_000_000_000 }, by('finance-1', `budget-${lineCode}`));
  for (let g = 0; g < GRANTS; g++) {
    const creditCode = demoCreditCode('changge', 700 + (g % FIRMS));
    const submission = { creditCode, lineCode: LINES[g % LINES.length]!, fiscalYear: 2025, qualifyingFact: { kind: 'project', reference: `P-${g}` }, requestedFen: 2_000_000, evidence: {} };
    const { applicationId } = await ledger.submitApplication(submission, by(`applicant-${creditCode}`, `submit-${g}`));
    await ledger.reviewApplication({ applicationId, opinion: 'ok' }, by('officer-1', `review-${g}`));
    await ledger.approveApplication({ applicationId, amountFen: 2_000_000 }, by(`approver-${g % 3}`, `approve-${g}`));
    for (let t = 0; t < TRANCHES; t++) {
      const payment = { applicationId, amountFen: 1_000_000, paidOn: `2025-0${t + 3}-${String((g % 28) + 1).padStart(2, '0')}`, paymentReference: `GK-${g}-${t}` };
      ({ position } = await ledger.recordDisbursement(payment, by('treasury-1', `pay-${g}-${t}`)));
    }
  }
  return position;
}

const PAGE = `query ($first: Int!) {
  disbursements(first: $first) {
    totalCount
    edges { node { amount paidOn enterprise { name } benefitLine { code } approval { amount approvedBy } } }
  }
}`;

describe.each(testStores())('read-store queries per request ($name store)', (testStore) => {
  let api: TestApi;
  let auditor: string;
  beforeAll(async () => {
    api = await startTestApi(testStore);
    await api.app.runner.waitFor(await paidGrants(api.app.ledger));
    auditor = await token(Role.AUDITOR);
  });
  afterAll(() => api?.close());

  async function queriesFor(first: number) {
    const before = api.app.readStore.stats.queries;
    const { body } = await api.gql(PAGE, { first }, auditor);
    expect(body.errors).toBeUndefined();
    expect(body.data.disbursements.edges).toHaveLength(first);
    expect(body.data.disbursements.edges.every((e: { node: { enterprise: unknown; approval: unknown } }) => e.node.enterprise && e.node.approval)).toBe(true);
    return api.app.readStore.stats.queries - before;
  }

  it('is the same for a page of 10 as for a page of 100: the page, its total, one batch per kind', async () => {
    expect(GRANTS * TRANCHES).toBeGreaterThanOrEqual(100);
    const ten = await queriesFor(10);
    const hundred = await queriesFor(100);
    expect(hundred).toBe(ten);
    // page + totals + enterprises + benefit lines + approvals
    expect(hundred).toBe(5);
  });

  it('makes fresh loaders for every request (nothing is cached across requests)', async () => {
    expect(await queriesFor(100)).toBe(await queriesFor(100));
  });
});
