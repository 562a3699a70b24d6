/**
 * Idempotency through the API: a mutation sent again with its key is handled once and answers
 * as the first time; the key with another input is refused; two users' equal keys are two
 * different commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi } from './support/api.js';
import { refusal } from './support/run.js';

const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { position application { id requested } } }';
const submission = (reference: string, requested = '60000.00') => ({
  input: { idempotencyKey: 'my-first-application', lineCode: 'innovation-voucher', fiscalYear: 2025, qualifyingFact: { kind: 'technology-transfer-contract', reference }, requested },
});

describe.each(testStores())('idempotency keys through the API ($name store)', (testStore) => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi(testStore, { demo: true })));
  afterAll(() => api?.close());

  it('handles a resent mutation once and gives the first answer again', async () => {
    const applicant = await applicantToken(DEMO_ENTERPRISES[12]!.creditCode);
    const first = await api.gql(SUBMIT, submission('JS-IDEM-1'), applicant);
    const events = await api.eventCount();
    const again = await api.gql(SUBMIT, submission('JS-IDEM-1'), applicant);
    expect(again.body).toEqual(first.body);
    expect(await api.eventCount()).toBe(events);
  });

  it('refuses the same key with another input, and writes nothing', async () => {
    const applicant = await applicantToken(DEMO_ENTERPRISES[13]!.creditCode);
    await api.gql(SUBMIT, submission('JS-IDEM-2'), applicant);
    const events = await api.eventCount();
    expect(refusal(await api.gql(SUBMIT, submission('JS-IDEM-2', '70000.00'), applicant))).toMatch(/^CONFLICT\/IDEMPOTENCY_KEY_REUSED: /);
    expect(await api.eventCount()).toBe(events);
  });

  it.each([
    ['blank', '   '],
    ['longer than 200 characters', 'k'.repeat(201)],
  ])('refuses a key that is %s, and writes nothing', async (_, idempotencyKey) => {
    const applicant = await applicantToken(DEMO_ENTERPRISES[14]!.creditCode);
    const events = await api.eventCount();
    const { input } = submission('JS-IDEM-5');
    expect(refusal(await api.gql(SUBMIT, { input: { ...input, idempotencyKey } }, applicant))).toMatch(/^BAD_USER_INPUT: idempotencyKey must be/);
    expect(await api.eventCount()).toBe(events);
  });

  it("keeps two users' equal keys apart", async () => {
    const one = await api.gql(SUBMIT, submission('JS-IDEM-3'), await applicantToken(DEMO_ENTERPRISES[18]!.creditCode));
    const other = await api.gql(SUBMIT, submission('JS-IDEM-4'), await applicantToken(DEMO_ENTERPRISES[19]!.creditCode));
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data.submitApplication.application.id).not.toBe(one.body.data.submitApplication.application.id);
  });
});
