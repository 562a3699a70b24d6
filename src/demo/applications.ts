/**
 * Demo applications: every benefit line of 许政〔2016〕8号 with the policy's numbers, and every
 * state an application ends in (submitted, reviewed, approved and paid in tranches, rejected,
 * withdrawn, clawed back and partly repaid, waived).
 */
import type { Evidence } from '../application/application.js';
import type { QualifyingFact } from '../claim/claim.js';
import type { Fen } from '../shared/money.js';

export const DEMO_FISCAL_YEAR = 2025;

const yuan = (amount: number): Fen => amount * 100;

export interface DemoClawback {
  amountFen: Fen;
  reason: string;
  repaymentsFen?: Fen[];
  waiveReason?: string;
}

export interface DemoApplication {
  /** Unique: the stem of every idempotency key the application's commands use. */
  key: string;
  /** Index into DEMO_ENTERPRISES. */
  firm: number;
  lineCode: string;
  fact: QualifyingFact;
  requestedFen: Fen;
  evidence?: Evidence;
  /** Where it stops. */
  fate: 'submitted' | 'reviewed' | 'rejected' | 'withdrawn' | 'approved';
  /** Per-case lines: the approver's amount. */
  approvedFen?: Fen;
  /** Tranches paid after approval. */
  paymentsFen?: Fen[];
  clawback?: DemoClawback;
}

const fact = (kind: string, reference: string): QualifyingFact => ({ kind, reference });
const balances = (...amounts: number[]) => amounts.map(yuan) as [Fen, Fen, Fen, Fen];

