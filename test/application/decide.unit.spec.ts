import { describe, it } from 'vitest';
import type { ApplicationEvent, Evidence } from '../../src/application/application.js';
import { type ApplicationCommand, applicationDecider } from '../../src/application/decide.js';
import { NO_RECORDS } from '../../src/application/qualifying-record.js';
import type { BenefitLineState } from '../../src/catalog/catalog.js';
import type { EnterpriseState } from '../../src/enterprise/enterprise.js';
import { builtInLine, creditCode, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(applicationDecider);
const applicationId = 'app-1';
const firm = creditCode(7);
const line = (lineCode: string): BenefitLineState => ({ status: 'defined', line: builtInLine(lineCode) });
const enterprise = (kind: 'enterprise' | 'guarantee-institution' = 'enterprise'): EnterpriseState => ({
  status: 'registered',
  creditCode: firm,
  name: '禹州市神垕钧瓷有限公司',
  county: 'yuzhou',
  kind,
});

type Data<T extends ApplicationCommand['type']> = Omit<Extract<ApplicationCommand, { type: T }>['data'], 'applicationId' | 'now'>;
const command = <T extends ApplicationCommand['type']>(type: T, data: Data<T>) =>
  ({ type, data: { ...data, applicationId, now: NOW } }) as unknown as Extract<ApplicationCommand, { type: T }>;

const patentLoan = { kind: 'patent-pledge-loan', reference: '许银质押〔2016〕015号' };
const submission = (lineCode: string, requestedFen: number, evidence: Evidence = {}, fact = patentLoan) => ({
  creditCode: firm,
  lineCode,
  fiscalYear: 2016,
  qualifyingFact: fact,
  requestedFen,
  evidence,
  submittedBy: 'applicant-wang',
});
const submit = (lineCode: string, requestedFen: number, evidence?: Evidence, fact?: typeof patentLoan) =>
  command('SubmitApplication', { ...submission(lineCode, requestedFen, evidence, fact), enterprise: enterprise(), line: line(lineCode) });
const submitted = (lineCode: string, requestedFen: number, evidence: Evidence = {}, fact = patentLoan): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    applicationId,
    ...submission(lineCode, requestedFen, evidence, fact),
    payer: 'municipal',
    budgetLineId: `${lineCode}.2016.municipal`,
    county: 'yuzhou',
    submittedAt: NOW,
  },
});
const reviewed: ApplicationEvent = {
  type: 'ApplicationReviewed',
  data: { applicationId, reviewedBy: 'officer-li', opinion: '材料齐全', reviewedAt: NOW },
};
const approve = (lineCode: string, amountFen?: number, reservedInYearFen = 0, approvedBy = 'director-zhang') =>
  command('StartApproval', { approvalId: 'ap-1', approvedBy, amountFen, line: line(lineCode), reservedInYearFen, notice: { status: 'not-on-notice' }, records: NO_RECORDS });
const started = (amountFen: number, approvedBy = 'director-zhang'): ApplicationEvent => ({
  type: 'ApprovalStarted',
  data: {
    applicationId,
    approvalId: 'ap-1',
    amountFen,
    approvedBy,
    exclusivityGroup: 'xuchang-municipal-fiscal-support',
    startedAt: NOW,
  },
});
const approved = (lineCode: string, amountFen: number): ApplicationEvent => ({
  type: 'ApplicationApproved',
  data: {
    applicationId,
    approvalId: 'ap-1',
    amountFen,
    approvedBy: 'director-zhang',
    budgetLineId: `${lineCode}.2016.municipal`,
    approvedAt: NOW,
  },
});

const costs = (interest: number, appraisal = 0) => ({ costsFen: { interest: yuan(interest), appraisal: yuan(appraisal) } });

