/** A published list as a print-ready HTML page (A4, the table repeated header on each page, no script, no outside asset). */
import { type PublishedList } from './lists.js';
import { listCells, listHeader, type ListSettings } from './table-output.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 2025-10-09 → 2025年10月9日 */
const chineseDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const STYLE = `
  @page { size: A4; margin: 20mm 15mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; color: #000; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 12pt; }
  p.period { text-align: center; margin: 0 0 12pt; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: middle; }
  th { font-weight: bold; text-align: center; }
  td.number { text-align: right; white-space: nowrap; }
  td.position { text-align: center; }
  tr.total td { font-weight: bold; }
  p.note { margin-top: 12pt; font-size: 10.5pt; }
`;

function periodText(list: PublishedList): string {
  if (list.kind !== 'notice' || list.periods.length === 0) return '';
  const periods = list.periods.map((p) => `${chineseDate(p.startsOn)}至${chineseDate(p.endsOn)}（${p.workingDays}个工作日）`);
  return `<p class="period">公示期：${escape(periods.join('；'))}</p>`;
}

const NOTICE_NOTE = '公示期内，如有异议，请以书面形式实名反映，并注明联系方式；匿名异议不予受理。';

export function listHtml(list: PublishedList, settings: ListSettings): string {
  const header = listHeader(settings);
  const cells = listCells(list, settings);
  const amountColumn = header.length - 1;
  const row = (line: (typeof cells)[number], total: boolean) =>
    `<tr${total ? ' class="total"' : ''}>${line
      .map((cell, i) => {
        const text = cell === null ? '' : typeof cell === 'object' ? cell.decimal : String(cell);
        const cls = i === amountColumn ? ' class="number"' : i === 0 ? ' class="position"' : '';
        return `<td${cls}>${escape(text)}</td>`;
      })
      .join('')}</tr>`;
  const body = cells.map((line, i) => row(line, i === cells.length - 1)).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(list.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(list.title)}</h1>
${periodText(list)}
<table>
<thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${list.kind === 'notice' ? `<p class="note">${NOTICE_NOTE}</p>` : ''}
</body>
</html>
`;
}
