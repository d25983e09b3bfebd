/**
 * The national template's tables (国办公开办函〔2021〕30号) for the admin: sections 二, 三 and 四 of an annual report,
 * and the labels of a cell (the 重新生成 diff names cells by them). The admin may import only the shared vocabulary and
 * the shared modules: the shape and the subtotal rows come from shared/annual-report.ts, the labels from the
 * application vocabulary (each group's outcomes, then its subtotal, as SECTION3_ROWS).
 */
import { Box, Typography } from '@strapi/design-system';
import * as React from 'react';
import { CONSUMER_TYPES } from '../../../shared/vocabulary';
import {
  APPLICANT_KIND_LABELS,
  APPLICANT_KINDS,
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_RESULT_LABELS,
  CASE_RESULTS,
  OUTCOME_GROUPS,
  REPLY_OUTCOME_LABELS,
  REPLY_OUTCOMES,
} from '../../../server/src/domain/application-vocabulary';
import { OUTCOME_SUBTOTALS, type AnnualReportJson, type WebsiteReportJson } from '../../../shared/annual-report';

export type { AnnualReportJson, Violation, WebsiteReportJson } from '../../../shared/annual-report';

const GROUPS = Object.keys(OUTCOME_SUBTOTALS) as (keyof typeof OUTCOME_SUBTOTALS)[];
const SUBTOTAL = OUTCOME_SUBTOTALS;

/** One line of section 三: its key, its label as in the template, and how it is indented or set off. */
interface Section3Line {
  row: string | null;
  label: string;
  level: 0 | 1 | 2;
  strong?: boolean;
}

export const SECTION3_LINES: Section3Line[] = [
  { row: 'new', label: '一、本年新收政府信息公开申请数量', level: 0, strong: true },
  { row: 'carriedIn', label: '二、上年结转政府信息公开申请数量', level: 0, strong: true },
  { row: null, label: '三、本年度办理结果', level: 0, strong: true },
  { row: 'disclose', label: OUTCOME_GROUPS.disclose[0], level: 1 },
  { row: 'partial', label: OUTCOME_GROUPS.partial[0], level: 1 },
  ...GROUPS.flatMap((group): Section3Line[] => [
    { row: null, label: OUTCOME_GROUPS[group][0], level: 1 },
    ...REPLY_OUTCOMES.filter((o) => o.startsWith(`${group}.`)).map((o, i): Section3Line => ({ row: o, label: `${i + 1}．${REPLY_OUTCOME_LABELS[o][0]}`, level: 2 })),
    { row: SUBTOTAL[group], label: '小计', level: 2, strong: true },
  ]),
  { row: 'total', label: '（七）总计', level: 1, strong: true },
  { row: 'carriedOut', label: '四、结转下年度继续办理', level: 0, strong: true },
];

const COLUMN_LABELS: Record<string, string> = { ...Object.fromEntries(APPLICANT_KINDS.map((k) => [k, APPLICANT_KIND_LABELS[k][0]])), total: '总计' };
const ROW_LABELS: Record<string, string> = Object.fromEntries(
  SECTION3_LINES.filter((l) => l.row).map((l) => {
    const group = GROUPS.find((g) => l.row === SUBTOTAL[g] || l.row!.startsWith(`${g}.`));
    const prefix = group ? `${OUTCOME_GROUPS[group][0]} ` : '';
    return [l.row!, `${prefix}${l.label}`];
  }),
);

const SECTION2_LABELS: Record<string, string> = {
  regulations: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amountWanYuan: '本年收费金额（万元）',
};

