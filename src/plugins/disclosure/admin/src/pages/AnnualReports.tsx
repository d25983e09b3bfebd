import { Badge, Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PLUGIN_ID } from '../../../shared/vocabulary';
import { download, errorMessage } from '../api';
import { useAdminToken } from '../components/application-fields';
import { formatWhen, useT } from '../translations';
import { type AnnualReportJson, cellLabel, Section2Table, Section3Table, Section4Table, type Violation, type WebsiteReportJson, WebsiteTable } from './AnnualReportsTables';

export const ANNUAL_REPORTS_PATH = `/plugins/${PLUGIN_ID}-annual-reports`;
const ANNUAL_REPORT_UID = 'api::annual-report.annual-report';
const SCOPE_LABELS: Record<string, string> = { subtree: '本机关及下级机构', alone: '仅本机关' };
const STATE_LABELS: Record<string, string> = { draft: '草稿', in_review: '待审核', approved: '待发布', released: '已发布', withdrawn: '已撤回' };

interface ReportSummary {
  documentId: string;
  organization: { documentId: string; name: string; kind?: string } | null;
  year: number;
  scope: string;
  title: string | null;
  state?: string;
  stateLabel?: string;
  workflowState?: string;
  released: boolean;
  dueDate: string | null;
  figuresGeneratedAt: string | null;
  violations: number;
  unexplained: number;
}

/** 年度报告: the member's reports, a live preview by organization and year, and a report's page (:documentId). */
export default function AnnualReports() {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path="preview" element={<ReportPage />} />
      <Route path=":documentId" element={<ReportPage />} />
    </Routes>
  );
}

const stateOf = (r: ReportSummary) => r.stateLabel ?? STATE_LABELS[r.state ?? r.workflowState ?? (r.released ? 'released' : 'draft')] ?? r.state ?? '';
const contentManagerPath = (documentId: string) => `/content-manager/collection-types/${ANNUAL_REPORT_UID}/${documentId}`;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

function useReports() {
  const { get } = useFetchClient();
  const [rows, setRows] = React.useState<ReportSummary[] | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  React.useEffect(() => {
    get('/disclosure/annual-reports')
      .then((res: any) => setRows(res.data.data))
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get]);
  return { rows, failure };
}

