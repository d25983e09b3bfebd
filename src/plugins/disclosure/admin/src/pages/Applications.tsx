import { Badge, Box, Button, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink, Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { APPLICATIONS_PATH, applicationPath, type ApplicationSummary, clockText, STATE_OPTIONS } from '../applications';
import ApplicationDetail from './ApplicationDetail';
import ApplicationIntake from './ApplicationIntake';

/** 依申请公开: the list, the staff intake form (new) and an application's page (:documentId). */
export default function Applications() {
  return (
    <Routes>
      <Route index element={<ApplicationList />} />
      <Route path="new" element={<ApplicationIntake />} />
      <Route path=":documentId" element={<ApplicationDetail />} />
    </Routes>
  );
}

const ALL = 'all';
const PAGE_SIZE = 20;

/** Row colours: the same warning and danger tints the 公开时限 page uses. */
const ROW_BACKGROUND: Record<string, string | undefined> = { overdue: 'danger100', at_risk: 'warning100' };

function ApplicationList() {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? ALL;
  const due = params.get('due') ?? ALL;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [query, setQuery] = React.useState(q);
  const [rows, setRows] = React.useState<ApplicationSummary[] | null>(null);
  const [total, setTotal] = React.useState(0);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [suggestions, setSuggestions] = React.useState<Suggestion[]>([]);

  React.useEffect(() => {
    get('/disclosure/applications/suggestions')
      .then((res: any) => setSuggestions(res.data.data))
      .catch(() => setSuggestions([]));
  }, [get]);

  React.useEffect(() => {
    setRows(null);
    setFailure(null);
    const search = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (state !== ALL) search.set('state', state);
    if (due !== ALL) search.set('due', due);
    if (q) search.set('q', q);
    get(`/disclosure/applications?${search}`)
      .then((res: any) => {
        setRows(res.data.data);
        setTotal(res.data.meta?.pagination?.total ?? res.data.data.length);
      })
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get, state, due, q, page]);

  const setFilter = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    next.delete('page');
    setParams(next);
  };
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Page.Main>
      <Page.Title>依申请公开</Page.Title>
      <Layouts.Header
        title="依申请公开"
        subtitle="政府信息公开申请的登记、办理和答复（《政府信息公开条例》第四章）"
        primaryAction={
          <Button startIcon={<Plus />} onClick={() => navigate(`${APPLICATIONS_PATH}/new`)}>
            登记申请
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} wrap="wrap" alignItems="flex-end">
            <Box width="220px">
              <SingleSelect aria-label="办理状态" value={state} onChange={(value: string | number) => setFilter('state', String(value), ALL)}>
                <SingleSelectOption value={ALL}>全部状态</SingleSelectOption>
                {STATE_OPTIONS.map((option) => (
                  <SingleSelectOption key={option.value} value={option.value}>
                    {option.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box width="220px">
              <SingleSelect aria-label="答复期限" value={due} onChange={(value: string | number) => setFilter('due', String(value), ALL)}>
                <SingleSelectOption value={ALL}>全部期限</SingleSelectOption>
                <SingleSelectOption value="at_risk">即将到期</SingleSelectOption>
                <SingleSelectOption value="overdue">已超期</SingleSelectOption>
              </SingleSelect>
            </Box>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                setFilter('q', query.trim(), '');
              }}
            >
              <Flex gap={2}>
                <Box width="280px">
                  <TextInput aria-label="按申请编号或所需信息查找" placeholder="申请编号或所需信息" value={query} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)} />
                </Box>
                <Button type="submit" variant="secondary">
                  查找
                </Button>
              </Flex>
            </form>
          </Flex>
          {suggestions.length > 0 && <Suggestions suggestions={suggestions} />}
          {failure && <Typography textColor="danger600">无法加载申请列表：{failure}</Typography>}
          {!failure && rows === null && <Typography>正在加载…</Typography>}
          {rows !== null && rows.length === 0 && (
            <Box padding={8} background="neutral0" hasRadius>
              <Typography>没有符合条件的申请。</Typography>
            </Box>
          )}
          {rows !== null && rows.length > 0 && (
            <>
              <Table colCount={8} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    {['申请编号', '申请人', '所需信息', '受理机关', '状态', '收到日期', '答复期限', '承办人'].map((h) => (
                      <Th key={h}>
                        <Typography variant="sigma">{h}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.documentId} data-application={row.trackingCode} data-deadline={row.deadlineStatus ?? ''}>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Link tag={NavLink} to={applicationPath(row.documentId)}>
                          {row.trackingCode}
                        </Link>
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Typography>{row.applicantName ?? '（已清除）'}</Typography>
                        <Typography variant="pi" textColor="neutral600" tag="div">
                          {row.applicantKindLabel}·{row.channelLabel}
                        </Typography>
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Box maxWidth="320px">
                          <Typography ellipsis title={row.requestedTitle ?? ''}>
                            {row.requestedTitle}
                          </Typography>
                        </Box>
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Typography>{row.receivingOrganization?.name}</Typography>
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Typography>{row.stateLabel}</Typography>
                        {row.outcomeLabel && (
                          <Typography variant="pi" textColor="neutral600" tag="div">
                            {row.outcomeLabel}
                          </Typography>
                        )}
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Typography>{row.receivedOn ?? '待确认'}</Typography>
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <DueCell row={row} />
                      </Td>
                      <Td background={ROW_BACKGROUND[row.deadlineStatus ?? '']}>
                        <Typography>{row.handler?.name ?? '未指派'}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Flex justifyContent="space-between">
                <Typography variant="pi" textColor="neutral600">
                  共 {total} 件，第 {page} / {pageCount} 页
                </Typography>
                <Flex gap={2}>
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setFilter('page', String(page - 1), '1')}>
                    上一页
                  </Button>
                  <Button variant="tertiary" disabled={page >= pageCount} onClick={() => setFilter('page', String(page + 1), '1')}>
                    下一页
                  </Button>
                </Flex>
              </Flex>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

interface Suggestion {
  key: string;
  count: number;
  entry: { uid: string; documentId: string; title: string | null } | null;
  sampleTitle: string;
  applications: { documentId: string; trackingCode: string }[];
}

/** 条例 第四十四条: information many applicants ask for should be considered for 主动公开. */
function Suggestions({ suggestions }: { suggestions: Suggestion[] }) {
  return (
    <Box padding={4} background="primary100" borderColor="primary200" hasRadius tag="section" aria-label="建议主动公开">
      <Typography fontWeight="bold" textColor="primary700" tag="p">
        以下政府信息被多件申请要求公开，可以考虑纳入主动公开范围（《政府信息公开条例》第四十四条）：
      </Typography>
      <Box tag="ul" paddingTop={2} paddingLeft={4} style={{ listStyle: 'disc' }}>
        {suggestions.map((s) => (
          <li key={s.key}>
            <Typography>
              {s.entry ? (
                <Link tag={NavLink} to={`/content-manager/collection-types/${s.entry.uid}/${s.entry.documentId}`}>
                  {s.entry.title ?? s.sampleTitle}
                </Link>
              ) : (
                `“${s.sampleTitle}”`
              )}
              （{s.count} 件：
            </Typography>
            {s.applications.map((a, i) => (
              <React.Fragment key={a.documentId}>
                {i > 0 && <Typography>、</Typography>}
                <Link tag={NavLink} to={applicationPath(a.documentId)}>
                  {a.trackingCode}
                </Link>
              </React.Fragment>
            ))}
            <Typography>）</Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** 答复期限 with what is left (or how late), 暂定 when the calendar of a year ahead is not entered yet. */
function DueCell({ row }: { row: ApplicationSummary }) {
  if (row.repliedOn) return <Typography>已于 {row.repliedOn} 答复</Typography>;
  if (!row.dueOn) return <Typography textColor="neutral600">收到后起算</Typography>;
  const color = row.deadlineStatus === 'overdue' ? 'danger700' : row.deadlineStatus === 'at_risk' ? 'warning700' : 'neutral800';
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={1}>
        <Typography textColor={color} fontWeight={row.deadlineStatus && row.deadlineStatus !== 'on_track' ? 'bold' : undefined}>
          {row.dueOn}
        </Typography>
        {row.dueOnProvisional && <Badge>暂定</Badge>}
        {row.extended && <Badge>已延长</Badge>}
      </Flex>
      <Typography variant="pi" textColor={color}>
        {clockText(row)}
        {row.state === 'correction_requested' ? '（待补正，暂停计算）' : row.pausedWorkingDays ? `（已暂停 ${row.pausedWorkingDays} 个工作日）` : ''}
      </Typography>
    </Flex>
  );
}
