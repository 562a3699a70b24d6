/**
 * Demo measures of 2025: the bases' provincial recognitions (the startup-base reward rests on
 * them), the other designations the policy names, the cultivation pool with firms monitored, one
 * that dropped out and two that became above-designated-size (their scale-up rewards rest on
 * those exits), the year's targets, and activities of the lead and cooperating units, some
 * targets met and some not.
 */
import type { DesignationInput } from '../designation/decide.js';
import type { CommandContext, Ledger } from '../ledger.js';
import type { Fen } from '../shared/money.js';
import type { ActivityInput } from '../target/decide.js';
import { DEMO_FISCAL_YEAR } from './applications.js';
import { DEMO_ENTERPRISES } from './enterprises.js';

const yuan = (amount: number): Fen => amount * 100;
const code = (firm: number) => DEMO_ENTERPRISES[firm]!.creditCode;
const POOL = 'key-cultivation';

const PROVINCE = '河南省工业和信息化委员会';
const designation = (firm: number, kindCode: string, documentNumber: string, designatedOn: string, extra: Partial<DesignationInput> = {}): DesignationInput => ({
  creditCode: code(firm),
  kindCode,
  documentNumber,
  designatedBy: PROVINCE,
  designatedOn,
  ...extra,
});

export const DEMO_DESIGNATIONS: readonly DesignationInput[] = [
  // (一) the bases' recognitions, cited by their startup-base reward applications
  designation(0, 'provincial-startup-base', '豫工信企业〔2024〕31号-1', '2024-11-20'),
  designation(1, 'provincial-startup-base', '豫工信企业〔2024〕31号-2', '2024-11-20'),
  designation(2, 'provincial-startup-base', '豫工信企业〔2024〕31号-3', '2024-11-20'),
  designation(1, 'provincial-tech-incubator', '豫科〔2025〕45号', '2025-06-18', { designatedBy: '河南省科学技术厅' }),
  // (二) a "little giant" over ¥100M of revenue, a specialised firm and a specialised product
  designation(11, 'little-giant', '许科〔2025〕12号', '2025-04-10', { designatedBy: '许昌市科学技术局', annualRevenueFen: yuan(126_000_000) }),
  designation(30, 'specialised-sophisticated-firm', '豫工信企业〔2025〕56号', '2025-09-01'),
  designation(16, 'specialised-sophisticated-product', '豫工信企业〔2025〕57号', '2025-09-01', { product: '神垕钧瓷茶具' }),
  // (七) two of the three demonstration platforms of the year
  designation(29, 'provincial-sme-service-platform', '豫工信中小〔2025〕8号-1', '2025-10-15'),
  designation(28, 'provincial-sme-service-platform', '豫工信中小〔2025〕8号-2', '2025-10-15'),
];

/** Firms of the pool: entry (year, output), the 2025 monitoring, and the exit if any. */
export const DEMO_POOL: readonly {
  firm: number;
  entered: [year: number, outputFen: Fen];
  monitoredFen?: Fen;
  exit?: { reason: 'above-designated-size' | 'dropped-out'; reference: string; exitedOn: string };
}[] = [
  // 恒达 and 鑫源 became above-designated-size: their scale-up rewards rest on these statistics entries.
  { firm: 6, entered: [2024, yuan(18_000_000)], exit: { reason: 'above-designated-size', reference: '许统规入〔2025〕001', exitedOn: '2025-02-28' } },
  { firm: 10, entered: [2024, yuan(16_500_000)], exit: { reason: 'above-designated-size', reference: '许统规入〔2025〕007', exitedOn: '2025-02-28' } },
  { firm: 12, entered: [2024, yuan(7_200_000)], monitoredFen: yuan(9_800_000) },
  { firm: 13, entered: [2025, yuan(12_000_000)] },
  { firm: 18, entered: [2024, yuan(5_600_000)], monitoredFen: yuan(6_100_000) },
  { firm: 19, entered: [2024, yuan(5_100_000)], exit: { reason: 'dropped-out', reference: '企业停产整顿（production halted）', exitedOn: '2025-06-30' } },
];

