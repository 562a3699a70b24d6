/**
 * An auditor's path through the API: sign a head, read it at GET /ledger/head, go from a payment
 * to the events behind it and their proofs in one query, prove a later head extends the earlier;
 * every proof checked here with the offline verifier's own functions, not the server's word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHeadSignature, type SignedHead } from '../../src/audit/head.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle.js';
import { Role } from '../../src/graphql/auth/role.js';
import { creditCode } from '../support/domain-fixtures.js';
import { testStores } from '../support/stores.js';
import { startTestApi, type TestApi, token } from './support/api.js';
import { send } from './support/http.js';

const hex = (h: string) => Buffer.from(h, 'hex');
const HEAD = 'treeSize rootHash signedAt reason keyId publicKey signature';

describe.each(testStores())('the audit API on the $name store', (testStore) => {
  let api: TestApi;
  let auditor: string;
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    auditor = await token(Role.AUDITOR, 'auditor-1');
  });
  afterAll(() => api?.close());

  it('serves the head signed at the demo\'s fiscal-year close, then the newest at GET /ledger/head, as signed', async () => {
    const atClose = await send(api.url.replace('/graphql', '/ledger/head'), { method: 'GET' });
    expect(atClose).toMatchObject({ status: 200, body: { reason: 'fiscal-year close 2024' } });
    verifyHeadSignature(atClose.body as SignedHead);
    const signed = (await api.gql(`mutation { signLedgerHead(reason: "year-end check") { ${HEAD} } }`, {}, auditor)).body.data.signLedgerHead as SignedHead;
    expect(signed.reason).toBe('on demand by auditor-1: year-end check');
    expect(signed.treeSize).toBe(await api.eventCount());
    verifyHeadSignature(signed);
    const served = await send(api.url.replace('/graphql', '/ledger/head'), { method: 'GET' });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(signed);
    expect((await api.gql(`{ ledgerHead { ${HEAD} } }`, {}, auditor)).body.data.ledgerHead).toEqual(signed);
  });

  it('goes from a payment to the proofs of the events behind it in one query', async () => {
    const answer = await api.gql(
      `{ disbursements(first: 3) { edges { node { id auditedEvents { leafIndex type leafHash inclusionProof { auditPath head { treeSize rootHash } } } } } } }`,
      {},
      auditor,
    );
    const payments = answer.body.data.disbursements.edges.map((e: { node: unknown }) => e.node);
    expect(payments.length).toBeGreaterThan(0);
    for (const payment of payments) {
      expect(payment.auditedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['ApplicationApproved', 'DisbursementRecorded']);
      for (const { leafIndex, leafHash, inclusionProof } of payment.auditedEvents) {
        const { head, auditPath } = inclusionProof;
        verifyInclusion(leafIndex, head.treeSize, hex(leafHash), auditPath.map(hex), hex(head.rootHash));
        const forged = [...auditPath.map(hex)];
        if (forged.length > 0) forged[0] = Buffer.alloc(32);
        expect(() => verifyInclusion(leafIndex, head.treeSize, hex(leafHash), forged, hex(head.rootHash))).toThrow();
      }
    }
  });

  it("gives each figure of an application its events, and proves an event by position against a chosen head", async () => {
    const { edges } = (await api.gql('{ disbursements(first: 1) { edges { node { application { figureEvents { figure events { type position } } } } } } }', {}, auditor)).body.data
      .disbursements;
    const application = edges[0].node.application;
    const figures = Object.fromEntries(application.figureEvents.map((f: { figure: string; events: { type: string }[] }) => [f.figure, f.events.map((e) => e.type)]));
    expect(figures.requested).toEqual(['ApplicationSubmitted']);
    expect(figures.disbursed.length).toBeGreaterThan(0);
    expect(figures.status.length).toBeGreaterThanOrEqual(figures.requested.length + figures.disbursed.length);
    const { treeSize } = (await api.gql('{ ledgerHead { treeSize } }', {}, auditor)).body.data.ledgerHead;
    const position = application.figureEvents[0].events[0].position;
    const proof = (await api.gql(`{ inclusionProof(position: "${position}", treeSize: ${treeSize}) { event { leafIndex leafHash } head { treeSize rootHash } auditPath } }`, {}, auditor)).body.data
      .inclusionProof;
    verifyInclusion(proof.event.leafIndex, treeSize, hex(proof.event.leafHash), proof.auditPath.map(hex), hex(proof.head.rootHash));
  });

  it('proves a later head extends the earlier one', async () => {
    const admin = await token(Role.ADMIN, 'admin-1');
    const registered = await api.gql('mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { position } }', {
      input: { idempotencyKey: 'audit-e2e', creditCode: creditCode(990), name: '审计测试企业', county: 'weidu', kind: 'ENTERPRISE' },
    }, admin);
    expect(registered.body.errors).toBeUndefined();
    await api.gql(`mutation { signLedgerHead { treeSize } }`, {}, admin);
    const heads = (await api.gql(`{ ledgerHeads { ${HEAD} } }`, {}, auditor)).body.data.ledgerHeads as SignedHead[];
    const [first, last] = [heads[0]!, heads.at(-1)!];
    expect(last.treeSize).toBeGreaterThan(first.treeSize);
    const { proof } = (await api.gql(`{ consistencyProof(fromSize: ${first.treeSize}, toSize: ${last.treeSize}) { proof } }`, {}, auditor)).body.data.consistencyProof;
    verifyConsistency(first.treeSize, last.treeSize, proof.map(hex), hex(first.rootHash), hex(last.rootHash));
    expect((await api.gql(`{ consistencyProof(fromSize: ${last.treeSize}, toSize: ${first.treeSize}) { proof } }`, {}, auditor)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