/** A diff path ('section3.rows.new[0]', 'section2.regulations.issued', 'section4.review.pending') as an editor reads it. */
export function cellLabel(path: string): string {
  const s3 = /^section3\.rows\.(.+)\[(\d+)\]$/.exec(path);
  if (s3) return `${ROW_LABELS[s3[1]] ?? s3[1]} · ${COLUMN_LABELS[APPLICANT_KINDS[Number(s3[2])] ?? 'total'] ?? s3[2]}`;
  const [section, a, b] = path.split('.');
  if (section === 'section2') return `二、${SECTION2_LABELS[a] ?? a} · ${SECTION2_LABELS[b] ?? b}`;
  if (section === 'section4') return `四、${(CASE_KIND_LABELS as Record<string, [string, string]>)[a]?.[0] ?? a} · ${b === 'total' ? '总计' : (CASE_RESULT_LABELS as Record<string, [string, string]>)[b]?.[0] ?? b}`;
  return path;
}

const cell: React.CSSProperties = { border: '1px solid #c0c0cf', padding: '6px 10px', textAlign: 'center', fontSize: 14 };
const head: React.CSSProperties = { ...cell, background: '#f0f0ff', fontWeight: 600 };
const left = (level = 0, strong = false): React.CSSProperties => ({ ...cell, textAlign: 'left', paddingLeft: 10 + level * 18, fontWeight: strong ? 600 : 400 });
const table: React.CSSProperties = { borderCollapse: 'collapse', width: '100%', background: '#fff' };

const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));

function Titled({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <Box tag="section" aria-labelledby={id} paddingBottom={6}>
      <Box paddingBottom={2}>
        <Typography variant="delta" tag="h2" id={id}>
          {title}
        </Typography>
      </Box>
      <div style={{ overflowX: 'auto' }}>{children}</div>
    </Box>
  );
}

/** 二、主动公开政府信息情况 */
export function Section2Table({ report }: { report: AnnualReportJson }) {
  const s = report.section2;
  const documents = (key: 'regulations' | 'normativeDocuments') => (
    <tr key={key} data-row={key}>
      <td style={left()}>{SECTION2_LABELS[key]}</td>
      <td style={cell}>{num(s[key].issued)}</td>
      <td style={cell}>{num(s[key].repealed)}</td>
      <td style={cell}>{num(s[key].inForce)}</td>
    </tr>
  );
  const decisions = (key: 'licensing' | 'penalties' | 'enforcement') => (
    <tr key={key} data-row={key}>
      <td style={left()}>{SECTION2_LABELS[key]}</td>
      <td style={cell} colSpan={3}>
        {num(s[key].decisions)}
      </td>
    </tr>
  );
  const band = (text: string, columns: string[]) => (
    <>
      <tr>
        <td style={head} colSpan={4}>
          {text}
        </td>
      </tr>
      <tr>
        <td style={head}>信息内容</td>
        {columns.map((c) => (
          <td key={c} style={head} colSpan={columns.length === 1 ? 3 : 1}>
            {c}
          </td>
        ))}
      </tr>
    </>
  );
  return (
    <Titled title="二、主动公开政府信息情况" id="section2-title">
      <table style={table} data-section="2">
        <tbody>
          {band('第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'])}
          {documents('regulations')}
          {documents('normativeDocuments')}
          {band('第二十条第（五）项', ['本年处理决定数量'])}
          {decisions('licensing')}
          {band('第二十条第（六）项', ['本年处理决定数量'])}
          {decisions('penalties')}
          {decisions('enforcement')}
          {band('第二十条第（八）项', ['本年收费金额（单位：万元）'])}
          <tr data-row="fees">
            <td style={left()}>{SECTION2_LABELS.fees}</td>
            <td style={cell} colSpan={3}>
              {s.fees.amountWanYuan === null ? <span style={{ color: '#b72b1a' }}>未填写</span> : String(s.fees.amountWanYuan)}
            </td>
          </tr>
        </tbody>
      </table>
    </Titled>
  );
}

