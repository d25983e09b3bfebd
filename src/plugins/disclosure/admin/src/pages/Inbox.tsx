import { Badge, Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink } from 'react-router-dom';

interface InboxItem {
  uid: string;
  documentId: string;
  title: string;
  indexNumber: string | null;
  stateLabel: string;
  stage: { name: string } | null;
  actions: string[];
  updatedAt: string;
  /** Sent back by a reviewer (with the reason), or a correction of a released entry (with the reason). */
  returned: boolean;
  returnReason: string | null;
  correction: boolean;
  correctionReason: string | null;
}

const ACTION_NAMES: Record<string, string> = { submit: '提交审核', approve: '审核', release: '发布', withdraw: '撤回', correct: '更正' };

/** 待我处理: entries waiting for the current user. */
export default function Inbox() {
  const { get } = useFetchClient();
  const [items, setItems] = React.useState<InboxItem[] | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    get('/disclosure/inbox')
      .then((res: any) => setItems(res.data.data))
      .catch(() => setFailed(true));
  }, [get]);

  return (
    <Page.Main>
      <Page.Title>待我处理</Page.Title>
      <Layouts.Header title="待我处理" subtitle="等待您提交、审核或发布的政务公开信息" />
      <Layouts.Content>
        {failed && <Typography textColor="danger600">无法加载待办事项，请刷新重试。</Typography>}
        {!failed && items === null && <Typography>正在加载…</Typography>}
        {items !== null && items.length === 0 && (
          <Box padding={8} background="neutral0" hasRadius>
            <Typography>没有等待您处理的信息。</Typography>
          </Box>
        )}
        {items !== null && items.length > 0 && (
          <Table colCount={5} rowCount={items.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">名称</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">索引号</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">状态</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">待办</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">更新时间</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {items.map((item) => (
                <Tr key={`${item.uid}:${item.documentId}`}>
                  <Td>
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Flex gap={2} wrap="wrap">
                        <Link tag={NavLink} to={`/content-manager/collection-types/${item.uid}/${item.documentId}`}>{item.title}</Link>
                        {item.returned && <Badge backgroundColor="danger100" textColor="danger700">已退回</Badge>}
                        {item.correction && <Badge backgroundColor="warning100" textColor="warning700">更正</Badge>}
                      </Flex>
                      {item.returned && item.returnReason && (
                        <Typography variant="pi" textColor="danger700">
                          退回理由：{item.returnReason}
                        </Typography>
                      )}
                      {item.correction && item.correctionReason && (
                        <Typography variant="pi" textColor="neutral600">
                          更正理由：{item.correctionReason}（已发布版本仍对外公开）
                        </Typography>
                      )}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{item.indexNumber}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {item.stateLabel}
                      {item.stage ? `（${item.stage.name}）` : ''}
                    </Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <Typography>{item.actions.map((a) => ACTION_NAMES[a] ?? a).join('、')}</Typography>
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{new Date(item.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
