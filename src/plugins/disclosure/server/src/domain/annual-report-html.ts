/**
 * 政府信息公开工作年度报告 as a printable HTML page in the national layout (国办公开办函〔2021〕30号), and the
 * 政府网站工作年度报表 figures. The table layouts (which label sits in which cell, what spans what) are exported for
 * the XLSX export so both follow the template the same way. Pure: no Strapi, no I/O; every text from the input is
 * escaped and the page loads nothing from outside.
 */
import { AnnualReportJson, CaseCounts, SECTION3_COLUMNS, Violation, WebsiteReportJson } from './annual-report';
import { APPLICANT_KIND_LABELS, CASE_KINDS, CASE_RESULT_LABELS, CASE_RESULTS, OUTCOME_GROUPS, REPLY_OUTCOME_LABELS, REPLY_OUTCOMES, type ReplyOutcome } from './application-vocabulary';
import { escapeHtml } from './reply-letter';
import { CONSUMER_TYPES } from '../../../shared/vocabulary';

export { escapeHtml };

export interface AnnualReportTexts {
  organizationName: string;
  /** Replaces the default title '<组织>政府信息公开工作年度报告（<year>年）'. */
  title?: string | null;
  /** Markdown (the report's richtext fields). */
  overview?: string | null;
  problems?: string | null;
  otherMatters?: string | null;
  /** 信息处理费 collected in the year (元); undefined or null leaves the sentence out, 0 says none was collected. */
  feesCollectedYuan?: number | null;
}

export const annualReportTitle = (report: Pick<AnnualReportJson, 'year'>, texts: Pick<AnnualReportTexts, 'organizationName' | 'title'>): string =>
  texts.title?.trim() || `${texts.organizationName}政府信息公开工作年度报告（${report.year}年）`;

export const websiteReportTitle = (w: Pick<WebsiteReportJson, 'year'>, texts: { organizationName: string }): string =>
  `${texts.organizationName}政府网站工作年度报表（${w.year}年）`;

export const SECTION_TITLES = {
  overview: '一、总体情况',
  section2: '二、主动公开政府信息情况',
  section3: '三、收到和处理政府信息公开申请情况',
  section4: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
} as const;

/** Section 六's sentence about 信息处理费 (国办函〔2020〕109号); null when the amount is not known. */
export function feeSentence(feesCollectedYuan: number | null | undefined): string | null {
  if (feesCollectedYuan === null || feesCollectedYuan === undefined || !Number.isFinite(feesCollectedYuan)) return null;
  if (feesCollectedYuan <= 0) return '本年度未收取信息处理费。';
  return `本年度收取信息处理费${formatAmount(feesCollectedYuan, 2)}元。`;
}

/** A money amount without float noise: 12.5 → '12.5', 0.1 + 0.2 → '0.3'. */
export const formatAmount = (value: number, decimals: number): string => String(Number(value.toFixed(decimals)));

// ---------------------------------------------------------------------------------------------------------------
// Table layouts (shared with the XLSX export)

/** A label cell of a table body row: starts at `col` (0-based) and spans as in the template. */
export interface LabelCell {
  text: string;
  col: number;
  colspan: number;
  rowspan: number;
}

/** Section 二: the template's one table of four columns, in blocks per 第二十条 item. */
export type Section2Line =
  | { kind: 'item'; text: string }
  | { kind: 'head'; cells: string[] }
  | { kind: 'data'; label: string; values: (number | null)[] };