describe('a new application', () => {
  it('is submitted with its qualifying fact, evidence, payer and budget line', () => {
    spec.given([]).when(submit('patent-pledge-subsidy', yuan(75_000), costs(120_000, 30_000)))
      .then([submitted('patent-pledge-subsidy', yuan(75_000), costs(120_000, 30_000))]);
  });

  it('is refused for a fiscal year that has not begun (the year decides which cap and budget apply)', () => {
    const next = submit('patent-pledge-subsidy', yuan(75_000), costs(120_000, 30_000));
    spec.given([]).when({ ...next, data: { ...next.data, fiscalYear: 2017 } }).thenFails('INVALID_INPUT', /2017 has not begun/);
  });

  it('opens a fiscal year at midnight in Xuchang (UTC+8), not at midnight UTC', () => {
    const next = submit('patent-pledge-subsidy', yuan(75_000), costs(120_000, 30_000));
    const at = (now: string) => ({ ...next, data: { ...next.data, fiscalYear: 2017, now } });
    spec.given([]).when(at('2016-12-31T15:59:59.999Z')).thenFails('INVALID_INPUT', /2017 has not begun/);
    const opened = submitted('patent-pledge-subsidy', yuan(75_000), costs(120_000, 30_000));
    const in2017 = { budgetLineId: 'patent-pledge-subsidy.2017.municipal', fiscalYear: 2017, submittedAt: '2016-12-31T16:00:00.000Z' };
    spec.given([]).when(at('2016-12-31T16:00:00.000Z')).then([{ ...opened, data: { ...opened.data, ...in2017 } } as ApplicationEvent]);
  });

  it('of the county match is paid by the county where the firm is (所在地财政)', () => {
    const fact = { kind: 'scale-up-statistics', reference: '禹统〔2016〕规上第23号' };
    spec.given([]).when(submit('scale-up-county-match', yuan(10_000), {}, fact)).then([
      {
        type: 'ApplicationSubmitted',
        data: {
          ...(submitted('scale-up-county-match', yuan(10_000), {}, fact).data as object),
          payer: 'county-yuzhou',
          budgetLineId: 'scale-up-county-match.2016.county-yuzhou',
        } as Extract<ApplicationEvent, { type: 'ApplicationSubmitted' }>['data'],
      },
    ]);
  });

  it('is refused for an unregistered firm, or a kind of beneficiary the line does not pay', () => {
    const data = submission('neeq-listing-reward', yuan(500_000), {}, { kind: 'neeq-listing', reference: '股转系统函〔2016〕1234号' });
    spec.given([]).when(command('SubmitApplication', { ...data, enterprise: { status: 'unregistered' }, line: line('neeq-listing-reward') }))
      .thenFails('NOT_FOUND', /not registered/);
    spec.given([]).when(command('SubmitApplication', { ...data, enterprise: enterprise('guarantee-institution'), line: line('neeq-listing-reward') }))
      .thenFails('NOT_ELIGIBLE', /pays enterprise, not guarantee-institution/);
  });

  it('is refused when it rests on a fact of another kind than the line pays for', () => {
    spec.given([]).when(submit('neeq-listing-reward', yuan(500_000))).thenFails('NOT_ELIGIBLE', /neeq-listing, not patent-pledge-loan/);
  });

  it('asks for a fixed reward in full: ¥500,000 for the NEEQ listing', () => {
    const listing = { kind: 'neeq-listing', reference: '股转系统函〔2016〕1234号' };
    spec.given([]).when(submit('neeq-listing-reward', yuan(400_000), {}, listing)).thenFails('AMOUNT_INVALID', /fixed ¥500000.00/);
  });

  it('of a cost share brings the costs, of kinds the rule shares', () => {
    spec.given([]).when(submit('patent-pledge-subsidy', yuan(75_000))).thenFails('INVALID_INPUT', /costs actually incurred/);
    spec.given([]).when(submit('patent-pledge-subsidy', yuan(75_000), { costsFen: { travel: yuan(1_000) } }))
      .thenFails('INVALID_INPUT', /travel are not shared/);
  });

  it('of the guarantee subsidy brings four quarter-end balances', () => {
    const data = submission('guarantee-subsidy', yuan(450_000), { quarterEndBalancesFen: [1, 2, 3] as never }, { kind: 'guarantee-business-year', reference: '2016' });
    spec.given([]).when(command('SubmitApplication', { ...data, enterprise: enterprise('guarantee-institution'), line: line('guarantee-subsidy') }))
      .thenFails('INVALID_INPUT', /four quarter-end balances/);
  });

  it('asks for more than nothing', () => {
    spec.given([]).when(submit('innovation-voucher', 0, {}, { kind: 'tech-transfer-contract', reference: 'T-1' })).thenFails('AMOUNT_INVALID');
  });
});

