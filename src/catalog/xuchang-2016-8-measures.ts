/**
 * The measures of 许政〔2016〕8号 that pay nothing, as catalog data: the designations it names, the
 * cultivation pool (重点培育小微企业库) and its band, and the yearly targets of its articles with
 * their lead (牵头单位) and cooperating units (配合单位). Another policy's are data of the same shape.
 */
import type { CultivationPoolDefinition } from '../cultivation-pool/cultivation-pool.js';
import type { DesignationKindDefinition } from '../designation/designation.js';
import type { TargetDefinition } from '../target/target.js';
import { XUCHANG_2016_8_POLICY } from './xuchang-2016-8.js';

const { policyCode } = XUCHANG_2016_8_POLICY;

/** ¥ to fen, for the policy's round figures. */
const yuan = (amount: number) => amount * 100;

const provincial = { policyCode, level: 'provincial', subject: 'beneficiary' } as const;

export const XUCHANG_2016_8_DESIGNATION_KINDS: readonly DesignationKindDefinition[] = [
  {
    ...provincial,
    kindCode: 'provincial-startup-base',
    article: '(一)',
    title: 'Provincial-level small/micro enterprise startup base',
    titleZh: '省级小微企业创业基地',
    eligibleKinds: ['startup-base'],
  },
  {
    ...provincial,
    kindCode: 'provincial-tech-incubator',
    article: '(一)',
    title: 'Provincial science and technology business incubator',
    titleZh: '省级科技企业孵化器',
    eligibleKinds: ['startup-base', 'enterprise'],
  },
  {
    ...provincial,
    kindCode: 'provincial-makerspace',
    article: '(一)',
    title: 'Provincial makerspace',
    titleZh: '省级众创空间',
    eligibleKinds: ['startup-base', 'enterprise'],
  },
  {
    policyCode,
    kindCode: 'little-giant',
    article: '(二)',
    title: '"Little giant" technology firm: annual revenue over ¥100M',
    titleZh: '科技"小巨人"企业',
    level: 'municipal',
    subject: 'beneficiary',
    eligibleKinds: ['enterprise'],
    minimumAnnualRevenueFen: yuan(100_000_000),
    treatment: '给予其百户重点企业同样待遇',
  },
  {
    ...provincial,
    kindCode: 'specialised-sophisticated-firm',
    article: '(二)',
    title: '"Specialised and sophisticated" small or medium firm',
    titleZh: '"专精特新"中小企业',
    eligibleKinds: ['enterprise'],
  },
  {
    ...provincial,
    kindCode: 'specialised-sophisticated-product',
    article: '(二)',
    title: '"Specialised and sophisticated" product',
    titleZh: '"专精特新"产品',
    subject: 'product',
    eligibleKinds: ['enterprise'],
  },
  {
    ...provincial,
    kindCode: 'provincial-sme-service-platform',
    article: '(七)',
    title: 'Provincial SME public-service demonstration platform',
    titleZh: '省级中小企业公共服务示范平台',
    eligibleKinds: ['enterprise', 'startup-base'],
  },
];

export const XUCHANG_2016_8_POOL: CultivationPoolDefinition = {
  poolCode: 'key-cultivation',
  policyCode,
  article: '(三)',
  titleZh: '重点培育小微企业库',
  minOutputFen: yuan(5_000_000),
  maxOutputFen: yuan(20_000_000),
  leadUnit: '市工信委',
};

type YearlyTarget = Omit<TargetDefinition, 'year' | 'policyCode'>;

const ARTICLE_1 = { article: '(一)', leadUnit: '市工信委', cooperatingUnits: ['市科技局', '市财政局'] };

/** The policy's yearly targets (每年…), the same each year. */
export const XUCHANG_2016_8_YEARLY_TARGETS: readonly YearlyTarget[] = [
  {
    ...ARTICLE_1,
    targetCode: 'provincial-incubators',
    title: 'One provincial science and technology incubator a year',
    titleZh: '全市每年培育1家省级科技企业孵化器',
    measure: { kind: 'designations', designationKind: 'provincial-tech-incubator' },
    quantity: 1,
  },
  {
    ...ARTICLE_1,
    targetCode: 'provincial-makerspaces',
    title: 'One provincial makerspace a year',
    titleZh: '全市每年建设1家省级众创空间',
    measure: { kind: 'designations', designationKind: 'provincial-makerspace' },
    quantity: 1,
  },
  {
    ...ARTICLE_1,
    targetCode: 'startup-base-rent-discounts',
    title: 'Rent discounts of at least 5% for small/micro firms in startup bases and incubators',
    titleZh: '在场地租金等方面对入驻的小微企业给予5%以上的优惠',
    measure: { kind: 'lowest-discount' },
    quantity: 500,
  },
  {
    targetCode: 'production-sales-matchmaking',
    article: '(三)',
    title: 'At least 12 production and sales matchmaking events a year',
    titleZh: '每年组织小微企业产销产业对接活动12次以上',
    measure: { kind: 'activities' },
    quantity: 12,
    leadUnit: '市工信委',
    cooperatingUnits: ['市发改委', '市财政局', '市科技局', '市环保局'],
  },
  {
    targetCode: 'recruitment-fairs',
    article: '(六)',
    title: 'At least 80 recruitment fairs a year',
    titleZh: '全年举办用工对接及专场招聘会80场次以上',
    measure: { kind: 'activities' },
    quantity: 80,
    leadUnit: '市工信委',
    cooperatingUnits: ['市发改委', '市人社局'],
  },
  {
    targetCode: 'provincial-demonstration-platforms',
    article: '(七)',
    title: 'At least 3 provincial SME public-service demonstration platforms a year',
    titleZh: '每年培育省级中小企业公共服务示范平台3家以上',
    measure: { kind: 'designations', designationKind: 'provincial-sme-service-platform' },
    quantity: 3,
    leadUnit: '市工信委',
    cooperatingUnits: ['市财政局'],
  },
  {
    targetCode: 'e-commerce-firms',
    article: '(八)',
    title: 'At least 500 small/micro firms helped into e-commerce a year',
    titleZh: '每年帮助500家以上小微企业建设电子商务营销网络',
    measure: { kind: 'firms-reached' },
    quantity: 500,
    leadUnit: '市工信委',
    cooperatingUnits: ['市发改委', '市商务局'],
  },
];

/** The policy's targets for one year. */
export const xuchang2016_8TargetsOf = (year: number): TargetDefinition[] =>
  XUCHANG_2016_8_YEARLY_TARGETS.map((target) => ({ ...target, year, policyCode }));