/** 三、收到和处理政府信息公开申请情况 */
export function Section3Table({ report }: { report: AnnualReportJson }) {
  const rows = report.section3.rows;
  const organizationKinds = APPLICANT_KINDS.slice(1);
  return (
    <Titled title="三、收到和处理政府信息公开申请情况" id="section3-title">
      <table style={table} data-section="3">
        <thead>
          <tr>
            <th style={head} rowSpan={3} colSpan={1}>
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th style={head} colSpan={7}>
              申请人情况
            </th>
          </tr>
          <tr>
            <th style={head} rowSpan={2}>
              {COLUMN_LABELS.natural_person}
            </th>
            <th style={head} colSpan={5}>
              法人或其他组织
            </th>
            <th style={head} rowSpan={2}>
              总计
            </th>
          </tr>
          <tr>
            {organizationKinds.map((k) => (
              <th key={k} style={head}>
                {COLUMN_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SECTION3_LINES.map((line, i) => (
            <tr key={`${line.row ?? 'group'}-${i}`} data-row={line.row ?? undefined}>
              <td style={left(line.level, line.strong)}>{line.label}</td>
              {line.row
                ? (rows[line.row] ?? []).map((n, c) => (
                    <td key={c} style={{ ...cell, fontWeight: line.strong || c === 6 ? 600 : 400 }} data-column={report.section3.columns[c]}>
                      {num(n)}
                    </td>
                  ))
                : Array.from({ length: 7 }, (_, c) => <td key={c} style={{ ...cell, background: '#fafafa' }} />)}
            </tr>
          ))}
        </tbody>
      </table>
    </Titled>
  );
}

/** 四、政府信息公开行政复议、行政诉讼情况 */
export function Section4Table({ report }: { report: AnnualReportJson }) {
  const results = [...CASE_RESULTS, 'total'] as const;
  const resultLabel = (r: string) => (r === 'total' ? '总计' : (CASE_RESULT_LABELS as Record<string, [string, string]>)[r][0]);
  return (
    <Titled title="四、政府信息公开行政复议、行政诉讼情况" id="section4-title">
      <table style={table} data-section="4">
        <thead>
          <tr>
            <th style={head} colSpan={5} rowSpan={2}>
              行政复议
            </th>
            <th style={head} colSpan={10}>
              行政诉讼
            </th>
          </tr>
          <tr>
            <th style={head} colSpan={5}>
              未经复议直接起诉
            </th>
            <th style={head} colSpan={5}>
              复议后起诉
            </th>
          </tr>
          <tr>
            {CASE_KINDS.flatMap((kind) =>
              results.map((r) => (
                <th key={`${kind}-${r}`} style={head}>
                  {resultLabel(r)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            {CASE_KINDS.flatMap((kind) =>
              results.map((r) => (
                <td key={`${kind}-${r}`} style={{ ...cell, fontWeight: r === 'total' ? 600 : 400 }} data-cell={`${kind}.${r}`}>
                  {num(report.section4[kind]?.[r])}
                </td>
              )),
            )}
          </tr>
        </tbody>
      </table>
    </Titled>
  );
}

const TYPE_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(CONSUMER_TYPES).flatMap(([segment, t]) => [
    [segment, t.label],
    [t.uid, t.label],
    [t.uid.split('.').pop()!, t.label],
  ]),
);

/** 政府网站年度报表: the figures the content gives. */
export function WebsiteTable({ website }: { website: WebsiteReportJson }) {
  const rows: [string, number][] = [
    ['信息发布总数（条）', website.publishing.total],
    ...Object.entries(website.publishing.byType).map(([type, n]): [string, number] => [`　其中：${TYPE_LABELS[type] ?? (type === 'annual-reports' || type.includes('annual-report') ? '政府信息公开年报' : type)}`, n]),
    ...website.publishing.byCategory.map((c): [string, number] => [`　按目录分类：${c.name}`, c.count]),
    ['解读回应：政策解读（条）', website.interpretations.total],
    ['依申请公开：本年收到申请（件）', website.applications.received],
    ['依申请公开：本年办结申请（件）', website.applications.concluded],
  ];
  return (
    <table style={table} data-section="website">
      <thead>
        <tr>
          <th style={head}>指标</th>
          <th style={head}>{website.year} 年</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n], i) => (
          <tr key={i}>
            <td style={left()}>{label}</td>
            <td style={cell}>{num(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
