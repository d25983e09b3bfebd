import { Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';

interface InboxItem {
  uid: string;
  documentId: string;
  title: string;
  indexNumber: string | null;
  stateLabel: string;
  stage: { name: string } | null;
  actions: string[];
  updatedAt: string;
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
                    <Link href={`/admin/content-manager/collection-types/${item.uid}/${item.documentId}`}>{item.title}</Link>
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