const activity = (targetCode: string, title: string, heldOn: string, place: string, firmsTakingPart: number, unit: string, extra: Partial<ActivityInput> = {}): ActivityInput => ({
  targetCode,
  year: DEMO_FISCAL_YEAR,
  title,
  heldOn,
  place,
  firmsTakingPart,
  unit,
  ...extra,
});
const discount = (base: number, firm: number, basisPoints: number) => ({ rentDiscount: { baseCreditCode: code(base), firmCreditCode: code(firm), basisPoints } });
const months = (count: number) => Array.from({ length: count }, (_, i) => `${DEMO_FISCAL_YEAR}-${String(i + 1).padStart(2, '0')}-20`);

export const DEMO_ACTIVITIES: readonly ActivityInput[] = [
  // (三) 12 matchmaking events: met
  ...months(12).map((day, i) =>
    activity('production-sales-matchmaking', `小微企业产销对接会（第${i + 1}期）`, day, '许昌市会展中心', 30 + i * 2, i % 3 === 2 ? '市科技局' : '市工信委', { documentNumber: `许工信〔${DEMO_FISCAL_YEAR}〕${60 + i}号` }),
  ),
  // (六) recruitment fairs: 6 of 80 so far
  ...months(6).map((day, i) => activity('recruitment-fairs', `小微企业专场招聘会（第${i + 1}场）`, day, '许昌市人力资源市场', 45 + i * 5, i % 2 === 0 ? '市人社局' : '市工信委')),
  // (八) e-commerce: 520 firms helped, met
  activity('e-commerce-firms', '"互联网+小微企业"电商培训（魏都、建安）', `${DEMO_FISCAL_YEAR}-04-12`, '许昌示范区电子商务产业园', 210, '市商务局'),
  activity('e-commerce-firms', '小微企业电商营销网络建设帮扶（禹州、长葛）', `${DEMO_FISCAL_YEAR}-07-08`, '禹州市电子商务公共服务中心', 190, '市工信委'),
  activity('e-commerce-firms', '跨境电商对接会', `${DEMO_FISCAL_YEAR}-10-21`, '许昌市会展中心', 120, '市发改委'),
  // (一) rent discounts per base and firm: one under the 5% floor
  activity('startup-base-rent-discounts', '魏都创客空间入驻企业租金优惠', `${DEMO_FISCAL_YEAR}-03-01`, '许昌魏都创客空间创业基地', 1, '市工信委', discount(0, 8, 1_000)),
  activity('startup-base-rent-discounts', '长葛孵化基地入驻企业租金优惠', `${DEMO_FISCAL_YEAR}-03-01`, '长葛市大学生创业孵化基地', 1, '市科技局', discount(2, 33, 500)),
  activity('startup-base-rent-discounts', '经开区创业园入驻企业租金优惠', `${DEMO_FISCAL_YEAR}-05-01`, '许昌经开区小微企业创业园', 1, '市工信委', discount(1, 34, 400)),
];

type Act = (role: 'ADMIN' | 'UNIT', key: string) => CommandContext;
type Track = (result: { position: string }) => unknown;

/** Records the demo's measures: run before the applications, whose approvals rest on the recognitions and exits. */
export async function loadDemoMeasures(ledger: Ledger, act: Act, track: Track): Promise<void> {
  for (const d of DEMO_DESIGNATIONS) track(await ledger.recordDesignation(d, act('ADMIN', `designation:${d.kindCode}:${d.documentNumber}`)));
  for (const { firm, entered: [year, outputValueFen], monitoredFen, exit } of DEMO_POOL) {
    const member = { poolCode: POOL, creditCode: code(firm) };
    const key = (step: string) => `pool:${member.creditCode}:${step}`;
    track(await ledger.enterPool({ ...member, year, outputValueFen, enteredOn: `${year}-03-01` }, act('UNIT', key('enter'))));
    if (monitoredFen !== undefined) track(await ledger.monitorPoolMember({ ...member, year: DEMO_FISCAL_YEAR, outputValueFen: monitoredFen }, act('UNIT', key('monitor'))));
    if (exit) track(await ledger.exitPool({ ...member, ...exit }, act('UNIT', key('exit'))));
  }
  track(await ledger.setBuiltInTargets(DEMO_FISCAL_YEAR, act('ADMIN', 'targets')));
  for (const [i, a] of DEMO_ACTIVITIES.entries()) track(await ledger.recordActivity(a, act('UNIT', `activity:${i}`)));
}
