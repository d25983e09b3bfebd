/**
 * 政府信息公开工作年度报告 and 政府网站工作年度报表 as XLSX workbooks (exceljs): one sheet per section, the tables laid
 * out as in 国办公开办函〔2021〕30号 (the same label cells and spans as the HTML page), numbers stored as numbers,
 * header rows frozen and repeated on every printed A4 page. No Strapi imports.
 */
import { Workbook, type Alignment, type Borders, type Cell, type Font, type Worksheet } from 'exceljs';
import { AnnualReportJson, SECTION3_COLUMNS, WebsiteReportJson } from './annual-report';
import {
  AnnualReportTexts,
  LabelCell,
  SECTION3_HEADER,
  SECTION4_HEADER,
  SECTION_TITLES,
  annualReportTitle,
  feeSentence,
  formatAmount,
  markdownBlocks,
  plainInline,
  section2Lines,
  section3BodyRows,
  section3Values,
  section4Values,
  websiteReportBlocks,
  websiteReportTitle,
} from './annual-report-html';

/** Sheet names (Excel allows 31 characters and no : \ / ? * [ ]). */
export const ANNUAL_REPORT_SHEETS = {
  overview: '一、总体情况',
  section2: '二、主动公开',
  section3: '三、依申请公开',
  section4: '四、复议诉讼',
  problems: '五、问题及改进',
  otherMatters: '六、其他事项',
  violations: '数据校验提示',
} as const;
export const WEBSITE_REPORT_SHEET = '政府网站工作年度报表';

const FONT = '宋体';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const CENTER: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
const BODY_FONT: Partial<Font> = { name: FONT, size: 10.5 };

function newWorkbook(title: string): Workbook {
  const wb = new Workbook();
  wb.creator = 'Gongkai';
  wb.title = title;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

function addSheet(wb: Workbook, name: string, widths: number[], landscape = false): Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** Title (row 1) and section heading (row 2) across the sheet's columns. */
function headings(ws: Worksheet, columns: number, title: string, section: string): void {
  ws.mergeCells(1, 1, 1, columns);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = CENTER;
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, columns);
  const s = ws.getCell(2, 1);
  s.value = section;
  s.font = { name: '黑体', size: 12 };
  s.alignment = LEFT;
  ws.getRow(2).height = 22;
}

function styleCell(cell: Cell, align: Partial<Alignment>, font: Partial<Font> = BODY_FONT): void {
  cell.border = BORDER;
  cell.alignment = align;
  cell.font = font;
}

/** A label cell at worksheet row `row` (1-based) with the table starting in column 1; merged over its span. */
function putLabel(ws: Worksheet, row: number, c: LabelCell, align: Partial<Alignment> = CENTER): void {
  const top = row;
  const left = c.col + 1;
  const bottom = row + c.rowspan - 1;
  const right = c.col + c.colspan;
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
  ws.getCell(top, left).value = c.text;
  for (let r = top; r <= bottom; r++) for (let col = left; col <= right; col++) styleCell(ws.getCell(r, col), align);
}

function putNumber(ws: Worksheet, row: number, col: number, value: number | null, span = 1, numFmt = '0'): void {
  if (span > 1) ws.mergeCells(row, col, row, col + span - 1);
  const cell = ws.getCell(row, col);
  if (value !== null) {
    cell.value = value;
    cell.numFmt = numFmt;
  }
  for (let c = col; c < col + span; c++) styleCell(ws.getCell(row, c), CENTER);
}

/** A text section: the Markdown's blocks, one wrapped row each. */
function textSheet(wb: Workbook, name: string, title: string, section: string, markdown: string | null | undefined, extra: string[] = []): void {
  const ws = addSheet(wb, name, [100]);
  headings(ws, 1, title, section);
  const paragraphs: string[] = [];
  for (const block of markdownBlocks(markdown)) {
    if (block.kind === 'heading') paragraphs.push(plainInline(block.text));
    else if (block.kind === 'list') paragraphs.push(...block.items.map((i) => `· ${plainInline(i)}`));
    else paragraphs.push(block.lines.map(plainInline).join('\n'));
  }
  paragraphs.push(...extra);
  paragraphs.forEach((text, i) => {
    const cell = ws.getCell(3 + i, 1);
    cell.value = `　　${text.replace(/\n/g, '\n　　')}`;
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.font = { name: FONT, size: 12 };
    // Excel does not grow rows for wrapped text on open: estimate ~48 CJK characters per line.
    const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil((l.length + 2) / 48)), 0);
    ws.getRow(3 + i).height = Math.max(20, lines * 18);
  });
}

function section2Sheet(wb: Workbook, report: AnnualReportJson, title: string): void {
  const ws = addSheet(wb, ANNUAL_REPORT_SHEETS.section2, [26, 18, 18, 18]);
  headings(ws, 4, title, SECTION_TITLES.section2);
  let row = 3;
  for (const line of section2Lines(report)) {
    if (line.kind === 'item') {
      putLabel(ws, row, { text: line.text, col: 0, colspan: 4, rowspan: 1 }, LEFT);
      ws.getCell(row, 1).font = { ...BODY_FONT, bold: true };
    } else if (line.kind === 'head') {
      line.cells.forEach((text, i) => putLabel(ws, row, { text, col: i, colspan: line.cells.length === 2 && i === 1 ? 3 : 1, rowspan: 1 }));
    } else {
      putLabel(ws, row, { text: line.label, col: 0, colspan: 1, rowspan: 1 });
      if (line.values.length === 1) {
        const fees = line.label === '行政事业性收费';
        const v = line.values[0];
        putNumber(ws, row, 2, v === null ? null : fees ? Number(formatAmount(v, 4)) : v, 3, fees ? '0.####' : '0');
      } else line.values.forEach((v, i) => putNumber(ws, row, 2 + i, v));
    }
    ws.getRow(row).height = 20;
    row++;
  }
}

