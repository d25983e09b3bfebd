import { Box, Button, Flex, Link, SingleSelect, SingleSelectOption, Status, Table, Tbody, Td, Th, Thead, Tooltip, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink } from 'react-router-dom';
import { CONSUMER_SITE_UID, CONSUMER_TYPES } from '../../../shared/vocabulary';
import { errorMessage } from '../api';
import { ConfirmActionDialog } from '../components/dialogs';
import { formatWhen, useT, type MessageKey } from '../translations';

type DeliveryStatus = 'pending' | 'running' | 'delivered' | 'dead';
type DeliveryEvent = 'released' | 'updated' | 'withdrawn' | 'taxonomy.created' | 'taxonomy.updated' | 'taxonomy.deleted';
const EVENTS: readonly string[] = ['released', 'updated', 'withdrawn', 'taxonomy.created', 'taxonomy.updated', 'taxonomy.deleted'];

interface Delivery {
  id: number;
  eventCursor: string;
  event: DeliveryEvent;
  type: string;
  documentId: string;
  site: { documentId: string; name: string } | null;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

interface PaginationMeta {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

interface SiteWithoutPush {
  documentId: string;
  name: string;
  missing: 'webhook_url' | 'webhook_secret';
}

interface SiteOption {
  documentId: string;
  name: string;
}

const STATUSES: DeliveryStatus[] = ['pending', 'running', 'delivered', 'dead'];
const STATUS_VARIANT: Record<DeliveryStatus, 'secondary' | 'primary' | 'success' | 'danger'> = {
  pending: 'secondary',
  running: 'primary',
  delivered: 'success',
  dead: 'danger',
};
const REDELIVERABLE = new Set<DeliveryStatus>(['delivered', 'dead']);
const DEFAULT_QUERY = { page: '1', pageSize: '20' };

type Query = { page?: string; pageSize?: string; status?: string; site?: string };

/** Taxonomy events name the reference type by its uid. */
const TAXONOMY_TYPES: Record<string, { label: string; labelEn: string }> = {
  'api::organization.organization': { label: '机构', labelEn: 'Organization' },
  'api::disclosure-category.disclosure-category': { label: '公开目录分类', labelEn: 'Disclosure category' },
  'api::topic.topic': { label: '主题分类', labelEn: 'Topic' },
};
const consumerType = (type: string) => (CONSUMER_TYPES as Record<string, { uid: string; label: string; labelEn: string } | undefined>)[type];

/** 推送记录: webhook deliveries to consumer sites, with redelivery of delivered and dead-lettered ones. */
export default function WebhookDeliveries() {
  const { t, locale } = useT();
  const zh = locale.startsWith('zh');
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<Query>(DEFAULT_QUERY);
  const status = STATUSES.includes(query.status as DeliveryStatus) ? (query.status as DeliveryStatus) : '';
  const site = typeof query.site === 'string' ? query.site : '';
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || 20));

  const [rows, setRows] = React.useState<Delivery[] | null>(null);
  const [pagination, setPagination] = React.useState<PaginationMeta | null>(null);
  const [withoutPush, setWithoutPush] = React.useState<SiteWithoutPush[]>([]);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [reloads, setReloads] = React.useState(0);
  const [sites, setSites] = React.useState<SiteOption[]>([]);
  const [redelivering, setRedelivering] = React.useState<Delivery | null>(null);
  const [busy, setBusy] = React.useState(false);

