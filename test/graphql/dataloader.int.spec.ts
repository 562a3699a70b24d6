/**
 * DataLoaders: a page of disbursements with each one's enterprise, benefit line and approval
 * runs a constant number of read-store queries: the same for 10 rows as for 100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaidGrants } from '../../src/demo/paid-grants.js';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';

const GRANTS = 55;
const TRANCHES = 2;

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
    // 55 grants over 20 firms and two lines, each paid in two tranches: 110 disbursements.
    const position = await loadPaidGrants(api.app.ledger, { grants: GRANTS, tranchesPerGrant: TRANCHES, firms: 20, fiscalYear: 2025, tag: 'dataloader' });
    await api.app.runner.waitFor(position);
    auditor = await token(Role.AUDITOR);
  });
  afterAll(() => api?.close());

  async function queriesFor(first: number) {
    const before = api.app.readStores.models.stats.queries;
    const { body } = await api.gql(PAGE, { first }, auditor);
    expect(body.errors).toBeUndefined();
    expect(body.data.disbursements.edges).toHaveLength(first);
    expect(body.data.disbursements.edges.every((e: { node: { enterprise: unknown; approval: unknown } }) => e.node.enterprise && e.node.approval)).toBe(true);
    return api.app.readStores.models.stats.queries - before;
  }

  it('is the same for a page of 10 as for a page of 100: the page, its total, one batch per kind', async () => {
    expect(GRANTS * TRANCHES).toBeGreaterThanOrEqual(100);
    const ten = await queriesFor(10);
    const hundred = await queriesFor(100);
    expect(hundred).toBe(ten);
    // page + totals + enterprises + benefit lines + approvals
    expect(hundred).toBe(5);
  });

  it("reads of a page's rows what its nodes are asked, whichever fields, aliases and fragments ask it", async () => {
    const every = `query {
      disbursements(first: 100) { edges { node {
        id creditCode lineCode fiscalYear payer budgetLineId approvedBy approvedAt approvalDocumentRef amount paidOn
        paymentReference recordedBy recordedAt eventId position
        application { id } enterprise { creditCode } benefitLine { code } approval { id } county { code }
      } } }
    }`;
    const few = `query {
      disbursements(first: 100) { edges { node { ...Few valueDate: paidOn ... on Disbursement { county { code } } } } }
    }
    fragment Few on Disbursement { id amount enterprise { creditCode } }`;
    const nodes = async (query: string) => {
      const { body } = await api.gql(query, {}, auditor);
      expect(body.errors).toBeUndefined();
      return body.data.disbursements.edges.map((e: { node: Record<string, unknown> }) => e.node);
    };
    const all = await nodes(every);
    expect(all.every((n: Record<string, unknown>) => Object.values(n).every((v) => v !== undefined))).toBe(true);
    expect(await nodes(few)).toEqual(
      all.map(({ id, amount, enterprise, paidOn, county }: Record<string, unknown>) => ({ id, amount, enterprise, valueDate: paidOn, county })),
    );
  });

  it('makes fresh loaders for every request (nothing is cached across requests)', async () => {
    expect(await queriesFor(100)).toBe(await queriesFor(100));
  });
});
