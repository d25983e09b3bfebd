import { writeFileSync } from 'fs';
import { Workbook, type Worksheet } from 'exceljs';
import { SECTION3_COLUMNS } from '../../../../../src/plugins/disclosure/server/src/domain/annual-report';
import { section3BodyRows } from '../../../../../src/plugins/disclosure/server/src/domain/annual-report-html';
import { ANNUAL_REPORT_SHEETS, annualReportXlsx, WEBSITE_REPORT_SHEET, websiteReportXlsx } from '../../../../../src/plugins/disclosure/server/src/domain/annual-report-xlsx';
import { cell3, sampleReport, sampleTexts, sampleWebsite } from './annual-report-fixture';

const read = async (buffer: Buffer) => {
  const wb = new Workbook();
  await wb.xlsx.load(buffer as any);
  return wb;
};
const sheet = (wb: Workbook, name: string): Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** The merged ranges of a sheet, e.g. 'A3:C5'. */
const merges = (ws: Worksheet): string[] => ((ws as any).model.merges as string[]).slice().sort();
const v = (ws: Worksheet, address: string) => ws.getCell(address).value;

describe('the annual report workbook', () => {
  let wb: Workbook;
  let buffer: Buffer;
  beforeAll(async () => {
    buffer = await annualReportXlsx(sampleReport(), sampleTexts);
    wb = await read(buffer);
    if (process.env.ANNUAL_REPORT_SAMPLE) writeFileSync('/tmp/annual-report-sample.xlsx', buffer);
  });

  test('is an XLSX with one sheet per section, then the checks of a draft', () => {
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一、总体情况', '二、主动公开', '三、依申请公开', '四、复议诉讼', '五、问题及改进', '六、其他事项', '数据校验提示']);
    for (const ws of wb.worksheets.slice(0, 6)) {
      expect(v(ws, 'A1')).toBe('五家渠市住房和城乡建设局政府信息公开工作年度报告（2025年）');
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToPage).toBe(true);
    }
    expect(v(sheet(wb, ANNUAL_REPORT_SHEETS.section3), 'A2')).toBe('三、收到和处理政府信息公开申请情况');
  });

  test('section 二 as the template, numbers as numbers', () => {
    const ws = sheet(wb, ANNUAL_REPORT_SHEETS.section2);
    expect(v(ws, 'A3')).toBe('第二十条第（一）项');
    expect([v(ws, 'A4'), v(ws, 'B4'), v(ws, 'C4'), v(ws, 'D4')]).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect([v(ws, 'A5'), v(ws, 'B5'), v(ws, 'C5'), v(ws, 'D5')]).toEqual(['规章', 11, 12, 13]);
    expect([v(ws, 'A6'), v(ws, 'B6'), v(ws, 'C6'), v(ws, 'D6')]).toEqual(['行政规范性文件', 21, 22, 23]);
    expect([v(ws, 'A7'), v(ws, 'B8'), v(ws, 'A9'), v(ws, 'B9')]).toEqual(['第二十条第（五）项', '本年处理决定数量', '行政许可', 31]);
    expect([v(ws, 'A10'), v(ws, 'A12'), v(ws, 'B12'), v(ws, 'A13'), v(ws, 'B13')]).toEqual(['第二十条第（六）项', '行政处罚', 41, '行政强制', 51]);
    expect([v(ws, 'A14'), v(ws, 'B15'), v(ws, 'A16'), v(ws, 'B16')]).toEqual(['第二十条第（八）项', '本年收费金额（单位：万元）', '行政事业性收费', 12.5]);
    expect(merges(ws)).toEqual(['A1:D1', 'A10:D10', 'A14:D14', 'A2:D2', 'A3:D3', 'A7:D7', 'B11:D11', 'B12:D12', 'B13:D13', 'B15:D15', 'B16:D16', 'B8:D8', 'B9:D9'].sort());
  });

  test('section 三: the header merged as in the template, frozen and printed on every page', () => {
    const ws = sheet(wb, ANNUAL_REPORT_SHEETS.section3);
    expect(v(ws, 'A3')).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([v(ws, 'D3'), v(ws, 'D4'), v(ws, 'E4'), v(ws, 'J4')]).toEqual(['申请人情况', '自然人', '法人或其他组织', '总计']);
    expect(['E5', 'F5', 'G5', 'H5', 'I5'].map((a) => v(ws, a))).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    const m = merges(ws);
    for (const range of ['A3:C5', 'D3:J3', 'D4:D5', 'E4:I4', 'J4:J5', 'A6:C6', 'A7:C7', 'A8:A29', 'B8:C8', 'B9:C9', 'B10:B17', 'B18:B20', 'B21:B25', 'B26:B28', 'B29:C29', 'A30:C30'])
      expect(m).toContain(range);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 5 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:5');
  });

  test('section 三: every number in its row and column', () => {
    const ws = sheet(wb, ANNUAL_REPORT_SHEETS.section3);
    section3BodyRows().forEach(({ key }, i) => {
      const values = SECTION3_COLUMNS.map((_c, c) => ws.getCell(6 + i, 4 + c).value);
      expect(values).toEqual(SECTION3_COLUMNS.map((_c, c) => cell3(key, c)));
    });
    expect([v(ws, 'A6'), v(ws, 'A7'), v(ws, 'A8'), v(ws, 'B8'), v(ws, 'B9')]).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    ]);
    expect([v(ws, 'B10'), v(ws, 'C10'), v(ws, 'C17'), v(ws, 'B18'), v(ws, 'C20')]).toEqual(['（三）不予公开', '1.属于国家秘密', '8.属于行政查询事项', '（四）无法提供', '3.补正后申请内容仍不明确']);
    expect([v(ws, 'B21'), v(ws, 'C25'), v(ws, 'B26'), v(ws, 'C28'), v(ws, 'B29'), v(ws, 'A30')]).toEqual([
      '（五）不予处理',
      '5.要求行政机关确认或重新出具已获取信息',
      '（六）其他处理',
      '3.其他',
      '（七）总计',
      '四、结转下年度继续办理',
    ]);
    expect(v(ws, 'D10')).toBe(cell3('withhold.state_secret', 0));
    expect(v(ws, 'J29')).toBe(cell3('total', 6));
    expect(v(ws, 'J30')).toBe(cell3('carriedOut', 6));
    expect(ws.rowCount).toBe(30);
  });

  test('section 四: the 15-column table', () => {
    const ws = sheet(wb, ANNUAL_REPORT_SHEETS.section4);
    expect([v(ws, 'A3'), v(ws, 'F3'), v(ws, 'F4'), v(ws, 'K4')]).toEqual(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']);
    expect(['A4', 'B4', 'C4', 'D4', 'E4'].map((a) => v(ws, a))).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(['F5', 'J5', 'K5', 'O5'].map((a) => v(ws, a))).toEqual(['结果维持', '总计', '结果维持', '总计']);
    expect(merges(ws)).toEqual(expect.arrayContaining(['A3:E3', 'F3:O3', 'A4:A5', 'E4:E5', 'F4:J4', 'K4:O4']));
    const row = Array.from({ length: 15 }, (_x, i) => ws.getCell(6, i + 1).value);
    expect(row).toEqual([61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 81, 82, 83, 84, 85]);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  test('text sections as paragraphs in plain text, with the 信息处理费 sentence in 六', () => {
    const s1 = sheet(wb, ANNUAL_REPORT_SHEETS.overview);
    expect(v(s1, 'A2')).toBe('一、总体情况');
    expect(v(s1, 'A3')).toBe('　　2025年，本局认真贯彻落实《条例》。');
    expect(v(s1, 'A4')).toBe('　　各项工作有序推进。');
    expect(v(s1, 'A5')).toBe('　　（一）主动公开');
    expect(v(s1, 'A6')).toBe('　　· 公开规章 11 件');
    expect(v(s1, 'A8')).toBe('　　第三段 <img src=x onerror=alert(1)>');
    const s6 = sheet(wb, ANNUAL_REPORT_SHEETS.otherMatters);
    expect([v(s6, 'A3'), v(s6, 'A4')]).toEqual(['　　无其他需要报告的事项。', '　　本年度收取信息处理费150.5元。']);
  });

  test('the checks sheet lists each violation with its explanation', () => {
    const ws = sheet(wb, ANNUAL_REPORT_SHEETS.violations);
    expect([v(ws, 'A3'), v(ws, 'B3'), v(ws, 'E3'), v(ws, 'F3')]).toEqual(['balance:natural_person', 'BALANCE_MISMATCH', 'YSQ-2025-AAAA、YSQ-2025-BBBB', '尚未说明 Unexplained']);
    expect(v(ws, 'F4')).toBe('上年报告由原系统生成（李四，2026-01-10T08:00:00.000Z）');
  });

  test('a frozen report has no checks sheet; missing figures stay empty cells', async () => {
    const frozen = await read(
      await annualReportXlsx(sampleReport({ frozen: true, section2: { ...sampleReport().section2, fees: { amountWanYuan: null } } }), { organizationName: '某局', feesCollectedYuan: 0 })
    );
    expect(frozen.worksheets.map((w) => w.name)).not.toContain('数据校验提示');
    expect(v(sheet(frozen, ANNUAL_REPORT_SHEETS.section2), 'B16')).toBeNull();
    expect(v(sheet(frozen, ANNUAL_REPORT_SHEETS.otherMatters), 'A3')).toBe('　　本年度未收取信息处理费。');
  });
});

describe('the 政府网站工作年度报表 workbook', () => {
  test('one sheet, each figure beside its label', async () => {
    const buffer = await websiteReportXlsx(sampleWebsite, { organizationName: '某局' });
    if (process.env.ANNUAL_REPORT_SAMPLE) writeFileSync('/tmp/website-report-sample.xlsx', buffer);
    const wb = await read(buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([WEBSITE_REPORT_SHEET]);
    const ws = sheet(wb, WEBSITE_REPORT_SHEET);
    expect(v(ws, 'A1')).toBe('某局政府网站工作年度报表（2025年）');
    const pairs: [unknown, unknown][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) pairs.push([row.getCell(1).value, row.getCell(2).value]);
    });
    expect(pairs).toEqual([
      ['信息发布', '信息发布'],
      ['信息发布总数（条）', 901],
      ['其中：政策文件', 902],
      ['其中：政策解读', 903],
      ['其中：其他主动公开信息', 904],
      ['按公开类别', '按公开类别'],
      ['政策文件（zcwj）', 905],
      ['政府信息公开年报 <b>（gknb）', 906],
      ['解读回应', '解读回应'],
      ['解读信息发布总数（条）', 907],
      ['依申请公开', '依申请公开'],
      ['本年收到申请数（件）', 908],
      ['本年办结数（件）', 909],
    ]);
  });
});