export const DEMO_APPLICATIONS: readonly DemoApplication[] = [
  // (一) startup bases: ¥100,000 once
  { key: 'base-weidu', firm: 0, lineCode: 'startup-base-reward', fact: fact('base-recognition', '豫工信企业〔2024〕31号-1'), requestedFen: yuan(100_000), fate: 'approved', paymentsFen: [yuan(100_000)] },
  { key: 'base-jingkai', firm: 1, lineCode: 'startup-base-reward', fact: fact('base-recognition', '豫工信企业〔2024〕31号-2'), requestedFen: yuan(100_000), fate: 'reviewed' },
  { key: 'base-changge', firm: 2, lineCode: 'startup-base-reward', fact: fact('base-recognition', '豫工信企业〔2024〕31号-3'), requestedFen: yuan(100_000), fate: 'submitted' },
  // (二) innovation vouchers: per case
  { key: 'voucher-yunlian', firm: 8, lineCode: 'innovation-voucher', fact: fact('technology-transfer-contract', 'JS2025-0418'), requestedFen: yuan(80_000), fate: 'approved', approvedFen: yuan(80_000), paymentsFen: [yuan(50_000), yuan(30_000)] },
  { key: 'voucher-hongtu', firm: 11, lineCode: 'innovation-voucher', fact: fact('technology-transfer-contract', 'JS2025-0502'), requestedFen: yuan(120_000), fate: 'approved', approvedFen: yuan(90_000), paymentsFen: [yuan(45_000)] },
  { key: 'voucher-chunqiu', firm: 9, lineCode: 'innovation-voucher', fact: fact('technology-transfer-contract', 'JS2025-0611'), requestedFen: yuan(60_000), fate: 'rejected' },
  { key: 'voucher-jiance', firm: 34, lineCode: 'innovation-voucher', fact: fact('technology-transfer-contract', 'JS2025-0703'), requestedFen: yuan(40_000), fate: 'withdrawn' },
  // (三) scale-up: ¥20,000 municipal, then the county's match
  { key: 'scaleup-hengda', firm: 6, lineCode: 'scale-up-reward', fact: fact('scale-up-statistics', '许统规入〔2025〕001'), requestedFen: yuan(20_000), fate: 'approved', paymentsFen: [yuan(20_000)] },
  { key: 'scaleup-hengda-match', firm: 6, lineCode: 'scale-up-county-match', fact: fact('scale-up-statistics', '许统规入〔2025〕001'), requestedFen: yuan(10_000), fate: 'approved', approvedFen: yuan(10_000), paymentsFen: [yuan(10_000)] },
  { key: 'scaleup-xinyuan', firm: 10, lineCode: 'scale-up-reward', fact: fact('scale-up-statistics', '许统规入〔2025〕007'), requestedFen: yuan(20_000), fate: 'approved', paymentsFen: [yuan(20_000)], clawback: { amountFen: yuan(20_000), reason: '企业迁出许昌（relocated out of Xuchang within the commitment period）', repaymentsFen: [yuan(12_000)] } },
  { key: 'scaleup-zhongyuan', firm: 17, lineCode: 'scale-up-reward', fact: fact('scale-up-statistics', '许统规入〔2025〕012'), requestedFen: yuan(20_000), fate: 'approved', paymentsFen: [yuan(20_000)], clawback: { amountFen: yuan(5_000), reason: '统计数据更正（statistics corrected）', repaymentsFen: [yuan(3_000)], waiveReason: '企业破产清算，余额核销（insolvency: remainder written off）' } },
  { key: 'scaleup-zhongyuan-match', firm: 17, lineCode: 'scale-up-county-match', fact: fact('scale-up-statistics', '许统规入〔2025〕012'), requestedFen: yuan(10_000), fate: 'reviewed' },
  { key: 'scaleup-weiyu', firm: 20, lineCode: 'scale-up-reward', fact: fact('scale-up-statistics', '许统规入〔2025〕015'), requestedFen: yuan(20_000), fate: 'reviewed' },
  { key: 'scaleup-huamu', firm: 22, lineCode: 'scale-up-reward', fact: fact('scale-up-statistics', '许统规入〔2025〕021'), requestedFen: yuan(20_000), fate: 'submitted' },
  // (四) guarantee institutions: 1% of the quarterly average balance
  { key: 'guarantee-xuchang', firm: 3, lineCode: 'guarantee-subsidy', fact: fact('guarantee-business-year', 'DB-2025-XC'), requestedFen: yuan(950_000), evidence: { quarterEndBalancesFen: balances(80_000_000, 90_000_000, 100_000_000, 110_000_000) }, fate: 'approved', paymentsFen: [yuan(500_000), yuan(450_000)] },
  { key: 'guarantee-xincheng', firm: 4, lineCode: 'guarantee-subsidy', fact: fact('guarantee-business-year', 'DB-2025-YZ'), requestedFen: yuan(420_000), evidence: { quarterEndBalancesFen: balances(40_000_000, 42_000_000, 43_000_000, 43_000_000) }, fate: 'reviewed' },
  { key: 'guarantee-huitong', firm: 5, lineCode: 'guarantee-subsidy', fact: fact('guarantee-business-year', 'DB-2025-CG'), requestedFen: yuan(300_000), evidence: { quarterEndBalancesFen: balances(30_000_000, 30_000_000, 30_000_000, 30_000_000) }, fate: 'rejected' },
  // (五) patent pledge: 50% of costs, at most ¥100,000 a year
  { key: 'patent-dianli-1', firm: 30, lineCode: 'patent-pledge-subsidy', fact: fact('patent-pledge-loan', 'ZL-ZY-2025-0088'), requestedFen: yuan(75_000), evidence: { costsFen: { interest: yuan(120_000), appraisal: yuan(20_000), guarantee: yuan(8_000), insurance: yuan(2_000) } }, fate: 'approved', paymentsFen: [yuan(75_000)] },
  { key: 'patent-dianli-2', firm: 30, lineCode: 'patent-pledge-subsidy', fact: fact('patent-pledge-loan', 'ZL-ZY-2025-0133'), requestedFen: yuan(40_000), evidence: { costsFen: { interest: yuan(70_000), appraisal: yuan(10_000) } }, fate: 'approved', paymentsFen: [yuan(25_000)] },
  { key: 'patent-qiche', firm: 31, lineCode: 'patent-pledge-subsidy', fact: fact('patent-pledge-loan', 'ZL-ZY-2025-0150'), requestedFen: yuan(30_000), evidence: { costsFen: { interest: yuan(50_000), appraisal: yuan(10_000) } }, fate: 'reviewed' },
  { key: 'patent-ruanjian', firm: 33, lineCode: 'patent-pledge-subsidy', fact: fact('patent-pledge-loan', 'ZL-ZY-2025-0171'), requestedFen: yuan(15_000), evidence: { costsFen: { interest: yuan(30_000) } }, fate: 'withdrawn' },
  // (五) NEEQ listing: ¥500,000 once
  { key: 'neeq-ruifeng', firm: 7, lineCode: 'neeq-listing-reward', fact: fact('neeq-listing', 'NEEQ-873512'), requestedFen: yuan(500_000), fate: 'approved', paymentsFen: [yuan(300_000), yuan(200_000)] },
  { key: 'neeq-junci', firm: 14, lineCode: 'neeq-listing-reward', fact: fact('neeq-listing', 'NEEQ-874120'), requestedFen: yuan(500_000), fate: 'approved' },
  { key: 'neeq-yaodu', firm: 15, lineCode: 'neeq-listing-reward', fact: fact('neeq-listing', 'NEEQ-874266'), requestedFen: yuan(500_000), fate: 'rejected' },
  { key: 'neeq-chuneng', firm: 32, lineCode: 'neeq-listing-reward', fact: fact('neeq-listing', 'NEEQ-874301'), requestedFen: yuan(500_000), fate: 'submitted' },
  // (五) special fund: per case
  { key: 'fund-weidu-base', firm: 0, lineCode: 'sme-special-fund', fact: fact('makerspace-project', 'ZX-2025-WD-01'), requestedFen: yuan(300_000), fate: 'approved', approvedFen: yuan(300_000), paymentsFen: [yuan(150_000)] },
  { key: 'fund-wuliu', firm: 29, lineCode: 'sme-special-fund', fact: fact('public-service-platform', 'ZX-2025-SF-03'), requestedFen: yuan(200_000), fate: 'approved', approvedFen: yuan(150_000), paymentsFen: [yuan(150_000)] },
  { key: 'fund-dianshang', firm: 28, lineCode: 'sme-special-fund', fact: fact('talent-training', 'ZX-2025-SF-05'), requestedFen: yuan(80_000), fate: 'reviewed' },
  { key: 'fund-guizi', firm: 27, lineCode: 'sme-special-fund', fact: fact('public-service-platform', 'ZX-2025-XC-02'), requestedFen: yuan(250_000), fate: 'rejected' },
  { key: 'fund-yiliao', firm: 35, lineCode: 'sme-special-fund', fact: fact('incubator-project', 'ZX-2025-DC-01'), requestedFen: yuan(120_000), fate: 'submitted' },
];

/** Budgets Finance allocates for the demo year, per line (municipal) and per county (the match). */
export const DEMO_BUDGETS: readonly { lineCode: string; payer: string; amountFen: Fen }[] = [
  { lineCode: 'startup-base-reward', payer: 'municipal', amountFen: yuan(500_000) },
  { lineCode: 'innovation-voucher', payer: 'municipal', amountFen: yuan(1_000_000) },
  { lineCode: 'scale-up-reward', payer: 'municipal', amountFen: yuan(400_000) },
  { lineCode: 'guarantee-subsidy', payer: 'municipal', amountFen: yuan(2_000_000) },
  { lineCode: 'patent-pledge-subsidy', payer: 'municipal', amountFen: yuan(600_000) },
  { lineCode: 'neeq-listing-reward', payer: 'municipal', amountFen: yuan(2_000_000) },
  { lineCode: 'sme-special-fund', payer: 'municipal', amountFen: yuan(3_000_000) },
  ...['weidu', 'jianan', 'yuzhou', 'changge', 'yanling', 'xiangcheng'].map((county) => ({
    lineCode: 'scale-up-county-match',
    payer: `county-${county}`,
    amountFen: yuan(100_000),
  })),
];