export function section2Lines(report: AnnualReportJson): Section2Line[] {
  const s = report.section2;
  const docs = (c: { issued: number; repealed: number; inForce: number }) => [c.issued, c.repealed, c.inForce];
  return [
    { kind: 'item', text: '第二十条第（一）项' },
    { kind: 'head', cells: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'] },
    { kind: 'data', label: '规章', values: docs(s.regulations) },
    { kind: 'data', label: '行政规范性文件', values: docs(s.normativeDocuments) },
    { kind: 'item', text: '第二十条第（五）项' },
    { kind: 'head', cells: ['信息内容', '本年处理决定数量'] },
    { kind: 'data', label: '行政许可', values: [s.licensing.decisions] },
    { kind: 'item', text: '第二十条第（六）项' },
    { kind: 'head', cells: ['信息内容', '本年处理决定数量'] },
    { kind: 'data', label: '行政处罚', values: [s.penalties.decisions] },
    { kind: 'data', label: '行政强制', values: [s.enforcement.decisions] },
    { kind: 'item', text: '第二十条第（八）项' },
    { kind: 'head', cells: ['信息内容', '本年收费金额（单位：万元）'] },
    { kind: 'data', label: '行政事业性收费', values: [s.fees.amountWanYuan] },
  ];
}

/** Section 三's header: three rows, the left block and 申请人情况 spanning as in the template. */
export const SECTION3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const SECTION3_HEADER: LabelCell[][] = [
  [
    { text: SECTION3_CORNER, col: 0, colspan: 3, rowspan: 3 },
    { text: '申请人情况', col: 3, colspan: 7, rowspan: 1 },
  ],
  [
    { text: APPLICANT_KIND_LABELS.natural_person[0], col: 3, colspan: 1, rowspan: 2 },
    { text: '法人或其他组织', col: 4, colspan: 5, rowspan: 1 },
    { text: '总计', col: 9, colspan: 1, rowspan: 2 },
  ],
  (['commercial_enterprise', 'research_institution', 'social_welfare_organization', 'legal_service_institution', 'other_organization'] as const).map((kind, i) => ({
    text: APPLICANT_KIND_LABELS[kind][0],
    col: 4 + i,
    colspan: 1,
    rowspan: 1,
  })),
];

/**
 * Section 三's body rows in the template's order, each with the JSON row key its numbers come from and the label
 * cells that start on it. The template has no subtotal rows for （三）…（六）; the JSON's subtotals are checked by the
 * invariants (TOTAL_MISMATCH) instead of printed.
 */
export function section3BodyRows(): { key: string; labels: LabelCell[] }[] {
  const rows: { key: string; labels: LabelCell[] }[] = [];
  const whole = (key: string, text: string) => rows.push({ key, labels: [{ text, col: 0, colspan: 3, rowspan: 1 }] });
  whole('new', '一、本年新收政府信息公开申请数量');
  whole('carriedIn', '二、上年结转政府信息公开申请数量');
  const resultsStart = rows.length;
  rows.push({ key: 'disclose', labels: [{ text: OUTCOME_GROUPS.disclose[0], col: 1, colspan: 2, rowspan: 1 }] });
  rows.push({ key: 'partial', labels: [{ text: OUTCOME_GROUPS.partial[0], col: 1, colspan: 2, rowspan: 1 }] });
  for (const group of ['withhold', 'unable', 'reject', 'other']) {
    const outcomes = REPLY_OUTCOMES.filter((o) => o.startsWith(`${group}.`)) as ReplyOutcome[];
    outcomes.forEach((outcome, i) => {
      const labels: LabelCell[] = [];
      if (i === 0) labels.push({ text: OUTCOME_GROUPS[group][0], col: 1, colspan: 1, rowspan: outcomes.length });
      labels.push({ text: `${i + 1}.${REPLY_OUTCOME_LABELS[outcome][0]}`, col: 2, colspan: 1, rowspan: 1 });
      rows.push({ key: outcome, labels });
    });
  }
  rows.push({ key: 'total', labels: [{ text: '（七）总计', col: 1, colspan: 2, rowspan: 1 }] });
  rows[resultsStart].labels.unshift({ text: '三、本年度办理结果', col: 0, colspan: 1, rowspan: rows.length - resultsStart });
  whole('carriedOut', '四、结转下年度继续办理');
  return rows;
}

/** A section 三 row's seven numbers in the template's column order, whatever order the JSON lists its columns in. */
export function section3Values(report: AnnualReportJson, key: string): (number | null)[] {
  const row = report.section3.rows[key];
  return SECTION3_COLUMNS.map((column) => {
    const index = report.section3.columns.indexOf(column);
    const value = row && index >= 0 ? row[index] : undefined;
    return typeof value === 'number' ? value : null;
  });
}

/** Section 四's header: 行政复议 (5 columns) | 行政诉讼 (未经复议直接起诉 ×5, 复议后起诉 ×5). */
const RESULT_HEADS = [...CASE_RESULTS.map((r) => CASE_RESULT_LABELS[r][0]), '总计'];
export const SECTION4_HEADER: LabelCell[][] = [
  [
    { text: '行政复议', col: 0, colspan: 5, rowspan: 1 },
    { text: '行政诉讼', col: 5, colspan: 10, rowspan: 1 },
  ],
  [
    ...RESULT_HEADS.map((text, i) => ({ text, col: i, colspan: 1, rowspan: 2 })),
    { text: '未经复议直接起诉', col: 5, colspan: 5, rowspan: 1 },
    { text: '复议后起诉', col: 10, colspan: 5, rowspan: 1 },
  ],
  [...RESULT_HEADS.map((text, i) => ({ text, col: 5 + i, colspan: 1, rowspan: 1 })), ...RESULT_HEADS.map((text, i) => ({ text, col: 10 + i, colspan: 1, rowspan: 1 }))],
];

/** Section 四's fifteen numbers in the template's order. */
export function section4Values(report: AnnualReportJson): (number | null)[] {
  const keys: (keyof CaseCounts)[] = [...CASE_RESULTS, 'total'];
  return CASE_KINDS.flatMap((kind) => keys.map((k) => (typeof report.section4?.[kind]?.[k] === 'number' ? report.section4[kind][k] : null)));
}

/** The 政府网站工作年度报表's lines: [label, value] per block. */
export function websiteReportBlocks(w: WebsiteReportJson): { title: string; rows: [string, number][] }[] {
  return [
    {
      title: '信息发布',
      rows: [
        ['信息发布总数（条）', w.publishing.total],
        ...Object.entries(w.publishing.byType).map(([type, count]): [string, number] => [`其中：${contentTypeLabel(type)}`, count]),
      ],
    },
    { title: '按公开类别', rows: w.publishing.byCategory.map((c): [string, number] => [c.code ? `${c.name}（${c.code}）` : c.name, c.count]) },
    { title: '解读回应', rows: [['解读信息发布总数（条）', w.interpretations.total]] },
    {
      title: '依申请公开',
      rows: [
        ['本年收到申请数（件）', w.applications.received],
        ['本年办结数（件）', w.applications.concluded],
      ],
    },
  ];
}

/** A content type's Chinese name, by UID ('api::policy.policy') or consumer path ('policies'); the key otherwise. */
export function contentTypeLabel(type: string): string {
  for (const [path, t] of Object.entries(CONSUMER_TYPES)) if (t.uid === type || path === type) return t.label;
  if (type === 'api::annual-report.annual-report' || type === 'annual-reports') return '政府信息公开年报';
  return type;
}

// ---------------------------------------------------------------------------------------------------------------
// Text (the richtext fields are Markdown)

export type TextBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'heading'; text: string } | { kind: 'list'; items: string[] };

