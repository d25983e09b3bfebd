import { writeFileSync } from 'fs';
import { SECTION3_COLUMNS, SECTION3_ROWS } from '../../../../../src/plugins/disclosure/server/src/domain/annual-report';
import { REPLY_OUTCOMES } from '../../../../../src/plugins/disclosure/server/src/domain/application-vocabulary';
import {
  feeSentence,
  markdownToHtml,
  renderAnnualReportHtml,
  renderWebsiteReportHtml,
  section3BodyRows,
} from '../../../../../src/plugins/disclosure/server/src/domain/annual-report-html';
import { cell3, sampleReport, sampleTexts, sampleWebsite, violation } from './annual-report-fixture';

/** The <tr> of section 三 whose numbers come from `key`. */
const rowHtml = (html: string, key: string) => {
  const match = new RegExp(`<tr data-row="${key.replace('.', '\\.')}">(.*?)</tr>`).exec(html);
  if (!match) throw new Error(`no row ${key}`);
  return match[1];
};
const numbers = (tr: string) => [...tr.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
const labels = (tr: string) => [...tr.matchAll(/<td class="label"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
const sectionHtml = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to));

describe('the annual report page', () => {
  const report = sampleReport();
  const html = renderAnnualReportHtml(report, sampleTexts);

  if (process.env.ANNUAL_REPORT_SAMPLE) {
    test('writes a sample for people to look at', () => {
      writeFileSync('/tmp/annual-report-sample.html', html);
      writeFileSync('/tmp/website-report-sample.html', renderWebsiteReportHtml(sampleWebsite, sampleTexts));
      expect(html.length).toBeGreaterThan(1000);
    });
  }

  test('is a complete zh-Hans page with its charset, A4 print rules and CJK fonts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain('"Noto Serif CJK SC"');
    expect(html).toContain('"SimSun"');
    expect(html).toMatch(/@media print \{[^\n]*\.no-print[^\n]*display: none/);
    expect(html).not.toMatch(/<(link|script|img)\b/);
  });

  test('has the title and the six sections in order', () => {
    expect(html).toContain('<title>五家渠市住房和城乡建设局政府信息公开工作年度报告（2025年）</title>');
    expect(html).toContain('<h1>五家渠市住房和城乡建设局政府信息公开工作年度报告（2025年）</h1>');
    const positions = [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ].map((h) => html.indexOf(`<h2>${h}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(renderAnnualReportHtml(report, { ...sampleTexts, title: '2025年度报告' })).toContain('<h1>2025年度报告</h1>');
  });

  test('section 二 has the template blocks with each number beside its label', () => {
    const s2 = sectionHtml(html, '<h2>二、', '<h2>三、');
    const items = [...s2.matchAll(/<th class="item" colspan="4">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(items).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    expect(s2).toContain('<th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th>');
    expect(s2).toContain('<th>信息内容</th><th colspan="3">本年处理决定数量</th>');
    expect(s2).toContain('<th>信息内容</th><th colspan="3">本年收费金额（单位：万元）</th>');
    const row = (label: string) => numbers(new RegExp(`<tr><td>${label}</td>(.*?)</tr>`).exec(s2)![1]);
    expect(row('规章')).toEqual(['11', '12', '13']);
    expect(row('行政规范性文件')).toEqual(['21', '22', '23']);
    expect(row('行政许可')).toEqual(['31']);
    expect(row('行政处罚')).toEqual(['41']);
    expect(row('行政强制')).toEqual(['51']);
    expect(row('行政事业性收费')).toEqual(['12.5']);
  });

  test('section 三 has the template header with its spans', () => {
    const s3 = sectionHtml(html, '<h2>三、', '<h2>四、');
    expect(s3).toMatch(/<th class="corner" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）<\/th><th colspan="7">申请人情况<\/th>/);
    expect(s3).toContain('<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>');
    expect(s3).toContain('<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>');
  });

  test('section 三 puts every number of the JSON in its row and column', () => {
    const printed = section3BodyRows().map((r) => r.key);
    // The template's rows: every row of the JSON but the group subtotals, which the invariants check instead.
    expect(printed).toEqual(SECTION3_ROWS.filter((r) => !r.endsWith('Total')));
    for (const key of printed) {
      const tr = rowHtml(html, key);
      expect(numbers(tr)).toEqual(SECTION3_COLUMNS.map((_c, i) => String(cell3(key, i))));
      SECTION3_COLUMNS.forEach((c, i) => expect(tr).toContain(`data-col="${c}">${cell3(key, i)}<`));
    }
    for (const key of ['withholdTotal', 'unableTotal', 'rejectTotal', 'otherTotal']) expect(html).not.toContain(`>${cell3(key, 0)}<`);
  });

  test('section 三 labels the rows as the template does, numbered within each group', () => {
    expect(labels(rowHtml(html, 'new'))).toEqual(['一、本年新收政府信息公开申请数量']);
    expect(rowHtml(html, 'new')).toContain('colspan="3"');
    expect(labels(rowHtml(html, 'carriedIn'))).toEqual(['二、上年结转政府信息公开申请数量']);
    expect(rowHtml(html, 'disclose')).toMatch(/^<td class="label" rowspan="22">三、本年度办理结果<\/td><td class="label" colspan="2">（一）予以公开<\/td>/);
    expect(labels(rowHtml(html, 'partial'))).toEqual(['（二）部分公开（区分处理的，只计这一情形，不计其他情形）']);
    expect(rowHtml(html, 'withhold.state_secret')).toContain('<td class="label" rowspan="8">（三）不予公开</td><td class="label">1.属于国家秘密</td>');
    expect(labels(rowHtml(html, 'withhold.administrative_inquiry'))).toEqual(['8.属于行政查询事项']);
    expect(labels(rowHtml(html, 'unable.not_held'))).toEqual(['（四）无法提供', '1.本机关不掌握相关政府信息']);
    expect(rowHtml(html, 'unable.not_held')).toContain('rowspan="3"');
    expect(labels(rowHtml(html, 'unable.unclear_after_correction'))).toEqual(['3.补正后申请内容仍不明确']);
    expect(labels(rowHtml(html, 'reject.petition'))).toEqual(['（五）不予处理', '1.信访举报投诉类申请']);
    expect(labels(rowHtml(html, 'reject.confirmation'))).toEqual(['5.要求行政机关确认或重新出具已获取信息']);
    expect(labels(rowHtml(html, 'other.no_correction'))[0]).toBe('（六）其他处理');
    expect(labels(rowHtml(html, 'other.other'))).toEqual(['3.其他']);
    expect(labels(rowHtml(html, 'total'))).toEqual(['（七）总计']);
    expect(labels(rowHtml(html, 'carriedOut'))).toEqual(['四、结转下年度继续办理']);
    // Every outcome has a row, in the vocabulary's order.
    const order = REPLY_OUTCOMES.map((o) => html.indexOf(`<tr data-row="${o}">`));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('section 三 follows the JSON column order, not its position', () => {
    const report2 = sampleReport();
    const columns = [...report2.section3.columns].reverse();
    const rows = Object.fromEntries(Object.entries(report2.section3.rows).map(([k, v]) => [k, [...v].reverse()]));
    const html2 = renderAnnualReportHtml({ ...report2, section3: { columns, rows } }, sampleTexts);
    expect(numbers(rowHtml(html2, 'new'))).toEqual(numbers(rowHtml(html, 'new')));
  });

  test('section 四 has the 15-column table: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉)', () => {
    const s4 = sectionHtml(html, '<h2>四、', '<h2>五、');
    expect(s4).toContain('<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>');
    expect(s4).toContain(
      '<tr><th rowspan="2">结果维持</th><th rowspan="2">结果纠正</th><th rowspan="2">其他结果</th><th rowspan="2">尚未审结</th><th rowspan="2">总计</th><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>'
    );
    expect(s4).toContain(`<tr>${'<th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th>'.repeat(2)}</tr>`);
    expect(numbers(s4)).toEqual(['61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '81', '82', '83', '84', '85']);
    expect(s4).toContain('data-cell="litigation_after_review.pending">84<');
  });

  test('the text sections keep their paragraphs and line breaks; Markdown never passes HTML through', () => {
    const s1 = sectionHtml(html, '<h2>一、', '<h2>二、');
    expect(s1).toContain('<p>2025年，本局认真贯彻落实《条例》。<br>各项工作有序推进。</p>');
    expect(s1).toContain('<p class="subhead">（一）主动公开</p>');
    expect(s1).toContain('<ul><li>公开规章 <strong>11</strong> 件</li><li>其他</li></ul>');
    expect(s1).toContain('<p>第三段 &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(sectionHtml(html, '<h2>五、', '<h2>六、')).toContain('<p>存在的问题：公开内容不够全面。</p>');
    expect(markdownToHtml('**<b onclick="x">**\r\n\r\n1. 第一\n2. 第二')).toBe('<p><strong>&lt;b onclick=&quot;x&quot;&gt;</strong></p>\n<p>1. 第一<br>2. 第二</p>');
    expect(markdownToHtml(null)).toBe('');
  });

  test('section 六 ends with the 信息处理费 sentence', () => {
    const s6 = html.slice(html.indexOf('<h2>六、'));
    expect(s6).toContain('<p>无其他需要报告的事项。</p>\n<p>本年度收取信息处理费150.5元。</p>');
    expect(renderAnnualReportHtml(report, { ...sampleTexts, feesCollectedYuan: 0 })).toContain('<p>本年度未收取信息处理费。</p>');
    expect(feeSentence(0.1 + 0.2)).toBe('本年度收取信息处理费0.3元。');
    expect(feeSentence(150)).toBe('本年度收取信息处理费150元。');
    expect(feeSentence(undefined)).toBeNull();
    expect(renderAnnualReportHtml(report, { ...sampleTexts, feesCollectedYuan: undefined })).not.toContain('信息处理费');
  });

  test('escapes every text it is given', () => {
    const hostile = '<script>alert("x")</script>';
    const page = renderAnnualReportHtml(report, { organizationName: hostile, overview: hostile, problems: hostile, otherMatters: hostile });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;政府信息公开工作年度报告（2025年）');
    expect(renderAnnualReportHtml(report, { organizationName: 'x', title: hostile })).not.toContain('<script>');
  });

  test('a draft shows its violations, with explanations, in a box that does not print', () => {
    const box = /<section class="no-print"[^>]*>([\s\S]*?)<\/section>/.exec(html)![1];
    expect(box).toContain('数据校验提示（2 项）');
    expect(box).toContain('<li data-key="balance:natural_person"><strong>BALANCE_MISMATCH</strong>');
    expect(box).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(box).toContain('YSQ-2025-AAAA、YSQ-2025-BBBB');
    expect(box).toContain('尚未说明');
    expect(box).toContain('已说明 Explained：上年报告由原系统生成（李四，2026-01-10T08:00:00.000Z）');
    expect(html.indexOf('class="no-print"')).toBeLessThan(html.indexOf('<h1>'));
    expect(html).not.toContain(violation.message);
  });

  test('a frozen report shows no draft box, no violations and no placeholders', () => {
    const frozen = renderAnnualReportHtml(
      sampleReport({ frozen: true, section2: { ...sampleReport().section2, fees: { amountWanYuan: null } } }),
      { organizationName: '某局' }
    );
    expect(frozen).not.toContain('class="no-print"');
    expect(frozen).not.toContain('BALANCE_MISMATCH');
    expect(frozen).not.toContain('待填写');
    expect(frozen).toContain('<p>无。</p>');
    const draft = renderAnnualReportHtml(sampleReport({ violations: [], section2: { ...sampleReport().section2, fees: { amountWanYuan: null } } }), { organizationName: '某局' });
    expect(draft).toContain('class="no-print"');
    expect(draft).not.toContain('数据校验提示（');
    expect(draft).toContain('待填写');
    expect(draft).toContain('（尚未填写）');
  });
});

describe('the 政府网站工作年度报表 page', () => {
  const html = renderWebsiteReportHtml(sampleWebsite, { organizationName: '某局' });

  test('has every figure beside its label', () => {
    expect(html).toContain('<h1>某局政府网站工作年度报表（2025年）</h1>');
    const pairs = [...html.matchAll(/<tr><td class="label">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(pairs).toEqual([
      ['信息发布总数（条）', '901'],
      ['其中：政策文件', '902'],
      ['其中：政策解读', '903'],
      ['其中：其他主动公开信息', '904'],
      ['政策文件（zcwj）', '905'],
      ['政府信息公开年报 &lt;b&gt;（gknb）', '906'],
      ['解读信息发布总数（条）', '907'],
      ['本年收到申请数（件）', '908'],
      ['本年办结数（件）', '909'],
    ]);
    expect(html).toContain('<meta charset="utf-8">');
  });
});
