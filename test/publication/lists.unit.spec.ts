import { describe, expect, it } from 'vitest';
import { listHtml } from '../../src/publication/html.js';
import { type PublishedList, tenThousandYuan } from '../../src/publication/lists.js';
import { listCells, listHeader } from '../../src/publication/table-output.js';
import { yuan } from '../support/domain-fixtures.js';

const LIST: PublishedList = {
  kind: 'notice',
  lineCode: 'neeq-listing-reward',
  fiscalYear: 2025,
  title: '许昌市2025年度小微企业扶持资金拟奖励名单公示（许政〔2016〕8号第(五)条）',
  periods: [{ startsOn: '2025-09-26', endsOn: '2025-10-09', workingDays: 5 }],
  rows: [
    { position: 1, enterpriseName: '许昌瑞丰发制品有限公司', creditCode: '91411002MA40633528', countyName: '魏都区', benefit: '新三板挂牌奖励', amountFen: yuan(500_000) },
    { position: 2, enterpriseName: '=HYPERLINK("x") <b>', creditCode: '91411081MA4118785Q', countyName: '禹州市', benefit: '新三板挂牌奖励', amountFen: yuan(12_345) + 67 },
  ],
  totalFen: yuan(512_345) + 67,
};

describe('amounts in 万元', () => {
  it('are exact to the fen', () => {
    expect(tenThousandYuan(yuan(500_000))).toBe('50');
    expect(tenThousandYuan(yuan(75_000))).toBe('7.5');
    expect(tenThousandYuan(yuan(12_345) + 67)).toBe('1.234567');
    expect(tenThousandYuan(0)).toBe('0');
  });
});

describe('a published list in the usual Chinese layout', () => {
  it('has 序号, 企业名称, 县（市、区）, 奖补项目, 金额（万元）, and the credit code only when the setting says so', () => {
    expect(listHeader({ showCreditCode: false })).toEqual(['序号', '企业名称', '县（市、区）', '奖补项目', '金额（万元）']);
    expect(listHeader({ showCreditCode: true })).toEqual(['序号', '企业名称', '统一社会信用代码', '县（市、区）', '奖补项目', '金额（万元）']);
  });

  it('ends with a total row that adds up the list', () => {
    const cells = listCells(LIST, { showCreditCode: true });
    expect(cells[0]).toEqual([1, '许昌瑞丰发制品有限公司', '91411002MA40633528', '魏都区', '新三板挂牌奖励', { decimal: '50' }]);
    expect(cells.at(-1)).toEqual(['合计', '2家', '', '', '', { decimal: '51.234567' }]);
  });

  it('prints as an HTML page with the notice period in working days, the total, and every name escaped', () => {
    const html = listHtml(LIST, { showCreditCode: false });
    expect(html).toContain('<title>许昌市2025年度小微企业扶持资金拟奖励名单公示（许政〔2016〕8号第(五)条）</title>');
    expect(html).toContain('公示期：2025年9月26日至2025年10月9日（5个工作日）');
    expect(html).toContain('<tr class="total"><td class="position">合计</td><td>2家</td><td></td><td></td><td class="number">51.234567</td></tr>');
    expect(html).toContain('=HYPERLINK(&#34;x&#34;) &#60;b&#62;');
    expect(html).not.toContain('91411002MA40633528');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