describe('a submitted application', () => {
  const given = [submitted('patent-pledge-subsidy', yuan(100_000), costs(150_000))];

  it('is reviewed by an officer', () => {
    spec.given(given).when(command('ReviewApplication', { reviewedBy: 'officer-li', opinion: '材料齐全' })).then([reviewed]);
  });

  it('is not reviewed by the person who submitted it (四眼原则)', () => {
    spec
      .given(given)
      .when(command('ReviewApplication', { reviewedBy: 'applicant-wang', opinion: '材料齐全' }))
      .thenFails('FOUR_EYES', /^applicant-wang submitted this application and cannot also review it \(四眼原则\)$/);
  });

  it('is not approved before it is reviewed', () => {
    spec.given(given).when(approve('patent-pledge-subsidy')).thenFails('INVALID_TRANSITION', /submitted/);
  });

  it('is withdrawn by the applicant, or rejected', () => {
    spec.given(given).when(command('WithdrawApplication', { withdrawnBy: 'applicant-wang' }))
      .then([{ type: 'ApplicationWithdrawn', data: { applicationId, withdrawnBy: 'applicant-wang', withdrawnAt: NOW } }]);
    spec.given(given).when(command('RejectApplication', { rejectedBy: 'officer-li', reason: '贷款合同不在补贴期内' }))
      .then([{ type: 'ApplicationRejected', data: { applicationId, rejectedBy: 'officer-li', reason: '贷款合同不在补贴期内', rejectedAt: NOW } }]);
  });

  it('cannot be submitted twice', () => {
    spec.given(given).when(submit('patent-pledge-subsidy', yuan(100_000), costs(150_000))).thenFails('ALREADY_EXISTS');
  });
});

describe('a reviewed patent-pledge claim (50% of costs, at most ¥100,000 a year)', () => {
  it('of ¥150,000 costs approves ¥75,000', () => {
    spec.given([submitted('patent-pledge-subsidy', yuan(100_000), costs(150_000)), reviewed])
      .when(approve('patent-pledge-subsidy'))
      .then([started(yuan(75_000))]);
  });

  it('after ¥75,000 this year is capped by what remains of ¥100,000: ¥25,000', () => {
    spec.given([submitted('patent-pledge-subsidy', yuan(100_000), costs(100_000)), reviewed])
      .when(approve('patent-pledge-subsidy', undefined, yuan(75_000)))
      .then([started(yuan(25_000))]);
  });

  it('is refused when the yearly cap is used up', () => {
    spec.given([submitted('patent-pledge-subsidy', yuan(100_000), costs(100_000)), reviewed])
      .when(approve('patent-pledge-subsidy', undefined, yuan(100_000)))
      .thenFails('CAP_EXCEEDED', /used up/);
  });

  it('never approves more than requested', () => {
    spec.given([submitted('patent-pledge-subsidy', yuan(60_000), costs(150_000)), reviewed])
      .when(approve('patent-pledge-subsidy'))
      .then([started(yuan(60_000))]);
    spec.given([submitted('patent-pledge-subsidy', yuan(60_000), costs(150_000)), reviewed])
      .when(approve('patent-pledge-subsidy', yuan(60_000) + 1))
      .thenFails('AMOUNT_INVALID', /at most ¥60000.00/);
  });

  it('may be approved below the rule\'s maximum (不超过)', () => {
    spec.given([submitted('patent-pledge-subsidy', yuan(100_000), costs(150_000)), reviewed])
      .when(approve('patent-pledge-subsidy', yuan(70_000)))
      .then([started(yuan(70_000))]);
  });

  it('is approved by neither its submitter nor its reviewer (四眼原则)', () => {
    const given = [submitted('patent-pledge-subsidy', yuan(100_000), costs(150_000)), reviewed];
    spec.given(given).when(approve('patent-pledge-subsidy', undefined, 0, 'applicant-wang')).thenFails('FOUR_EYES', /submitted/);
    spec.given(given).when(approve('patent-pledge-subsidy', undefined, 0, 'officer-li')).thenFails('FOUR_EYES', /reviewed/);
  });
});

