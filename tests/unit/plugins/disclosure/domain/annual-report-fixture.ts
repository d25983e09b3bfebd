import { AnnualReportJson, SECTION3_COLUMNS, SECTION3_ROWS, Violation, WebsiteReportJson } from '../../../../../src/plugins/disclosure/server/src/domain/annual-report';

/** A distinct number in every cell of section 三: row r (SECTION3_ROWS order), column c → 100·(r+1) + c + 1. */
export const cell3 = (row: string, column: number): number => 100 * (SECTION3_ROWS.indexOf(row) + 1) + column + 1;

export const violation: Violation = {
  key: 'balance:natural_person',
  code: 'BALANCE_MISMATCH',
  message: '自然人一栏：本年新收加上年结转不等于办理结果总计加结转下年度 <script>alert(1)</script>',
  messageEn: 'Natural person: new + carried in ≠ total + carried out',
  involved: ['YSQ-2025-AAAA', 'YSQ-2025-BBBB'],
  explanation: null,
};

/** Every figure distinct, so a number found in a cell says which field it came from. */
export function sampleReport(overrides: Partial<AnnualReportJson> = {}): AnnualReportJson {
  const rows: Record<string, number[]> = {};
  for (const row of SECTION3_ROWS) rows[row] = SECTION3_COLUMNS.map((_c, i) => cell3(row, i));
  return {
    organization: 'org-doc-1',
    year: 2025,
    frozen: false,
    section2: {
      regulations: { issued: 11, repealed: 12, inForce: 13 },
      normativeDocuments: { issued: 21, repealed: 22, inForce: 23 },
      licensing: { decisions: 31 },
      penalties: { decisions: 41 },
      enforcement: { decisions: 51 },
      fees: { amountWanYuan: 12.5 },
    },
    section3: { columns: [...SECTION3_COLUMNS], rows },
    section4: {
      review: { upheld: 61, corrected: 62, other: 63, pending: 64, total: 65 },
      litigation_direct: { upheld: 71, corrected: 72, other: 73, pending: 74, total: 75 },
      litigation_after_review: { upheld: 81, corrected: 82, other: 83, pending: 84, total: 85 },
    },
    violations: [violation, { ...violation, key: 'carry_over:total', code: 'CARRY_OVER_MISMATCH', involved: [], explanation: { note: '上年报告由原系统生成', by: '李四', at: '2026-01-10T08:00:00.000Z' } }],
    ...overrides,
  };
}

export const sampleTexts = {
  organizationName: '五家渠市住房和城乡建设局',
  overview: '2025年，本局认真贯彻落实《条例》。\n各项工作有序推进。\n\n## （一）主动公开\n\n- 公开规章 **11** 件\n- 其他\n\n第三段 <img src=x onerror=alert(1)>',
  problems: '存在的问题：公开内容不够全面。',
  otherMatters: '无其他需要报告的事项。',
  feesCollectedYuan: 150.5,
};

export const sampleWebsite: WebsiteReportJson = {
  organization: 'org-doc-1',
  year: 2025,
  publishing: {
    total: 901,
    byType: { 'api::policy.policy': 902, 'api::interpretation.interpretation': 903, 'api::disclosure-item.disclosure-item': 904 },
    byCategory: [
      { code: 'zcwj', name: '政策文件', count: 905 },
      { code: 'gknb', name: '政府信息公开年报 <b>', count: 906 },
    ],
  },
  interpretations: { total: 907 },
  applications: { received: 908, concluded: 909 },
};