function section3Sheet(wb: Workbook, report: AnnualReportJson, title: string): void {
  const ws = addSheet(wb, ANNUAL_REPORT_SHEETS.section3, [7, 14, 40, ...SECTION3_COLUMNS.map(() => 10)]);
  headings(ws, 10, title, SECTION_TITLES.section3);
  SECTION3_HEADER.forEach((cells, r) => cells.forEach((c) => putLabel(ws, 3 + r, c)));
  ws.getRow(3).height = 24;
  ws.getRow(4).height = 24;
  ws.getRow(5).height = 30;
  section3BodyRows().forEach(({ key, labels }, i) => {
    const row = 6 + i;
    for (const c of labels) putLabel(ws, row, c, c.col === 2 || c.colspan > 1 ? LEFT : CENTER);
    section3Values(report, key).forEach((v, col) => putNumber(ws, row, 4 + col, v));
    ws.getRow(row).height = key.startsWith('other.') && key !== 'other.other' ? 42 : 20;
  });
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 5 }];
  ws.pageSetup.printTitlesRow = '3:5';
}

function section4Sheet(wb: Workbook, report: AnnualReportJson, title: string): void {
  const ws = addSheet(wb, ANNUAL_REPORT_SHEETS.section4, Array(15).fill(9), true);
  headings(ws, 15, title, SECTION_TITLES.section4);
  SECTION4_HEADER.forEach((cells, r) => cells.forEach((c) => putLabel(ws, 3 + r, c)));
  ws.getRow(5).height = 30;
  section4Values(report).forEach((v, i) => putNumber(ws, 6, 1 + i, v));
  ws.getRow(6).height = 22;
  ws.views = [{ state: 'frozen', ySplit: 5 }];
  ws.pageSetup.printTitlesRow = '3:5';
}

function violationsSheet(wb: Workbook, report: AnnualReportJson): void {
  const ws = addSheet(wb, ANNUAL_REPORT_SHEETS.violations, [22, 26, 50, 50, 40, 50], true);
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = '数据校验提示（不属于报告正文） · Checks (not part of the report)';
  ws.getCell(1, 1).font = { name: '黑体', size: 12, color: { argb: 'FFB00000' } };
  const head = ['键 Key', '代码 Code', '说明', 'Message', '涉及 Involved', '说明情况 Explanation'];
  head.forEach((text, i) => putLabel(ws, 2, { text, col: i, colspan: 1, rowspan: 1 }));
  report.violations.forEach((v, i) => {
    const values = [
      v.key,
      v.code,
      v.message,
      v.messageEn,
      (v.involved ?? []).join('、'),
      v.explanation ? `${v.explanation.note}（${v.explanation.by}，${v.explanation.at}）` : '尚未说明 Unexplained',
    ];
    values.forEach((text, col) => {
      const cell = ws.getCell(3 + i, 1 + col);
      cell.value = text;
      styleCell(cell, { vertical: 'top', wrapText: true });
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

async function toBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The annual report workbook: sheets 一…六 in order; a report that is not frozen and has violations gets a last
 * sheet listing them (not part of the report).
 */
export async function annualReportXlsx(report: AnnualReportJson, texts: AnnualReportTexts): Promise<Buffer> {
  const title = annualReportTitle(report, texts);
  const wb = newWorkbook(title);
  textSheet(wb, ANNUAL_REPORT_SHEETS.overview, title, SECTION_TITLES.overview, texts.overview);
  section2Sheet(wb, report, title);
  section3Sheet(wb, report, title);
  section4Sheet(wb, report, title);
  textSheet(wb, ANNUAL_REPORT_SHEETS.problems, title, SECTION_TITLES.problems, texts.problems);
  const fee = feeSentence(texts.feesCollectedYuan);
  textSheet(wb, ANNUAL_REPORT_SHEETS.otherMatters, title, SECTION_TITLES.otherMatters, texts.otherMatters, fee ? [fee] : []);
  if (!report.frozen && report.violations.length) violationsSheet(wb, report);
  return toBuffer(wb);
}

/** The 政府网站工作年度报表 workbook: one sheet, a block per heading (项目 | 数量). */
export async function websiteReportXlsx(w: WebsiteReportJson, texts: { organizationName: string }): Promise<Buffer> {
  const title = websiteReportTitle(w, texts);
  const wb = newWorkbook(title);
  const ws = addSheet(wb, WEBSITE_REPORT_SHEET, [48, 16]);
  ws.mergeCells(1, 1, 1, 2);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: FONT, size: 16, bold: true };
  ws.getCell(1, 1).alignment = CENTER;
  ws.getRow(1).height = 30;
  putLabel(ws, 2, { text: '项目', col: 0, colspan: 1, rowspan: 1 });
  putLabel(ws, 2, { text: '数量', col: 1, colspan: 1, rowspan: 1 });
  let row = 3;
  for (const block of websiteReportBlocks(w)) {
    putLabel(ws, row, { text: block.title, col: 0, colspan: 2, rowspan: 1 }, LEFT);
    ws.getCell(row, 1).font = { ...BODY_FONT, bold: true };
    row++;
    for (const [label, value] of block.rows) {
      putLabel(ws, row, { text: label, col: 0, colspan: 1, rowspan: 1 }, LEFT);
      putNumber(ws, row, 2, value);
      row++;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  ws.pageSetup.printTitlesRow = '2:2';
  return toBuffer(wb);
}
