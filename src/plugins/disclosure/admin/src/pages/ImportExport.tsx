import { Badge, Box, Button, Checkbox, Field, Flex, ProgressBar, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { CONSUMER_TYPES } from '../../../shared/vocabulary';
import { download, errorMessage } from '../api';
import { useAdminToken } from '../components/application-fields';
import { useT } from '../translations';

interface ReportLine {
  row: number;
  column: string;
  reason: string;
  code: string;
}

interface Summary {
  upload?: string;
  fileName?: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  report: ReportLine[];
}

interface Run {
  id: number;
  status: string;
  rows_done: number;
  rows_total: number | null;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  error: string | null;
  report: ReportLine[];
}

/** The governed types by the singular name the import and export routes take. */
const TYPES = Object.values(CONSUMER_TYPES).map((t) => ({ type: t.uid.split('.').pop()!, label: t.label }));
const STATUS: Record<string, string> = { running: '导入中', done: '已完成', failed: '已中断（可重新开始，从中断处继续）' };

function ReportTable({ lines }: { lines: ReportLine[] }) {
  if (lines.length === 0) return <Typography textColor="success600">没有发现错误。</Typography>;
  return (
    <Table colCount={3} rowCount={lines.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">行</Typography></Th>
          <Th><Typography variant="sigma">列</Typography></Th>
          <Th><Typography variant="sigma">原因</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {lines.map((line, i) => (
          <Tr key={`${line.row}-${line.column}-${i}`}>
            <Td><Typography>{line.row}</Typography></Td>
            <Td><Typography>{line.column}</Typography></Td>
            <Td><Typography>{line.reason}</Typography></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

const counts = (s: { created: number; updated: number; unchanged: number; refused: number }) => `新建 ${s.created}，更新 ${s.updated}，未变 ${s.unchanged}，有错误 ${s.refused}`;

/** 导入导出: a spreadsheet in (checked first, then imported as drafts with progress), a type out as XLSX or CSV. */
export default function ImportExport() {
  const { t } = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const token = useAdminToken();
  const [type, setType] = React.useState('policy');
  const [file, setFile] = React.useState<File | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [summary, setSummary] = React.useState<Summary | null>(null);
  const [release, setRelease] = React.useState(false);
  const [run, setRun] = React.useState<Run | null>(null);
  const [isSysadmin, setSysadmin] = React.useState(false);
  const notifyError = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  React.useEffect(() => {
    get('/disclosure/import/runs')
      .then((res: any) => setSysadmin(Boolean(res.data?.meta?.canRelease)))
      .catch(() => undefined);
  }, [get]);

  // Polls the run until it ends.
  React.useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(() => {
      get(`/disclosure/import/runs/${run.id}`)
        .then((res: any) => setRun(res.data.data))
        .catch(notifyError);
    }, 1000);
    return () => clearTimeout(timer);
  }, [run, get]);

  const check = async () => {
    if (!file) return;
    setChecking(true);
    setSummary(null);
    setRun(null);
    try {
      const form = new FormData();
      form.append('type', type);
      form.append('file', file, file.name);
      const res: any = await post('/disclosure/import/dry-run', form);
      setSummary(res.data.data);
    } catch (error) {
      notifyError(error);
    } finally {
      setChecking(false);
    }
  };

  const start = async () => {
    if (!summary?.upload) return;
    try {
      const res: any = await post('/disclosure/import/start', { upload: summary.upload, type, fileName: summary.fileName, ...(release ? { release: true } : {}) });
      setRun({ id: res.data.data.runId, status: 'running', rows_done: 0, rows_total: summary.rows, created: 0, updated: 0, unchanged: 0, refused: 0, error: null, report: [] });
    } catch (error) {
      notifyError(error);
    }
  };

  const label = TYPES.find((x) => x.type === type)?.label ?? type;
  const percent = run && run.rows_total ? Math.min(100, Math.round((run.rows_done / run.rows_total) * 100)) : run?.status === 'done' ? 100 : 0;

  return (
    <Page.Main>
      <Page.Title>{t('importExport.title')}</Page.Title>
      <Layouts.Header title={t('importExport.title')} subtitle="从 XLSX 或 CSV 文件批量导入政府信息（表头为目录字段的中文名称），或导出为表格" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box width="320px">
            <Field.Root name="type">
              <Field.Label>信息类型</Field.Label>
              <SingleSelect value={type} onChange={(value: string | number) => setType(String(value))}>
                {TYPES.map((x) => (
                  <SingleSelectOption key={x.type} value={x.type}>
                    {x.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>

          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">导入</Typography>
              <Typography textColor="neutral600">
                每行一条信息，按索引号（没有时按文号）识别：已导入且内容相同的行不会重复导入。导入的信息为草稿，须经审核后发布。先检查文件，确认没有错误后再开始导入。
              </Typography>
              <Flex gap={4} alignItems="flex-end">
                <Field.Root name="file">
                  <Field.Label>文件（.xlsx 或 .csv）</Field.Label>
                  <input
                    type="file"
                    aria-label="选择要导入的文件"
                    accept=".xlsx,.csv"
                    onChange={(event) => {
                      setFile(event.target.files?.[0] ?? null);
                      setSummary(null);
                      setRun(null);
                    }}
                  />
                </Field.Root>
                <Button startIcon={<Upload />} onClick={check} loading={checking} disabled={!file}>
                  检查文件
                </Button>
              </Flex>
              {summary && (
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Typography>
                    共 {summary.rows} 行：{counts(summary)}（检查结果，尚未导入）
                  </Typography>
                  <ReportTable lines={summary.report} />
                  {isSysadmin && (
                    <Checkbox name="release" checked={release} onCheckedChange={(value: boolean | 'indeterminate') => setRelease(value === true)}>
                      历史数据补录：以系统身份直接发布（审计记录中注明由您执行）
                    </Checkbox>
                  )}
                  <Box>
                    <Button onClick={start} disabled={Boolean(run && run.status === 'running')} variant={summary.refused > 0 ? 'secondary' : 'default'}>
                      {summary.refused > 0 ? '跳过有错误的行，开始导入' : '开始导入'}
                    </Button>
                  </Box>
                </Flex>
              )}
              {run && (
                <Flex direction="column" alignItems="stretch" gap={2} aria-live="polite">
                  <Flex gap={2}>
                    <Badge>{STATUS[run.status] ?? run.status}</Badge>
                    <Typography>
                      {run.rows_done}/{run.rows_total ?? '?'} 行：{counts(run)}
                    </Typography>
                  </Flex>
                  <Flex gap={2}>
                    <ProgressBar value={percent} aria-label="导入进度" />
                    <Typography>{percent}%</Typography>
                  </Flex>
                  {run.error && <Typography textColor="danger600">{run.error}</Typography>}
                  {run.status === 'done' && run.report.length > 0 && <ReportTable lines={run.report} />}
                </Flex>
              )}
            </Flex>
          </Box>

          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">导出</Typography>
              <Typography textColor="neutral600">导出您可以查看的“{label}”，表头为目录字段的中文名称，可修改后再导入。</Typography>
              <Flex gap={2}>
                {(['xlsx', 'csv'] as const).map((format) => (
                  <Button
                    key={format}
                    variant="secondary"
                    startIcon={<Download />}
                    onClick={() => download(token, `/disclosure/export/${type}?format=${format}`, `${label}.${format}`).catch(notifyError)}
                  >
                    导出 {format.toUpperCase()}
                  </Button>
                ))}
              </Flex>
            </Flex>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
