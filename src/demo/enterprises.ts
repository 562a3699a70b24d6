/**
 * Demo enterprises: fictional firms across Xuchang's counties, districts and zones, each with a
 * valid Unified Social Credit Code (GB 32100-2015) made from its county's division code.
 */
import { checkCharacter } from '../enterprise/credit-code.js';
import type { EnterpriseKind } from '../enterprise/enterprise.js';

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  county: string;
  kind: EnterpriseKind;
}

/** 行政区划代码 of each county (the zones are registered under the city's 411000). */
const DIVISION: Record<string, string> = {
  weidu: '411002',
  jianan: '411003',
  yanling: '411024',
  xiangcheng: '411025',
  yuzhou: '411081',
  changge: '411082',
  shifanqu: '411000',
  jingkaiqu: '411000',
  dongcheng: '411000',
};

/** "91" (market regulation, enterprise) + division + a 9-character organisation code + check. */
export function demoCreditCode(county: string, serial: number): string {
  const first17 = `91${DIVISION[county]}MA${String((4_000_000 + serial * 7_919) % 10_000_000).padStart(7, '0')}`;
  return first17 + checkCharacter(first17);
}

const FIRMS: [county: string, kind: EnterpriseKind, name: string][] = [
  ['weidu', 'startup-base', '许昌魏都创客空间创业基地'],
  ['jingkaiqu', 'startup-base', '许昌经开区小微企业创业园'],
  ['changge', 'startup-base', '长葛市大学生创业孵化基地'],
  ['weidu', 'guarantee-institution', '许昌市中小企业融资担保有限公司'],
  ['yuzhou', 'guarantee-institution', '禹州市信诚融资担保有限公司'],
  ['changge', 'guarantee-institution', '长葛市汇通融资担保有限公司'],
  ['weidu', 'enterprise', '许昌恒达机械制造有限公司'],
  ['weidu', 'enterprise', '许昌瑞丰发制品有限公司'],
  ['weidu', 'enterprise', '许昌云联信息技术有限公司'],
  ['weidu', 'enterprise', '许昌春秋文化传媒有限公司'],
  ['jianan', 'enterprise', '建安区鑫源电气设备有限公司'],
  ['jianan', 'enterprise', '许昌宏图新材料科技有限公司'],
  ['jianan', 'enterprise', '许昌金穗农业发展有限公司'],
  ['jianan', 'enterprise', '许昌华夏食品有限公司'],
  ['yuzhou', 'enterprise', '禹州市钧瓷文化发展有限公司'],
  ['yuzhou', 'enterprise', '禹州市药都中药饮片有限公司'],
  ['yuzhou', 'enterprise', '禹州市神垕陶瓷有限公司'],
  ['yuzhou', 'enterprise', '禹州市中原铸造有限公司'],
  ['changge', 'enterprise', '长葛市蜂产品加工有限公司'],
  ['changge', 'enterprise', '长葛市金属再生资源有限公司'],
  ['changge', 'enterprise', '长葛市卫浴洁具有限公司'],
  ['changge', 'enterprise', '长葛市智能装备有限公司'],
  ['yanling', 'enterprise', '鄢陵县花木园艺有限公司'],
  ['yanling', 'enterprise', '鄢陵县生态旅游开发有限公司'],
  ['yanling', 'enterprise', '鄢陵县腊梅盆景有限公司'],
  ['xiangcheng', 'enterprise', '襄城县煤化工新材料有限公司'],
  ['xiangcheng', 'enterprise', '襄城县烟草机械配件有限公司'],
  ['xiangcheng', 'enterprise', '襄城县硅碳科技有限公司'],
  ['shifanqu', 'enterprise', '许昌示范区电子商务有限公司'],
  ['shifanqu', 'enterprise', '许昌智慧物流有限公司'],
  ['jingkaiqu', 'enterprise', '许昌电力装备科技有限公司'],
  ['jingkaiqu', 'enterprise', '许昌汽车零部件有限公司'],
  ['jingkaiqu', 'enterprise', '许昌新能源储能有限公司'],
  ['dongcheng', 'enterprise', '许昌东城软件开发有限公司'],
  ['dongcheng', 'enterprise', '许昌东城检测技术有限公司'],
  ['dongcheng', 'enterprise', '许昌东城医疗器械有限公司'],
];

export const DEMO_ENTERPRISES: readonly DemoEnterprise[] = FIRMS.map(([county, kind, name], i) => ({
  creditCode: demoCreditCode(county, i + 1),
  name,
  county,
  kind,
}));