function ReportList() {
  const { rows, failure } = useReports();
  return (
    <Page.Main>
      <Page.Title>年度报告</Page.Title>
      <Layouts.Header title="政府信息公开工作年度报告" subtitle="按《政府信息公开条例》第四十九条、第五十条和国家统一格式，根据已有数据生成、核对、审核和发布" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <PreviewForm organizations={rows?.map((r) => r.organization).filter(Boolean) as ReportSummary['organization'][]} />
          {failure && <Typography textColor="danger600">无法加载年度报告：{failure}</Typography>}
          {!failure && rows === null && <Typography>正在加载…</Typography>}
          {rows !== null && rows.length === 0 && (
            <Box padding={8} background="neutral0" hasRadius>
              <Typography>还没有年度报告。请在内容管理中新建“政府信息公开工作年度报告”，或先在上方预览统计数据。</Typography>
            </Box>
          )}
          {rows !== null && rows.length > 0 && (
            <Table colCount={7} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {['机关', '报告年度', '统计范围', '状态', '报送期限', '核对问题', ''].map((h) => (
                    <Th key={h}>
                      <Typography variant="sigma">{h}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => {
                  const late = !row.released && row.dueDate && row.dueDate < today();
                  return (
                    <Tr key={row.documentId} data-report={row.documentId}>
                      <Td>
                        <Link tag={NavLink} to={`${ANNUAL_REPORTS_PATH}/${row.documentId}`}>
                          {row.organization?.name ?? row.title ?? row.documentId}
                        </Link>
                      </Td>
                      <Td>
                        <Typography>{row.year} 年</Typography>
                      </Td>
                      <Td>
                        <Typography>{SCOPE_LABELS[row.scope] ?? row.scope}</Typography>
                      </Td>
                      <Td>
                        <Badge active={row.released}>{stateOf(row)}</Badge>
                      </Td>
                      <Td>
                        <Typography textColor={late ? 'danger700' : undefined} fontWeight={late ? 'bold' : undefined}>
                          {row.dueDate ?? '—'}
                          {late ? '（已逾期）' : ''}
                        </Typography>
                      </Td>
                      <Td>
                        {row.violations === 0 ? (
                          <Typography textColor="success700">无</Typography>
                        ) : (
                          <Typography textColor={row.unexplained ? 'danger700' : 'neutral800'}>
                            {row.violations} 项{row.unexplained ? `，${row.unexplained} 项未说明` : '，均已说明'}
                          </Typography>
                        )}
                        {!row.figuresGeneratedAt && (
                          <Typography variant="pi" textColor="neutral600" tag="div">
                            尚未生成统计数据
                          </Typography>
                        )}
                      </Td>
                      <Td>
                        <Link tag={NavLink} to={contentManagerPath(row.documentId)}>
                          编辑报告正文
                        </Link>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** 预览: any organization the member may see, any past year, either scope, computed live (nothing is saved). */
function PreviewForm({ organizations }: { organizations: ReportSummary['organization'][] | undefined }) {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const [options, setOptions] = React.useState<{ documentId: string; name: string }[]>([]);
  const [organization, setOrganization] = React.useState('');
  const [year, setYear] = React.useState(String(new Date().getFullYear() - 1));
  const [scope, setScope] = React.useState('subtree');

  React.useEffect(() => {
    // The member's own organization first, then every organization (the server answers 403 outside the member's scope).
    Promise.all([get('/disclosure/me').then((r: any) => r.data.data.organization).catch(() => null), get('/api/disclosure/applications/form').then((r: any) => r.data.data.organizations ?? r.data.organizations ?? []).catch(() => [])]).then(
      ([mine, all]: [any, { documentId: string; name: string }[]]) => {
        const list = [...(mine ? [mine] : []), ...(organizations ?? []).filter(Boolean), ...all] as { documentId: string; name: string }[];
        const unique = list.filter((o, i) => list.findIndex((p) => p.documentId === o.documentId) === i);
        setOptions(unique);
        setOrganization((current) => current || unique[0]?.documentId || '');
      },
    );
  }, [get, organizations]);

  return (
    <Box padding={5} background="neutral0" hasRadius shadow="tableShadow" tag="section" aria-label="预览统计数据">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`${ANNUAL_REPORTS_PATH}/preview?${new URLSearchParams({ organization, year, scope })}`);
        }}
      >
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Box width="280px">
            <Field.Root name="organization">
              <Field.Label>机关</Field.Label>
              <SingleSelect aria-label="机关" value={organization} onChange={(v: string | number) => setOrganization(String(v))}>
                {options.map((o) => (
                  <SingleSelectOption key={o.documentId} value={o.documentId}>
                    {o.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box width="140px">
            <Field.Root name="year">
              <Field.Label>报告年度</Field.Label>
              <TextInput aria-label="报告年度" type="number" value={year} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setYear(e.target.value)} />
            </Field.Root>
          </Box>
          <Box width="200px">
            <Field.Root name="scope">
              <Field.Label>统计范围</Field.Label>
              <SingleSelect aria-label="统计范围" value={scope} onChange={(v: string | number) => setScope(String(v))}>
                {Object.entries(SCOPE_LABELS).map(([value, label]) => (
                  <SingleSelectOption key={value} value={value}>
                    {label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Button type="submit" disabled={!organization || !year}>
            预览
          </Button>
        </Flex>
      </form>
    </Box>
  );
}

/** The figures in an answer, whether bare (as the JSON export) or wrapped in { data } or { data: { report } }. */
function unwrap<T>(body: any, key: 'section3' | 'publishing'): T {
  for (const candidate of [body, body?.data, body?.data?.report, body?.report]) if (candidate && typeof candidate === 'object' && key in candidate) return candidate as T;
  throw new Error('服务器返回的数据格式无法识别');
}

interface DiffLine {
  path: string;
  before: number | null;
  after: number | null;
}

/** One report: an entry's (:documentId) or a preview (?organization&year&scope). */
function ReportPage() {
  const { documentId } = useParams<{ documentId?: string }>();
  const [params] = useSearchParams();
  const { get, post } = useFetchClient();
  const token = useAdminToken();
  const { toggleNotification } = useNotification();
  const { locale } = useT();
  const { rows } = useReports();
  const entry = documentId ? rows?.find((r) => r.documentId === documentId) ?? null : null;
  const organization = entry?.organization?.documentId ?? params.get('organization') ?? '';
  const year = entry ? String(entry.year) : params.get('year') ?? '';
  const scope = entry?.scope ?? params.get('scope') ?? 'subtree';
  const [report, setReport] = React.useState<AnnualReportJson | null>(null);
  const [website, setWebsite] = React.useState<WebsiteReportJson | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [diff, setDiff] = React.useState<DiffLine[] | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [reload, setReload] = React.useState(0);
  // Notes recorded on this page: shown at once even where the live figures do not carry them yet.
  const [notes, setNotes] = React.useState<Record<string, Violation['explanation']>>({});
  const ready = Boolean(organization && year);
  const base = `/disclosure/annual-reports/${encodeURIComponent(organization)}/${encodeURIComponent(year)}`;

  React.useEffect(() => {
    if (!ready) return;
    setFailure(null);
    get(`${base}?format=json&scope=${scope}`)
      .then((res: any) => setReport(unwrap<AnnualReportJson>(res.data, 'section3')))
      .catch((error: unknown) => setFailure(errorMessage(error)));
    get(`${base}/website?format=json&scope=${scope}`)
      .then((res: any) => setWebsite(unwrap<WebsiteReportJson>(res.data, 'publishing')))
      .catch(() => setWebsite(null));
  }, [get, base, scope, ready, reload]);

  const notifyError = (error: unknown) => toggleNotification({ type: 'danger', message: error instanceof Error && !(error as any).response ? error.message : errorMessage(error) });
  const save = (format: string, website = false) => {
    const name = `${entry?.organization?.name ?? organization}-${year}年${website ? '政府网站年度报表' : '政府信息公开工作年度报告'}.${format}`;
    download(token, `${base}${website ? '/website' : ''}?format=${format}&scope=${scope}`, name).catch(notifyError);
  };
  const regenerate = async () => {
    if (!documentId) return;
    setBusy(true);
    try {
      const res: any = await post(`/disclosure/annual-reports/${documentId}/generate`, {});
      const data = res.data.data;
      setDiff(data.diff ?? []);
      setReport(data.report);
      toggleNotification({ type: 'success', message: '已重新生成统计数据' });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const title = entry ? `${entry.organization?.name ?? ''} ${entry.year} 年度报告` : ready ? `${year} 年度报告预览` : '年度报告';
  const back = (
    <Link tag={NavLink} to={ANNUAL_REPORTS_PATH} startIcon={<ArrowLeft />}>
      返回年度报告列表
    </Link>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={title}
        subtitle={
          entry
            ? `统计范围：${SCOPE_LABELS[entry.scope] ?? entry.scope}　报送期限：${entry.dueDate ?? '—'}　统计数据生成于：${formatWhen(entry.figuresGeneratedAt, locale)}`
            : `统计范围：${SCOPE_LABELS[scope] ?? scope}（实时统计，未保存）`
        }
        secondaryAction={entry ? <Badge active={entry.released}>{stateOf(entry)}</Badge> : report?.frozen ? <Badge active>已发布（数据已固定）</Badge> : undefined}
        primaryAction={
          entry && !entry.released ? (
            <Button onClick={regenerate} loading={busy}>
              重新生成
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {documentId && rows !== null && !entry && <Typography textColor="danger600">找不到该年度报告，或您无权查看。</Typography>}
          {failure && <Typography textColor="danger600">无法生成统计数据：{failure}</Typography>}
          {!failure && ready && !report && <Typography>正在统计…</Typography>}
          {report && (
            <>
              <Flex gap={2} wrap="wrap" tag="nav" aria-label="导出">
                <Typography fontWeight="bold">导出：</Typography>
                {(['html', 'xlsx', 'json'] as const).map((f) => (
                  <Button key={f} variant="secondary" startIcon={<Download />} onClick={() => save(f)}>
                    {f === 'html' ? '打印版（HTML）' : f === 'xlsx' ? '表格（XLSX）' : '数据（JSON）'}
                  </Button>
                ))}
                {entry && (
                  <Link tag={NavLink} to={contentManagerPath(entry.documentId)}>
                    编辑报告正文（总体情况、存在的问题、其他事项、收费金额）
                  </Link>
                )}
              </Flex>
              {diff && <DiffPanel diff={diff} />}
              <Violations
                report={{ ...report, violations: report.violations.map((v) => ({ ...v, explanation: v.explanation ?? notes[v.key] ?? null })) }}
                documentId={documentId ?? null}
                onExplained={(key, explanation) => {
                  setNotes((current) => ({ ...current, [key]: explanation }));
                  setReload((n) => n + 1);
                }} released={Boolean(entry?.released || report.frozen)} />
              <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
                <Section2Table report={report} />
                <Section3Table report={report} />
                <Section4Table report={report} />
              </Box>
            </>
          )}
          {website && (
            <Box padding={6} background="neutral0" hasRadius shadow="tableShadow" tag="section" aria-labelledby="website-title">
              <Flex justifyContent="space-between" paddingBottom={3} wrap="wrap" gap={2}>
                <Typography variant="delta" tag="h2" id="website-title">
                  政府网站年度报表（{website.year} 年）
                </Typography>
                <Flex gap={2}>
                  <Button variant="tertiary" startIcon={<Download />} onClick={() => save('html', true)}>
                    HTML
                  </Button>
                  <Button variant="tertiary" startIcon={<Download />} onClick={() => save('xlsx', true)}>
                    XLSX
                  </Button>
                </Flex>
              </Flex>
              <WebsiteTable website={website} />
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** 重新生成: the cells that changed since the last version. */
function DiffPanel({ diff }: { diff: DiffLine[] }) {
  return (
    <Box padding={5} background={diff.length ? 'warning100' : 'success100'} hasRadius tag="section" aria-label="与上一版本的差异">
      <Typography fontWeight="bold" tag="p">
        {diff.length ? `与上一版本相比，有 ${diff.length} 处数据发生变化：` : '与上一版本相比，数据没有变化。'}
      </Typography>
      {diff.length > 0 && (
        <Box tag="ul" paddingTop={2} paddingLeft={4} style={{ listStyle: 'disc' }}>
          {diff.map((d) => (
            <li key={d.path} data-path={d.path}>
              <Typography>
                {cellLabel(d.path)}：{d.before ?? '—'} → <strong>{d.after ?? '—'}</strong>
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** 核对结果: each violation with the applications or documents involved and its 说明 (required before release). */
function Violations({ report, documentId, onExplained, released }: { report: AnnualReportJson; documentId: string | null; onExplained: (key: string, explanation: NonNullable<Violation['explanation']>) => void; released: boolean }) {
  if (report.violations.length === 0) {
    return (
      <Box padding={4} background="success100" hasRadius tag="section" aria-label="核对结果">
        <Typography textColor="success700">核对通过：各项总计等于分项之和，每列“一＋二＝三（七）＋四”，上年结转与上年度报告一致。</Typography>
      </Box>
    );
  }
  return (
    <Box padding={5} background="danger100" hasRadius tag="section" aria-label="核对结果">
      <Typography fontWeight="bold" textColor="danger700" tag="p">
        核对发现 {report.violations.length} 项问题。每一项须更正数据后重新生成，或者记录说明，否则不能发布。
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3}>
        {report.violations.map((v) => (
          <ViolationItem key={v.key} violation={v} documentId={documentId} onExplained={onExplained} released={released} />
        ))}
      </Flex>
    </Box>
  );
}

function ViolationItem({ violation, documentId, onExplained, released }: { violation: Violation; documentId: string | null; onExplained: (key: string, explanation: NonNullable<Violation['explanation']>) => void; released: boolean }) {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { locale } = useT();
  const [note, setNote] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const explain = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res: any = await post(`/disclosure/annual-reports/${documentId}/explanations`, { key: violation.key, note: note.trim() });
      const data = res?.data?.data;
      const recorded = data?.explanation ?? data?.violationNotes?.[violation.key] ?? data?.[violation.key] ?? { note: note.trim(), by: '', at: new Date().toISOString() };
      toggleNotification({ type: 'success', message: '说明已记录' });
      setNote('');
      onExplained(violation.key, recorded);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box padding={4} background="neutral0" hasRadius data-violation={violation.key}>
      <Flex gap={2} alignItems="center">
        <Badge>{violation.code}</Badge>
        <Typography fontWeight="bold">{violation.message}</Typography>
      </Flex>
      {violation.involved.length > 0 && (
        <Typography variant="pi" textColor="neutral700" tag="p">
          涉及：{violation.involved.join('、')}
        </Typography>
      )}
      {violation.explanation ? (
        <Box paddingTop={2}>
          <Typography textColor="success700" tag="p">
            已说明：{violation.explanation.note}（{[violation.explanation.by, formatWhen(violation.explanation.at, locale)].filter(Boolean).join('，')}）
          </Typography>
        </Box>
      ) : documentId && !released ? (
        <form onSubmit={explain} aria-label={`说明 ${violation.key}`}>
          <Flex gap={2} alignItems="flex-end" paddingTop={2}>
            <Box flex="1">
              <Field.Root name={`note-${violation.key}`} error={error ?? undefined}>
                <Field.Label>说明</Field.Label>
                <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} placeholder="为什么这组数字仍然成立。说明记入审计日志，并随发布的报告公开（不写记录人），请勿填写个人信息" />
                <Field.Error />
              </Field.Root>
            </Box>
            <Button type="submit" variant="secondary" loading={busy} disabled={!note.trim()}>
              记录说明
            </Button>
          </Flex>
        </form>
      ) : (
        <Typography variant="pi" textColor="danger700" tag="p">
          未说明{documentId ? '' : '（预览中不能记录说明：请在年度报告中说明）'}
        </Typography>
      )}
    </Box>
  );
}