describe('a reviewed application on a fixed reward', () => {
  const listing = { kind: 'neeq-listing', reference: '股转系统函〔2016〕1234号' };
  const given = [submitted('neeq-listing-reward', yuan(500_000), {}, listing), reviewed];

  it('is approved at exactly ¥500,000', () => {
    spec.given(given).when(approve('neeq-listing-reward')).then([started(yuan(500_000))]);
    spec.given(given).when(approve('neeq-listing-reward', yuan(500_000))).then([started(yuan(500_000))]);
  });

  it('is not approved at any other amount', () => {
    spec.given(given).when(approve('neeq-listing-reward', yuan(400_000))).thenFails('AMOUNT_INVALID', /exactly ¥500000.00/);
  });
});

describe('a reviewed guarantee subsidy (1% of the quarterly-average balance)', () => {
  it('of balances ¥30M, ¥40M, ¥50M, ¥60M approves at most ¥450,000', () => {
    const evidence = { quarterEndBalancesFen: [yuan(30_000_000), yuan(40_000_000), yuan(50_000_000), yuan(60_000_000)] as [number, number, number, number] };
    const given = [submitted('guarantee-subsidy', yuan(500_000), evidence, { kind: 'guarantee-business-year', reference: '2016' }), reviewed];
    spec.given(given).when(approve('guarantee-subsidy')).then([started(yuan(450_000))]);
    spec.given(given).when(approve('guarantee-subsidy', yuan(450_000) + 1)).thenFails('AMOUNT_INVALID', /mean quarter-end balance/);
  });
});

describe('a reviewed application on an amount decided per case', () => {
  const given = [submitted('innovation-voucher', yuan(50_000), {}, { kind: 'tech-transfer-contract', reference: 'T-1' }), reviewed];

  it('is approved at the approver\'s amount, up to what was requested', () => {
    spec.given(given).when(approve('innovation-voucher', yuan(30_000))).then([started(yuan(30_000))]);
    spec.given(given).when(approve('innovation-voucher', yuan(50_000) + 1)).thenFails('AMOUNT_INVALID');
  });

  it('needs the approver\'s amount', () => {
    spec.given(given).when(approve('innovation-voucher')).thenFails('AMOUNT_INVALID', /decided per case/);
  });
});

describe('an application being approved', () => {
  const given = [submitted('patent-pledge-subsidy', yuan(100_000), costs(150_000)), reviewed, started(yuan(75_000))];

  it('is locked: not withdrawn, rejected or approved by another attempt', () => {
    spec.given(given).when(command('WithdrawApplication', { withdrawnBy: 'applicant-wang' })).thenFails('INVALID_TRANSITION', /approving/);
    spec.given(given).when(command('RejectApplication', { rejectedBy: 'officer-li', reason: 'x' })).thenFails('INVALID_TRANSITION');
    spec.given(given).when({ ...approve('patent-pledge-subsidy'), data: { ...approve('patent-pledge-subsidy').data, approvalId: 'ap-2' } })
      .thenFails('INVALID_TRANSITION');
  });

  it('restarts nothing when the same approval starts again', () => {
    spec.given(given).when(approve('patent-pledge-subsidy')).then([]);
  });

  it('completes with the amount it started with, on the budget line of the submission', () => {
    spec.given(given).when(command('CompleteApproval', { approvalId: 'ap-1' })).then([approved('patent-pledge-subsidy', yuan(75_000))]);
  });

  it('is abandoned with the refusal\'s code, and is reviewed again', () => {
    const abandoned: ApplicationEvent = {
      type: 'ApprovalAbandoned',
      data: { applicationId, approvalId: 'ap-1', code: 'BUDGET_EXCEEDED', reason: 'no money', abandonedAt: NOW },
    };
    spec.given(given).when(command('AbandonApproval', { approvalId: 'ap-1', code: 'BUDGET_EXCEEDED', reason: 'no money' })).then([abandoned]);
    spec.given([...given, abandoned]).when(command('CompleteApproval', { approvalId: 'ap-1' })).then([]);
    spec.given([...given, abandoned]).when(command('WithdrawApplication', { withdrawnBy: 'applicant-wang' }))
      .then([{ type: 'ApplicationWithdrawn', data: { applicationId, withdrawnBy: 'applicant-wang', withdrawnAt: NOW } }]);
  });
});