  // The site filter lists every 接入网站 when the content manager lets this user read them, else the sites seen so far.
  React.useEffect(() => {
    let live = true;
    get(`/content-manager/collection-types/${CONSUMER_SITE_UID}?page=1&pageSize=100&sort=name:ASC`)
      .then((res: any) => {
        const results = (res.data?.results ?? []) as { documentId: string; name?: string }[];
        if (live) setSites((known) => mergeSites(known, results.map((s) => ({ documentId: s.documentId, name: s.name ?? s.documentId }))));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [get]);

  React.useEffect(() => {
    let live = true;
    const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (status) params.set('status', status);
    if (site) params.set('site', site);
    setFailure(null);
    get(`/disclosure/webhooks/deliveries?${params}`)
      .then((res: any) => {
        if (!live) return;
        const data = (res.data?.data ?? []) as Delivery[];
        setRows(data);
        setPagination(res.data?.meta?.pagination ?? null);
        setWithoutPush((res.data?.meta?.sitesWithoutPush ?? []) as SiteWithoutPush[]);
        setSites((known) => mergeSites(known, data.flatMap((d) => (d.site ? [d.site] : []))));
      })
      .catch((error: unknown) => {
        if (!live) return;
        setRows(null);
        setFailure(errorMessage(error));
      });
    return () => {
      live = false;
    };
  }, [get, status, site, page, pageSize, reloads]);

  const setFilter = (next: Query) => setQuery({ ...next, page: '1' });

  const statusLabel = (s: DeliveryStatus) => t(`webhooks.status.${s}` as MessageKey);
  const eventLabel = (e: DeliveryEvent) => (EVENTS.includes(e) ? t(`webhooks.event.${e}` as MessageKey) : e);
  const typeLabel = (type: string) => {
    const known = consumerType(type) ?? TAXONOMY_TYPES[type];
    return known ? (zh ? known.label : known.labelEn) : type;
  };

  const redeliver = async () => {
    if (!redelivering) return;
    setBusy(true);
    try {
      const res = await post<{ data: Delivery }>(`/disclosure/webhooks/deliveries/${redelivering.id}/redeliver`);
      const updated = res.data.data;
      setRows((current) => current?.map((row) => (row.id === redelivering.id ? { ...row, ...updated } : row)) ?? current);
      toggleNotification({ type: 'success', message: t('webhooks.redelivered') });
      setRedelivering(null);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const siteOptions = site && !sites.some((s) => s.documentId === site) ? [...sites, { documentId: site, name: site }] : sites;
  const columns: MessageKey[] = ['webhooks.col.event', 'webhooks.col.entry', 'webhooks.col.site', 'webhooks.col.status', 'webhooks.col.attempts', 'webhooks.col.response', 'webhooks.col.time', 'webhooks.col.actions'];

  return (
    <Page.Main>
      <Page.Title>{t('webhooks.title')}</Page.Title>
      <Layouts.Header
        title={t('webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setReloads((n) => n + 1)}>
            {t('webhooks.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={3} wrap="wrap" alignItems="center">
            <Box width="220px">
              <SingleSelect aria-label={t('webhooks.filter.status')} value={status || 'all'} onChange={(value: string | number) => setFilter({ status: value === 'all' ? undefined : String(value) })}>
                <SingleSelectOption value="all">{t('webhooks.filter.status.all')}</SingleSelectOption>
                {STATUSES.map((s) => (
                  <SingleSelectOption key={s} value={s}>
                    {statusLabel(s)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box width="280px">
              <SingleSelect aria-label={t('webhooks.filter.site')} value={site || 'all'} onChange={(value: string | number) => setFilter({ site: value === 'all' ? undefined : String(value) })}>
                <SingleSelectOption value="all">{t('webhooks.filter.site.all')}</SingleSelectOption>
                {siteOptions.map((s) => (
                  <SingleSelectOption key={s.documentId} value={s.documentId}>
                    {s.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            {pagination && (
              <Typography variant="pi" textColor="neutral600">
                {t('webhooks.total', { total: pagination.total })}
              </Typography>
            )}
          </Flex>

          {(['webhook_url', 'webhook_secret'] as const).map((missing) => {
            const names = withoutPush.filter((s) => s.missing === missing && (!site || s.documentId === site));
            if (names.length === 0) return null;
            return (
              <Box key={missing} padding={3} background="warning100" borderColor="warning200" hasRadius role="status">
                <Typography textColor="warning700">
                  {t(missing === 'webhook_url' ? 'webhooks.noUrl' : 'webhooks.noSecret', { sites: names.map((s) => s.name).join(zh ? '、' : ', ') })}
                </Typography>
              </Box>
            );
          })}
          {failure && <Typography textColor="danger600">{t('webhooks.loadFailed', { message: failure })}</Typography>}
          {!failure && rows === null && <Typography>{t('common.loading')}</Typography>}
          {rows !== null && rows.length === 0 && (
            <Box padding={8} background="neutral0" hasRadius>
              <Typography>{t('webhooks.empty')}</Typography>
            </Box>
          )}
          {rows !== null && rows.length > 0 && (
            <Table colCount={columns.length} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {columns.map((key) => (
                    <Th key={key}>
                      <Typography variant="sigma">{t(key)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => {
                  const entryUid = consumerType(row.type)?.uid ?? (row.type.includes('::') ? row.type : null);
                  const canRedeliver = REDELIVERABLE.has(row.status);
                  return (
                    <Tr key={row.id}>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Typography fontWeight="bold">{eventLabel(row.event)}</Typography>
                          <Typography variant="pi" textColor="neutral600" title={t('webhooks.cursor', { cursor: row.eventCursor })}>
                            #{row.id}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Typography>{typeLabel(row.type)}</Typography>
                          {entryUid ? (
                            <Link tag={NavLink} to={`/content-manager/collection-types/${entryUid}/${row.documentId}`}>
                              <span style={{ fontFamily: 'monospace' }}>{row.documentId}</span>
                            </Link>
                          ) : (
                            <Typography variant="pi" style={{ fontFamily: 'monospace' }}>
                              {row.documentId}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td>
                        {row.site ? (
                          <Link tag={NavLink} to={`/content-manager/collection-types/${CONSUMER_SITE_UID}/${row.site.documentId}`}>{row.site.name}</Link>
                        ) : (
                          <Typography>{t('common.none')}</Typography>
                        )}
                      </Td>
                      <Td>
                        <Status variant={STATUS_VARIANT[row.status] ?? 'neutral'} size="S">
                          <Typography variant="omega" fontWeight="bold">
                            {STATUSES.includes(row.status) ? statusLabel(row.status) : row.status}
                          </Typography>
                        </Status>
                      </Td>
                      <Td>
                        <Typography>{row.attempts}</Typography>
                      </Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1} maxWidth="280px">
                          <Typography>{row.lastStatusCode ?? t('common.none')}</Typography>
                          {row.lastError && (
                            <Typography variant="pi" textColor="danger600" ellipsis title={row.lastError} style={{ maxWidth: '280px' }}>
                              {row.lastError}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Typography variant="pi">{t('webhooks.createdAt', { at: formatWhen(row.createdAt, locale) })}</Typography>
                          {row.deliveredAt && (
                            <Typography variant="pi" textColor="success600">
                              {t('webhooks.deliveredAt', { at: formatWhen(row.deliveredAt, locale) })}
                            </Typography>
                          )}
                          {row.nextAttemptAt && (row.status === 'pending' || row.status === 'running') && (
                            <Typography variant="pi" textColor="neutral600">
                              {t('webhooks.nextAttemptAt', { at: formatWhen(row.nextAttemptAt, locale) })}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td>
                        {canRedeliver ? (
                          <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} disabled={busy} onClick={() => setRedelivering(row)}>
                            {t('webhooks.redeliver')}
                          </Button>
                        ) : (
                          <Tooltip label={t('webhooks.redeliver.hint')}>
                            <span>
                              <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} disabled>
                                {t('webhooks.redeliver')}
                              </Button>
                            </span>
                          </Tooltip>
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
          {pagination && pagination.total > 0 && (
            <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPage={1} defaultPageSize={20}>
              <Pagination.PageSize />
              <Pagination.Links />
            </Pagination.Root>
          )}
        </Flex>
      </Layouts.Content>
      <ConfirmActionDialog
        open={redelivering !== null}
        title={t('webhooks.redeliver.title')}
        confirmLabel={t('webhooks.redeliver')}
        busy={busy}
        onConfirm={redeliver}
        onClose={() => setRedelivering(null)}
      >
        {redelivering &&
          t('webhooks.redeliver.body', {
            event: eventLabel(redelivering.event),
            entry: `${typeLabel(redelivering.type)} ${redelivering.documentId}`,
            site: redelivering.site?.name ?? t('common.none'),
          })}
      </ConfirmActionDialog>
    </Page.Main>
  );
}

function mergeSites(known: SiteOption[], more: SiteOption[]): SiteOption[] {
  const byId = new Map(known.map((s) => [s.documentId, s]));
  for (const s of more) if (s.documentId && !byId.has(s.documentId)) byId.set(s.documentId, s);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
