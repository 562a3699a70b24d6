/**
 * The counties, county-level cities, districts and zones of Xuchang (许昌市县（市、区）) that pay
 * a county match (所在地财政) and where beneficiaries are registered: catalog data.
 */

/** 县级行政区 or 功能区 (a zone run by a management committee, 管委会). */
export type CountyKind = 'district' | 'county-level-city' | 'county' | 'zone';

export interface County {
  /** Stable code used in events and payers ("county-<code>"). */
  code: string;
  nameZh: string;
  name: string;
  kind: CountyKind;
  /**
   * 行政区划代码 (GB/T 2260) of the area: the county's own, or for a zone, which has none of its
   * own (a 功能区 is run by a management committee inside the city), Xuchang's (411000).
   */
  divisionCode: string;
}

/** 许昌市 */
const XUCHANG_DIVISION_CODE = '411000';

export const XUCHANG_COUNTIES: readonly County[] = [
  { code: 'weidu', nameZh: '魏都区', name: 'Weidu District', kind: 'district', divisionCode: '411002' },
  { code: 'jianan', nameZh: '建安区', name: "Jian'an District", kind: 'district', divisionCode: '411003' },
  { code: 'yuzhou', nameZh: '禹州市', name: 'Yuzhou City', kind: 'county-level-city', divisionCode: '411081' },
  { code: 'changge', nameZh: '长葛市', name: 'Changge City', kind: 'county-level-city', divisionCode: '411082' },
  { code: 'yanling', nameZh: '鄢陵县', name: 'Yanling County', kind: 'county', divisionCode: '411024' },
  { code: 'xiangcheng', nameZh: '襄城县', name: 'Xiangcheng County', kind: 'county', divisionCode: '411025' },
  { code: 'shifanqu', nameZh: '城乡一体化示范区', name: 'Urban-Rural Integration Demonstration Zone', kind: 'zone', divisionCode: XUCHANG_DIVISION_CODE },
  { code: 'jingkaiqu', nameZh: '经济技术开发区', name: 'Economic and Technological Development Zone', kind: 'zone', divisionCode: XUCHANG_DIVISION_CODE },
  { code: 'dongcheng', nameZh: '东城区', name: 'Dongcheng District', kind: 'zone', divisionCode: XUCHANG_DIVISION_CODE },
];

export function findCounty(code: string): County | undefined {
  return XUCHANG_COUNTIES.find((county) => county.code === code);
}

/** "weidu (魏都区), jianan (建安区), …": for error messages that list what is allowed. */
export function countyChoices(): string {
  return XUCHANG_COUNTIES.map((c) => `${c.code} (${c.nameZh})`).join(', ');
}
