/**
 * The built-in policy: 许政〔2016〕8号, the Xuchang Municipal People's Government's Implementation
 * Opinions on Supporting the Development of Small and Micro Enterprises (printed 2016-02-02),
 * and the eight benefit lines that pay money. Loaded at first start as catalog events.
 */
import type { BenefitLineDefinition, Policy } from './catalog.js';

const POLICY_CODE = 'xuchang-2016-8';

/** 不重复享受: the policy's fiscal support is not enjoyed together with other municipal policies of the same kind. */
const EXCLUSIVITY_GROUP = 'xuchang-municipal-fiscal-support';

export const XUCHANG_2016_8_POLICY: Policy = {
  policyCode: POLICY_CODE,
  documentNumber: '许政〔2016〕8号',
  title: '许昌市人民政府关于扶持小微企业发展的实施意见',
  issuer: '许昌市人民政府',
  issuedOn: '2016-02-02',
  articles: [
    { article: '(一)', title: '支持大众创业' },
    { article: '(二)', title: '提升创新能力' },
    { article: '(三)', title: '推动转型升级' },
    { article: '(四)', title: '加大金融支持' },
    { article: '(五)', title: '加大财税支持' },
    { article: '(六)', title: '解决人才用工问题' },
    { article: '(七)', title: '加强平台建设' },
    { article: '(八)', title: '提升信息化应用' },
    { article: '(九)', title: '减轻企业负担' },
  ],
};

/** Cooperating units (配合单位) of article (五), shared by its three lines. */
const ARTICLE_5_COOPERATING = ['市财政局', '市工信委', '市国税局', '市地税局', '市知识产权局'];

const common = { policyCode: POLICY_CODE, exclusivityGroup: EXCLUSIVITY_GROUP } as const;

export const XUCHANG_2016_8_LINES: readonly BenefitLineDefinition[] = [
  {
    ...common,
    lineCode: 'startup-base-reward',
    article: '(一)',
    title: 'One-time reward to a recognised provincial-level small/micro enterprise startup base',
    titleZh: '对经认定的省级小微企业创业基地，市财政给予一次性奖励10万元',
    rule: { kind: 'fixed', amountFen: 10_000_000 },
    frequency: 'once-per-beneficiary',
    payer: 'municipal',
    leadUnit: '市工信委',
    cooperatingUnits: ['市科技局', '市财政局'],
    eligibleKinds: ['startup-base'],
    qualifyingFactKinds: ['base-recognition'],
    qualifyingDesignation: 'provincial-startup-base',
  },
  {
    ...common,
    lineCode: 'innovation-voucher',
    article: '(二)',
    title: 'Innovation vouchers and reward-in-lieu-of-subsidy for technology transfer',
    titleZh: '促进小微企业科技成果转化，采取以奖代补、发放创新创业券等方式给予资金支持',
    rule: { kind: 'per-case' },
    frequency: 'unlimited',
    payer: 'municipal',
    leadUnit: '市科技局',
    cooperatingUnits: ['市工信委', '市财政局', '市质监局'],
    eligibleKinds: ['enterprise'],
  },
  {
    ...common,
    lineCode: 'scale-up-reward',
    article: '(三)',
    title: 'One-time reward to a small/micro firm that becomes an above-designated-size enterprise',
    titleZh: '对小微企业上档升级、成为规模以上企业的，市财政给予一次性奖励2万元',
    rule: { kind: 'fixed', amountFen: 2_000_000 },
    frequency: 'once-per-beneficiary',
    payer: 'municipal',
    leadUnit: '市工信委',
    cooperatingUnits: ['市发改委', '市财政局', '市科技局', '市环保局'],
    eligibleKinds: ['enterprise'],
    qualifyingFactKinds: ['scale-up-statistics'],
    qualifyingPoolExit: 'key-cultivation',
  },
  {
    ...common,
    lineCode: 'scale-up-county-match',
    article: '(三)',
    title: "The county's matching reward for the same scale-up",
    titleZh: '企业所在地财政再给予一定配套奖励',
    rule: { kind: 'per-case' },
    frequency: 'once-per-beneficiary',
    payer: 'county-of-beneficiary',
    leadUnit: '企业所在县（市、区）',
    cooperatingUnits: ['市工信委'],
    eligibleKinds: ['enterprise'],
    qualifyingFactKinds: ['scale-up-statistics'],
    companionOf: 'scale-up-reward',
  },
  {
    ...common,
    lineCode: 'guarantee-subsidy',
    article: '(四)',
    title: "Subsidy to a financing guarantee institution: at most 1% of its year's quarterly-average small/micro guarantee balance",
    titleZh: '市财政对开展小微担保业务的融资担保机构按小微企业担保季均余额不超过1%的额度给予补助',
    rule: { kind: 'average-balance-rate', rateBasisPoints: 100 },
    frequency: 'once-per-beneficiary-per-year',
    payer: 'municipal',
    leadUnit: '市金融办',
    cooperatingUnits: ['人行许昌中心支行', '银监局', '市财政局', '市工信委'],
    eligibleKinds: ['guarantee-institution'],
    qualifyingFactKinds: ['guarantee-business-year'],
  },
  {
    ...common,
    lineCode: 'patent-pledge-subsidy',
    article: '(五)',
    title: 'Subsidy of the interest, appraisal, guarantee and insurance costs of a patent-pledge loan',
    titleZh: '市财政对小微企业专利权质押融资贷款利息、评估、担保、保险等费用给予不超过实际发生额50%、年贴息额不超过10万元的资助补贴',
    rule: {
      kind: 'cost-share',
      rateBasisPoints: 5_000,
      yearlyCapFen: 10_000_000,
      costKinds: ['interest', 'appraisal', 'guarantee', 'insurance'],
    },
    frequency: 'unlimited',
    payer: 'municipal',
    leadUnit: '市金融办',
    cooperatingUnits: ARTICLE_5_COOPERATING,
    eligibleKinds: ['enterprise'],
    qualifyingFactKinds: ['patent-pledge-loan'],
  },
  {
    ...common,
    lineCode: 'neeq-listing-reward',
    article: '(五)',
    title: 'One-time reward to a small/micro firm listed on the NEEQ (New Third Board)',
    titleZh: '对在新三板挂牌的小微企业，市财政给予一次性奖励50万元',
    rule: { kind: 'fixed', amountFen: 50_000_000 },
    frequency: 'once-per-beneficiary',
    payer: 'municipal',
    leadUnit: '市金融办',
    cooperatingUnits: ARTICLE_5_COOPERATING,
    eligibleKinds: ['enterprise'],
    qualifyingFactKinds: ['neeq-listing'],
  },
  {
    ...common,
    lineCode: 'sme-special-fund',
    article: '(五)',
    title: 'Grants from the small/micro special fund: public service systems, incubators, makerspaces, talent training',
    titleZh: '市财政每年在产业发展引导基金中安排小微企业发展专项资金，重点支持中小企业公共服务体系、科技企业孵化器、众创空间建设和小微企业人才培养',
    rule: { kind: 'per-case' },
    frequency: 'unlimited',
    payer: 'municipal',
    leadUnit: '市金融办（市财政局）',
    cooperatingUnits: ARTICLE_5_COOPERATING,
    eligibleKinds: ['enterprise', 'startup-base'],
  },
];
