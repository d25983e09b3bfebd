import { Box, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink } from 'react-router-dom';
import { applicationPath } from '../applications';

interface DeadlineEntry {
  /** Absent on a catalogue entry; 'application' on an application (条例 第三十三条's answer deadline). */
  kind?: string;
  trackingCode?: string;
  uid: string;
  documentId: string;
  title: string;
  indexNumber: string | null;
  organization: { id: number; name: string } | null;
  dueDate: string;
  provisional: boolean;
  status: string;
  statusLabel: string;
  workingDaysLeft?: number;
  workingDaysLate?: number;
}

interface FailedJob {
  id: number;
  kind: string;
  uid: string;
  documentId: string;
  title: string | null;
  runAt: string;
  error: string | null;
}

const CALENDAR_DAY_UID = 'plugin::disclosure.calendar-day';

const JOB_KIND_LABELS: Record<string, string> = { release: '定时发布', withdraw: '定时撤回', expire: '到期失效' };

interface Dashboard {
  today: string;
  atRiskWithin: number;
  organizations: { id: number; name: string; at_risk: number; overdue: number }[];
  entries: DeadlineEntry[];
  missingYears: number[];
  /** Whether this user may open 节假日安排 (answered by the server with the data). */
  canEnterHolidays: boolean;
  failedJobs: FailedJob[];
}

/** 公开时限: at-risk and overdue entries (条例 Art. 26) and applications (Art. 33) by organization. */
export default function Deadlines() {
  const { get } = useFetchClient();
  const [status, setStatus] = React.useState('all');
  const [data, setData] = React.useState<Dashboard | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    setData(null);
    get(`/disclosure/deadlines?status=${status}`)
      .then((res: any) => setData(res.data.data))
      .catch(() => setFailed(true));
  }, [get, status]);

  return (
    <Page.Main>
      <Page.Title>公开时限</Page.Title>
      <Layouts.Header title="公开时限" subtitle="即将到期和已超期的主动公开信息（《政府信息公开条例》第二十六条）和政府信息公开申请（第三十三条）" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {data && data.missingYears.length > 0 && (
            <Box padding={4} background="warning100" borderColor="warning200" hasRadius>
              <Typography textColor="warning700">
                {data.missingYears.join('、')}年节假日安排尚未录入：跨入该年的期限按法定节假日暂定计算。
                {data.canEnterHolidays ? (
                  <>
                    请在<Link tag={NavLink} to={`/content-manager/collection-types/${CALENDAR_DAY_UID}`}>节假日安排</Link>中录入国务院办公厅通知。
                  </>
                ) : (
                  '请联系系统管理员录入国务院办公厅通知。'
                )}
              </Typography>
            </Box>
          )}
          {data && data.failedJobs.length > 0 && (
            <Box padding={4} background="danger100" borderColor="danger200" hasRadius>
              <Typography textColor="danger700" fontWeight="bold">
                以下定时任务未能执行，需人工处理：
              </Typography>
              {data.failedJobs.map((job) => (
                <Box key={job.id} paddingTop={2}>
                  <Typography textColor="danger700">
                    {JOB_KIND_LABELS[job.kind] ?? job.kind}（原定 {new Date(job.runAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}）：
                  </Typography>{' '}
                  <Link tag={NavLink} to={`/content-manager/collection-types/${job.uid}/${job.documentId}`}>{job.title ?? job.documentId}</Link>
                  <Typography textColor="danger700"> — {job.error}</Typography>
                </Box>
              ))}
            </Box>
          )}
          <Box width="240px">
            <SingleSelect aria-label="状态" value={status} onChange={(value: string | number) => setStatus(String(value))}>
              <SingleSelectOption value="all">即将到期和已超期</SingleSelectOption>
              <SingleSelectOption value="at_risk">即将到期</SingleSelectOption>
              <SingleSelectOption value="overdue">已超期</SingleSelectOption>
            </SingleSelect>
          </Box>
          {failed && <Typography textColor="danger600">无法加载，请刷新重试。</Typography>}
          {!failed && !data && <Typography>正在加载…</Typography>}
          {data && (
            <>
              <Typography variant="omega">
                截至 {data.today}；剩余 {data.atRiskWithin} 个工作日以内视为即将到期。
                {data.organizations.map((o) => ` ${o.name}：超期 ${o.overdue}，即将到期 ${o.at_risk}。`).join('')}
              </Typography>
              {data.entries.length === 0 ? (
                <Typography>没有即将到期或已超期的信息。</Typography>
              ) : (
                <Table colCount={5} rowCount={data.entries.length + 1}>
                  <Thead>
                    <Tr>
                      {['名称', '机构', '期限', '状态', '索引号'].map((h) => (
                        <Th key={h}>
                          <Typography variant="sigma">{h}</Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.entries.map((e) => (
                      <Tr key={`${e.kind ?? e.uid}:${e.documentId}`}>
                        <Td>
                          {e.kind === 'application' ? (
                            <Link tag={NavLink} to={applicationPath(e.documentId)}>
                              依申请公开{e.trackingCode ? ` ${e.trackingCode}` : ''}：{e.title}
                            </Link>
                          ) : (
                            <Link tag={NavLink} to={`/content-manager/collection-types/${e.uid}/${e.documentId}`}>{e.title}</Link>
                          )}
                        </Td>
                        <Td>
                          <Typography>{e.organization?.name}</Typography>
                        </Td>
                        <Td>
                          <Typography>
                            {e.dueDate}
                            {e.provisional ? '（暂定）' : ''}
                          </Typography>
                        </Td>
                        <Td>
                          <Typography textColor={e.status === 'overdue' ? 'danger600' : 'warning600'}>
                            {e.statusLabel}
                            {e.status === 'overdue' ? `（超期 ${e.workingDaysLate} 个工作日）` : `（剩余 ${e.workingDaysLeft} 个工作日）`}
                          </Typography>
                        </Td>
                        <Td>
                          <Typography>{e.indexNumber}</Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