describe('an approved grant of ¥100,000', () => {
  const approvedGrant = [
    submitted('innovation-voucher', yuan(100_000), {}, { kind: 'tech-transfer-contract', reference: 'T-1' }),
    reviewed,
    started(yuan(100_000)),
    approved('innovation-voucher', yuan(100_000)),
  ];
  const pay = (amountFen: number, disbursementId = 'd-1', recordedBy = 'cashier-zhao') =>
    command('RecordDisbursement', { disbursementId, amountFen, paidOn: '2016-07-01', paymentReference: '国库支付2016-0701-01', recordedBy });
  const paid = (amountFen: number, disbursementId = 'd-1'): ApplicationEvent => ({
    type: 'DisbursementRecorded',
    data: {
      applicationId,
      disbursementId,
      budgetLineId: 'innovation-voucher.2016.municipal',
      amountFen,
      paidOn: '2016-07-01',
      paymentReference: '国库支付2016-0701-01',
      recordedBy: 'cashier-zhao',
      recordedAt: NOW,
    },
  });

  it('is paid in tranches that never exceed the approved amount', () => {
    spec.given(approvedGrant).when(pay(yuan(60_000))).then([paid(yuan(60_000))]);
    spec.given([...approvedGrant, paid(yuan(60_000))]).when(pay(yuan(40_000), 'd-2')).then([paid(yuan(40_000), 'd-2')]);
    spec.given([...approvedGrant, paid(yuan(60_000))]).when(pay(yuan(40_000) + 1, 'd-2')).thenFails('AMOUNT_INVALID', /¥40000.00/);
  });

  it('is not paid by the person who approved it', () => {
    spec.given(approvedGrant).when(pay(yuan(60_000), 'd-1', 'director-zhang')).thenFails('FOUR_EYES', /approved/);
  });

  it('is paid on a real value date', () => {
    spec.given(approvedGrant).when({ ...pay(yuan(1)), data: { ...pay(yuan(1)).data, paidOn: '2016-02-30' } }).thenFails('INVALID_INPUT');
  });

  describe('of which ¥60,000 was paid', () => {
    const given = [...approvedGrant, paid(yuan(60_000))];
    const demand = (amountFen: number, clawbackId = 'c-1') =>
      command('DemandClawback', { clawbackId, amountFen, reason: '企业迁出许昌', demandedBy: 'officer-li' });
    const demanded = (amountFen: number, clawbackId = 'c-1'): ApplicationEvent => ({
      type: 'ClawbackDemanded',
      data: { applicationId, clawbackId, amountFen, reason: '企业迁出许昌', demandedBy: 'officer-li', demandedAt: NOW },
    });

    it('is clawed back by at most what was paid and not yet demanded', () => {
      spec.given(given).when(demand(yuan(60_000) + 1)).thenFails('AMOUNT_INVALID', /¥60000.00/);
      spec.given(given).when(demand(yuan(50_000))).then([demanded(yuan(50_000))]);
      spec.given([...given, demanded(yuan(50_000))]).when(demand(yuan(10_000) + 1, 'c-2')).thenFails('AMOUNT_INVALID', /¥10000.00/);
    });

    it('records repayments up to what is outstanding, and waives the rest', () => {
      const repay = (amountFen: number) =>
        command('RecordRepayment', { clawbackId: 'c-1', repaymentId: 'r-1', amountFen, paidOn: '2016-09-01', paymentReference: '缴库-0901', recordedBy: 'cashier-zhao' });
      const withDemand = [...given, demanded(yuan(50_000))];
      spec.given(withDemand).when(repay(yuan(50_000) + 1)).thenFails('AMOUNT_INVALID', /¥50000.00 outstanding/);
      const repaid: ApplicationEvent = {
        type: 'ClawbackRepaid',
        data: {
          applicationId, clawbackId: 'c-1', repaymentId: 'r-1', budgetLineId: 'innovation-voucher.2016.municipal',
          amountFen: yuan(30_000), paidOn: '2016-09-01', paymentReference: '缴库-0901', recordedBy: 'cashier-zhao', recordedAt: NOW,
        },
      };
      spec.given(withDemand).when(repay(yuan(30_000))).then([repaid]);
      const waive = command('WaiveClawback', { clawbackId: 'c-1', reason: '企业破产清算', waivedBy: 'director-zhang' });
      const waived: ApplicationEvent = {
        type: 'ClawbackWaived',
        data: { applicationId, clawbackId: 'c-1', amountFen: yuan(20_000), reason: '企业破产清算', waivedBy: 'director-zhang', waivedAt: NOW },
      };
      spec.given([...withDemand, repaid]).when(waive).then([waived]);
      spec.given([...withDemand, repaid, waived]).when(waive).thenFails('INVALID_TRANSITION', /nothing outstanding/);
      spec.given([...withDemand, repaid, waived]).when(repay(1)).thenFails('AMOUNT_INVALID');
    });

    it('is paid no further while a clawback is outstanding, and again once it is settled', () => {
      const demandedBack = [...given, demanded(yuan(10_000))];
      spec.given(demandedBack).when(pay(yuan(40_000), 'd-2')).thenFails('INVALID_TRANSITION', /¥10000.00 is being clawed back/);
      const waived: ApplicationEvent = {
        type: 'ClawbackWaived',
        data: { applicationId, clawbackId: 'c-1', amountFen: yuan(10_000), reason: '误判撤销', waivedBy: 'director-zhang', waivedAt: NOW },
      };
      spec.given([...demandedBack, waived]).when(pay(yuan(40_000), 'd-2')).then([paid(yuan(40_000), 'd-2')]);
    });

    it('is neither repaid nor waived by the officer who demanded it (四眼原则), but by anyone else', () => {
      const withDemand = [...given, demanded(yuan(50_000))];
      const repay = (recordedBy: string) =>
        command('RecordRepayment', { clawbackId: 'c-1', repaymentId: 'r-1', amountFen: yuan(50_000), paidOn: '2016-09-01', paymentReference: '缴库-0901', recordedBy });
      const waive = (waivedBy: string, clawbackId = 'c-1') => command('WaiveClawback', { clawbackId, reason: '企业破产清算', waivedBy });
      const notTheDemander = /^officer-li demanded clawback c-1 on this application and cannot also/;
      spec.given(withDemand).when(repay('officer-li')).thenFails('FOUR_EYES', notTheDemander);
      spec.given(withDemand).when(waive('officer-li')).thenFails('FOUR_EYES', notTheDemander);
      spec.given(withDemand).when(repay('cashier-zhao')).then([
        {
          type: 'ClawbackRepaid',
          data: {
            applicationId, clawbackId: 'c-1', repaymentId: 'r-1', budgetLineId: 'innovation-voucher.2016.municipal',
            amountFen: yuan(50_000), paidOn: '2016-09-01', paymentReference: '缴库-0901', recordedBy: 'cashier-zhao', recordedAt: NOW,
          },
        },
      ]);
      const demandedByDirector: ApplicationEvent = {
        type: 'ClawbackDemanded',
        data: { applicationId, clawbackId: 'c-2', amountFen: yuan(10_000), reason: '重复申报', demandedBy: 'director-zhang', demandedAt: NOW },
      };
      spec.given([...withDemand, demandedByDirector]).when(waive('officer-li', 'c-2')).then([
        {
          type: 'ClawbackWaived',
          data: { applicationId, clawbackId: 'c-2', amountFen: yuan(10_000), reason: '企业破产清算', waivedBy: 'officer-li', waivedAt: NOW },
        },
      ]);
    });

    it('does not demand the same clawback twice', () => {
      spec.given([...given, demanded(yuan(10_000))]).when(demand(yuan(10_000))).thenFails('ALREADY_EXISTS');
    });

    it('has no clawback it did not demand', () => {
      spec.given(given).when(command('WaiveClawback', { clawbackId: 'c-9', reason: 'x', waivedBy: 'director-zhang' })).thenFails('NOT_FOUND');
    });
  });

  it('is neither withdrawn nor approved again', () => {
    spec.given(approvedGrant).when(command('WithdrawApplication', { withdrawnBy: 'applicant-wang' })).thenFails('INVALID_TRANSITION', /approved/);
    spec.given(approvedGrant).when({ ...approve('innovation-voucher', 1), data: { ...approve('innovation-voucher', 1).data, approvalId: 'ap-2' } })
      .thenFails('INVALID_TRANSITION');
  });
});

describe('no application', () => {
  it('is not reviewed', () => {
    spec.given([]).when(command('ReviewApplication', { reviewedBy: 'officer-li', opinion: 'ok' })).thenFails('NOT_FOUND');
  });
});
