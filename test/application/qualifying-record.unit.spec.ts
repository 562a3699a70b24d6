/**
 * Facts the ledger itself records: the startup-base reward rests on the base's provincial
 * recognition (认定) recorded as a designation; the scale-up reward, for a firm of the cultivation
 * pool, on its exit as above-designated-size. Given the application and the records, when it is approved.
 */
import { describe, it } from 'vitest';
import type { ApplicationEvent } from '../../src/application/application.js';
import { applicationDecider } from '../../src/application/decide.js';
import { NO_RECORDS, type QualifyingRecords } from '../../src/application/qualifying-record.js';
import type { PoolMemberState } from '../../src/cultivation-pool/cultivation-pool.js';
import type { Designation } from '../../src/designation/designation.js';
import { builtInLine, creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(applicationDecider);
const applicationId = 'app-1';
const firm = creditCode(41);
const RECOGNITION = '豫工信企业〔2016〕88号';
const STATISTICS = '许统规上〔2016〕12号';

const submitted = (lineCode: string, fact: { kind: string; reference: string }, requestedFen: number): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    applicationId, creditCode: firm, lineCode, fiscalYear: 2016, payer: 'municipal', budgetLineId: `${lineCode}.2016.municipal`,
    county: 'weidu', qualifyingFact: fact, requestedFen, evidence: {}, submittedBy: 'applicant-wang', submittedAt: NOW,
  },
});
const reviewed: ApplicationEvent = { type: 'ApplicationReviewed', data: { applicationId, reviewedBy: 'officer-li', opinion: '材料齐全', reviewedAt: NOW } };
const approve = (lineCode: string, records: QualifyingRecords) => ({
  type: 'StartApproval' as const,
  data: {
    applicationId, approvalId: 'ap-1', approvedBy: 'director-zhang', line: { status: 'defined' as const, line: builtInLine(lineCode) },
    reservedInYearFen: 0, notice: { status: 'not-on-notice' as const }, records, now: NOW,
  },
});
const started = (amountFen: number): ApplicationEvent => ({
  type: 'ApprovalStarted',
  data: { applicationId, approvalId: 'ap-1', amountFen, approvedBy: 'director-zhang', exclusivityGroup: 'xuchang-municipal-fiscal-support', startedAt: NOW },
});

const recognition = (extra: Partial<Designation> = {}): Designation => ({
  creditCode: firm, designationId: 'd-1', kindCode: 'provincial-startup-base', level: 'provincial', documentNumber: RECOGNITION,
  designatedBy: '河南省工业和信息化委员会', designatedOn: '2016-05-20', ...extra,
});
const withDesignations = (...designations: Designation[]): QualifyingRecords => ({ ...NO_RECORDS, designations });
const inPool = (poolMember: PoolMemberState): QualifyingRecords => ({ ...NO_RECORDS, poolMember });

describe('a reviewed application for the startup-base reward (¥100,000), resting on a recognition', () => {
  const given = [submitted('startup-base-reward', { kind: 'base-recognition', reference: RECOGNITION }, yuan(100_000)), reviewed];

  it('is refused when the ledger records no recognition of the base', () => {
    spec.given(given).when(approve('startup-base-reward', NO_RECORDS)).thenFails('PREREQUISITE_MISSING', /no provincial-startup-base designation under 豫工信企业〔2016〕88号/);
  });

  it('is refused when the recorded recognition is under another document', () => {
    spec.given(given).when(approve('startup-base-reward', withDesignations(recognition({ documentNumber: '豫工信企业〔2015〕7号' })))).thenFails('PREREQUISITE_MISSING');
  });

  it('is refused on a designation of another kind under the same document', () => {
    spec.given(given).when(approve('startup-base-reward', withDesignations(recognition({ kindCode: 'provincial-makerspace' })))).thenFails('PREREQUISITE_MISSING');
  });

  it('is refused when the recognition has expired by the day of approval', () => {
    spec.given(given).when(approve('startup-base-reward', withDesignations(recognition({ designatedOn: '2013-01-01', validUntil: '2016-01-01' })))).thenFails('PREREQUISITE_MISSING', /does not stand on 2016-06-01/);
  });

  it('is approved at ¥100,000 once the recognition is recorded', () => {
    spec.given(given).when(approve('startup-base-reward', withDesignations(recognition()))).then([started(yuan(100_000))]);
  });
});

describe('a reviewed application for the scale-up reward (¥20,000)', () => {
  const given = [submitted('scale-up-reward', { kind: 'scale-up-statistics', reference: STATISTICS }, yuan(20_000)), reviewed];

  it('of a firm never in the cultivation pool rests on its statistics entry alone', () => {
    spec.given(given).when(approve('scale-up-reward', NO_RECORDS)).then([started(yuan(20_000))]);
  });

  it('is refused while the pool still monitors the firm as small/micro', () => {
    spec.given(given).when(approve('scale-up-reward', inPool({ status: 'monitored', enteredYear: 2016, yearsMonitored: [2016] }))).thenFails('PREREQUISITE_MISSING', /record its exit as above-designated-size/);
  });

  it('is approved once the firm left the pool as above-designated-size on that entry', () => {
    const left: PoolMemberState = { status: 'left', reason: 'above-designated-size', reference: STATISTICS, exitedOn: '2016-05-31' };
    spec.given(given).when(approve('scale-up-reward', inPool(left))).then([started(yuan(20_000))]);
  });

  it('is refused when the firm left the pool on another statistics entry', () => {
    const left: PoolMemberState = { status: 'left', reason: 'above-designated-size', reference: '许统规上〔2015〕3号', exitedOn: '2015-12-31' };
    spec.given(given).when(approve('scale-up-reward', inPool(left))).thenFails('PREREQUISITE_MISSING', /not 许统规上〔2016〕12号/);
  });
});