/**
 * The Markdown of a richtext field as blocks: blank lines separate paragraphs, single newlines are line breaks,
 * '#' lines are subheadings, '-'/'*' lines a list. Numbered lines stay paragraphs: reports number by hand
 * (（一）, 1.) and the numbering must print as written. Nothing is interpreted as HTML.
 */
export function markdownBlocks(markdown: string | null | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of String(markdown ?? '').replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
      if (list.length) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      const item = /^\s*[-*+]\s+(.*)$/.exec(line);
      if (heading) {
        flush();
        blocks.push({ kind: 'heading', text: heading[1] });
      } else if (item) {
        if (paragraph.length) flush();
        list.push(item[1]);
      } else {
        if (list.length) flush();
        paragraph.push(line.trim());
      }
    }
    flush();
  }
  return blocks;
}

/** Inline Markdown as plain text: emphasis markers and backslash escapes dropped. */
export const plainInline = (text: string): string =>
  text
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a, b) => a ?? b)
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');

/** Inline Markdown as HTML: escaped first, then only **bold** becomes markup. */
const inlineHtml = (text: string): string =>
  escapeHtml(text)
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a, b) => `<strong>${a ?? b}</strong>`)
    .replace(/\\([\\`*_{}[\]()#+\-.!&;])/g, '$1');

export function markdownToHtml(markdown: string | null | undefined): string {
  return markdownBlocks(markdown)
    .map((b) => {
      if (b.kind === 'heading') return `<p class="subhead">${inlineHtml(b.text)}</p>`;
      if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`;
      return `<p>${b.lines.map(inlineHtml).join('<br>')}</p>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const SERIF = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif';
const TITLE_SERIF = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif';
const HEI = '"黑体", "SimHei", "Heiti SC", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

const STYLE = `
@page { size: A4; margin: 30mm 20mm 28mm 22mm; }
* { box-sizing: border-box; }
html { background: #f2f2f2; }
body { margin: 0; color: #000; font-family: ${SERIF}; font-size: 16pt; line-height: 1.75; }
.page { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 30mm 20mm 28mm 22mm; background: #fff; }
h1 { margin: 0 0 8mm; text-align: center; font-family: ${TITLE_SERIF}; font-size: 22pt; font-weight: normal; line-height: 1.4; }
h2 { margin: 6mm 0 2mm; font-family: ${HEI}; font-size: 16pt; font-weight: normal; text-indent: 2em; break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.subhead { font-family: ${HEI}; }
ul { margin: 0; padding-left: 4em; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10.5pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.2mm 1mm; text-align: center; vertical-align: middle; font-weight: normal; overflow-wrap: anywhere; }
td.label { text-align: left; }
td.num { font-variant-numeric: tabular-nums; }
th.item, td.item { text-align: left; font-family: ${HEI}; }
table.s3 { font-size: 9.5pt; }
table.s3 th.corner { font-size: 8.5pt; }
table.s4 { font-size: 9pt; }
.missing { color: #b00; }
.no-print { font-family: ${HEI}; font-size: 11pt; line-height: 1.5; border: 2px dashed #b00; background: #fff6f6; padding: 3mm 4mm; margin: 0 0 6mm; }
.no-print h3 { margin: 0 0 2mm; font-size: 12pt; }
.no-print p { text-indent: 0; }
.no-print li { margin: 1mm 0; }
.no-print .explained { color: #555; }
@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; } .no-print, .no-print-inline { display: none; } }
`;

const cellHtml = (tag: 'th' | 'td', c: { text: string; colspan?: number; rowspan?: number }, cls?: string) =>
  `<${tag}${cls ? ` class="${cls}"` : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${escapeHtml(c.text)}</${tag}>`;

const numberCell = (value: number | null, frozen: boolean, colspan = 1) =>
  value === null
    ? `<td class="num"${colspan > 1 ? ` colspan="${colspan}"` : ''}>${frozen ? '' : '<span class="missing no-print-inline">待填写</span>'}</td>`
    : `<td class="num"${colspan > 1 ? ` colspan="${colspan}"` : ''}>${escapeHtml(String(value))}</td>`;

function section2Html(report: AnnualReportJson): string {
  const rows = section2Lines(report).map((line) => {
    if (line.kind === 'item') return `<tr><th class="item" colspan="4">${escapeHtml(line.text)}</th></tr>`;
    if (line.kind === 'head') return `<tr>${line.cells.map((text, i) => cellHtml('th', { text, colspan: line.cells.length === 2 && i === 1 ? 3 : 1 })).join('')}</tr>`;
    const values = line.values.map((v) => (v !== null && line.label === '行政事业性收费' ? Number(formatAmount(v, 4)) : v));
    return `<tr>${cellHtml('td', { text: line.label })}${values.map((v) => numberCell(v, report.frozen, values.length === 1 ? 3 : 1)).join('')}</tr>`;
  });
  return `<table class="s2"><colgroup><col style="width:31%"><col style="width:23%"><col style="width:23%"><col style="width:23%"></colgroup><tbody>${rows.join('')}</tbody></table>`;
}

function section3Html(report: AnnualReportJson): string {
  const head = SECTION3_HEADER.map((row, r) => `<tr>${row.map((c) => cellHtml('th', c, r === 0 && c.col === 0 ? 'corner' : undefined)).join('')}</tr>`).join('');
  const body = section3BodyRows()
    .map(
      ({ key, labels }) =>
        `<tr data-row="${escapeHtml(key)}">${labels.map((c) => cellHtml('td', c, 'label')).join('')}${section3Values(report, key)
          .map((v, i) => `<td class="num" data-col="${SECTION3_COLUMNS[i]}">${v === null ? '' : v}</td>`)
          .join('')}</tr>`
    )
    .join('');
  const cols = `<colgroup><col style="width:6%"><col style="width:11%"><col style="width:20%">${'<col style="width:9%">'.repeat(7)}</colgroup>`;
  return `<table class="s3">${cols}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function section4Html(report: AnnualReportJson): string {
  const head = SECTION4_HEADER.map((row) => `<tr>${row.map((c) => cellHtml('th', c)).join('')}</tr>`).join('');
  const values = section4Values(report);
  const keys = CASE_KINDS.flatMap((kind) => [...CASE_RESULTS, 'total'].map((r) => `${kind}.${r}`));
  return `<table class="s4"><thead>${head}</thead><tbody><tr>${values.map((v, i) => `<td class="num" data-cell="${keys[i]}">${v === null ? '' : v}</td>`).join('')}</tr></tbody></table>`;
}

function textSection(markdown: string | null | undefined, frozen: boolean, extra: string[] = []): string {
  const html = [markdownToHtml(markdown), ...extra.map((p) => `<p>${escapeHtml(p)}</p>`)].filter(Boolean).join('\n');
  if (html) return html;
  return frozen ? '<p>无。</p>' : '<p class="missing no-print">（尚未填写）</p>';
}

function violationsHtml(violations: Violation[]): string {
  const items = violations.map((v) => {
    const involved = v.involved?.length ? `<br>涉及 Involved：${v.involved.map(escapeHtml).join('、')}` : '';
    const explanation = v.explanation
      ? `<br><span class="explained">已说明 Explained：${escapeHtml(v.explanation.note)}（${escapeHtml(v.explanation.by)}，${escapeHtml(v.explanation.at)}）</span>`
      : '<br><strong>尚未说明，发布前须处理或说明 · Unexplained: resolve or explain before release</strong>';
    return `<li data-key="${escapeHtml(v.key)}"><strong>${escapeHtml(v.code)}</strong> ${escapeHtml(v.message)}<br><span lang="en">${escapeHtml(v.messageEn)}</span>${involved}${explanation}</li>`;
  });
  return `<h3>数据校验提示（${violations.length} 项） · Checks (${violations.length})</h3><ul>${items.join('')}</ul>`;
}

function draftNotice(report: AnnualReportJson): string {
  if (report.frozen) return '';
  const parts = [
    '<p>本报告尚未发布，以下数字为按当前数据实时计算的结果；此框不属于报告正文，打印时不显示。<br><span lang="en">Not released: the figures are computed from the current data. This box is not part of the report and does not print.</span></p>',
  ];
  if (report.violations.length) parts.push(violationsHtml(report.violations));
  return `<section class="no-print" aria-label="数据校验提示">${parts.join('\n')}</section>`;
}

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page">
${body}
</main>
</body>
</html>
`;

/** The whole annual report as one printable page. A report that is not frozen carries a box that does not print. */
export function renderAnnualReportHtml(report: AnnualReportJson, texts: AnnualReportTexts): string {
  const title = annualReportTitle(report, texts);
  const fee = feeSentence(texts.feesCollectedYuan);
  return page(
    title,
    [
      draftNotice(report),
      `<h1>${escapeHtml(title)}</h1>`,
      `<h2>${SECTION_TITLES.overview}</h2>`,
      textSection(texts.overview, report.frozen),
      `<h2>${SECTION_TITLES.section2}</h2>`,
      section2Html(report),
      `<h2>${SECTION_TITLES.section3}</h2>`,
      section3Html(report),
      `<h2>${SECTION_TITLES.section4}</h2>`,
      section4Html(report),
      `<h2>${SECTION_TITLES.problems}</h2>`,
      textSection(texts.problems, report.frozen),
      `<h2>${SECTION_TITLES.otherMatters}</h2>`,
      textSection(texts.otherMatters, report.frozen, fee ? [fee] : []),
    ]
      .filter(Boolean)
      .join('\n')
  );
}

/** 政府网站工作年度报表: the figures the content gives, one table per block. */
export function renderWebsiteReportHtml(w: WebsiteReportJson, texts: { organizationName: string }): string {
  const title = websiteReportTitle(w, texts);
  const tables = websiteReportBlocks(w).map(
    (block) =>
      `<h2>${escapeHtml(block.title)}</h2><table class="w"><colgroup><col style="width:70%"><col style="width:30%"></colgroup><tbody>${
        block.rows.length
          ? block.rows.map(([label, value]) => `<tr><td class="label">${escapeHtml(label)}</td><td class="num">${escapeHtml(String(value))}</td></tr>`).join('')
          : '<tr><td class="label">无</td><td class="num">0</td></tr>'
      }</tbody></table>`
  );
  return page(title, [`<h1>${escapeHtml(title)}</h1>`, ...tables].join('\n'));
}
