import * as React from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from './pluginId';

/**
 * The plugin's admin messages: Chinese first (the default message when a translation is missing), English for
 * administrators who switched the admin to English. Registered by `registerTrads` under `disclosure.<key>`.
 * Messages are ICU: no `<` `>` (rich-text tags) and no `{` `}` except placeholders.
 */
const zh = {
  'inbox.title': '待我处理',
  'deadlines.title': '公开时限',
  'webhooks.title': '推送记录',

  'common.cancel': '取消',
  'common.confirm': '确定',
  'common.loading': '正在加载…',
  'common.none': '—',

  'site.panel.title': '访问令牌与推送密钥',
  'site.panel.unsaved': '请先保存接入网站，再生成访问令牌和推送签名密钥。',
  'site.panel.noPermission': '您没有管理接入网站令牌的权限，请联系系统管理员。',
  'site.panel.inactive': '该网站未启用：启用并保存后，其令牌才能读取内容、接收推送。',
  'site.panel.noCategoriesLeft': '配置有误：该网站仅限所选分类，但所选的公开目录分类已全部被删除，因此读取不到任何信息。请重新选择分类，或取消勾选“仅限所选分类”后保存。',
  'site.token.label': '访问令牌',
  'site.token.active': '有效',
  'site.token.revoked': '已吊销',
  'site.token.none': '尚未生成',
  'site.token.prefix': '令牌前缀 {prefix}…',
  'site.token.issuedAt': '生成于 {at}',
  'site.token.revokedAt': '吊销于 {at}',
  'site.token.generate': '生成令牌',
  'site.token.rotate': '轮换令牌',
  'site.token.revoke': '吊销令牌',
  'site.token.rotate.title': '轮换访问令牌',
  'site.token.rotate.body': '将生成新的访问令牌，旧令牌立即失效：接入网站换用新令牌之前将无法读取内容。确定轮换？',
  'site.token.revoke.title': '吊销访问令牌',
  'site.token.revoke.body': '吊销后该令牌立即失效，接入网站将无法读取内容、也不再收到推送，直到重新生成令牌。确定吊销？',
  'site.token.generated': '已生成新的访问令牌',
  'site.token.revokedNotice': '访问令牌已吊销',
  'site.secret.label': '推送签名密钥',
  'site.secret.set': '已设置',
  'site.secret.setAt': '设置于 {at}',
  'site.secret.none': '尚未设置',
  'site.secret.needed': '已填写推送地址，但未设置签名密钥时不会推送：请生成签名密钥，交给接入网站用于验证推送签名。',
  'site.secret.generate': '生成推送签名密钥',
  'site.secret.rotate': '轮换密钥',
  'site.secret.rotate.title': '轮换推送签名密钥',
  'site.secret.rotate.body': '之后的推送改用新密钥签名，旧密钥立即失效：接入网站须同时换用新密钥验签，否则将拒收推送。确定轮换？',
  'site.secret.generated': '已生成新的推送签名密钥',
  'site.deliveries.link': '查看该网站的推送记录',

  'reveal.token.title': '新的访问令牌',
  'reveal.token.warning': '令牌只显示这一次，请立即复制保存',
  'reveal.token.help': '系统只保存令牌的哈希值，关闭后无法再次查看。接入网站调用接口时在请求头中携带：Authorization: Bearer 令牌。',
  'reveal.secret.title': '新的推送签名密钥',
  'reveal.secret.warning': '密钥只显示这一次，请立即复制保存',
  'reveal.secret.help': '关闭后无法再次查看。接入网站用该密钥验证请求头 X-Gongkai-Signature 中的 HMAC-SHA256 签名。',
  'reveal.copy': '复制',
  'reveal.copied': '已复制到剪贴板',
  'reveal.copyFailed': '无法自动复制，请选中文本后手动复制',
  'reveal.done': '我已复制保存',

  'webhooks.subtitle': '向接入网站推送的内容变更事件及送达情况。失败的推送按指数退避自动重试 24 小时，之后转入死信。',
  'webhooks.filter.status': '推送状态',
  'webhooks.filter.status.all': '全部状态',
  'webhooks.filter.site': '接入网站',
  'webhooks.filter.site.all': '全部接入网站',
  'webhooks.refresh': '刷新',
  'webhooks.status.pending': '待推送',
  'webhooks.status.running': '推送中',
  'webhooks.status.delivered': '已送达',
  'webhooks.status.dead': '已转入死信',
  'webhooks.event.released': '发布',
  'webhooks.event.updated': '更新',
  'webhooks.event.withdrawn': '撤回',
  'webhooks.col.event': '事件',
  'webhooks.col.entry': '内容',
  'webhooks.col.site': '接入网站',
  'webhooks.col.status': '状态',
  'webhooks.col.attempts': '尝试次数',
  'webhooks.col.response': '最近响应',
  'webhooks.col.time': '时间',
  'webhooks.col.actions': '操作',
  'webhooks.createdAt': '产生于 {at}',
  'webhooks.deliveredAt': '送达于 {at}',
  'webhooks.nextAttemptAt': '下次重试 {at}',
  'webhooks.cursor': '事件游标 {cursor}',
  'webhooks.empty': '没有符合条件的推送记录。',
  'webhooks.loadFailed': '无法加载推送记录：{message}',
  'webhooks.total': '共 {total} 条',
  'webhooks.redeliver': '重新推送',
  'webhooks.redeliver.hint': '只有已送达或已转入死信的推送可以重新推送',
  'webhooks.redeliver.title': '重新推送',
  'webhooks.redeliver.body': '将把“{event}”事件（{entry}）重新推送给“{site}”。确定重新推送？',
  'webhooks.redelivered': '已重新加入推送队列',
  'webhooks.noUrl': '以下接入网站未填写推送地址，不会收到推送（仍可用访问令牌通过内容接口读取）：{sites}',
  'webhooks.noSecret': '以下接入网站已填写推送地址但未设置推送签名密钥，不会收到推送：{sites}',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'inbox.title': 'My review queue',
  'deadlines.title': 'Disclosure deadlines',
  'webhooks.title': 'Webhook deliveries',

  'common.cancel': 'Cancel',
  'common.confirm': 'Confirm',
  'common.loading': 'Loading…',
  'common.none': '—',

  'site.panel.title': 'Access token & signing secret',
  'site.panel.unsaved': 'Save the site first, then generate its access token and webhook signing secret.',
  'site.panel.noPermission': 'You may not manage site tokens. Ask a system administrator.',
  'site.panel.inactive': 'This site is inactive: its token reads content and receives webhooks only once the site is activated and saved.',
  'site.panel.noCategoriesLeft': 'Misconfigured: this site is restricted to chosen categories, but all of them were deleted, so it reads nothing. Choose categories again, or untick “Restricted to chosen categories” and save.',
  'site.token.label': 'Access token',
  'site.token.active': 'Active',
  'site.token.revoked': 'Revoked',
  'site.token.none': 'Not issued',
  'site.token.prefix': 'Token prefix {prefix}…',
  'site.token.issuedAt': 'Issued {at}',
  'site.token.revokedAt': 'Revoked {at}',
  'site.token.generate': 'Generate token',
  'site.token.rotate': 'Rotate token',
  'site.token.revoke': 'Revoke token',
  'site.token.rotate.title': 'Rotate the access token',
  'site.token.rotate.body': 'A new access token is generated and the old one stops working at once: the site cannot read content until it uses the new token. Rotate?',
  'site.token.revoke.title': 'Revoke the access token',
  'site.token.revoke.body': 'The token stops working at once: the site can neither read content nor receive webhooks until a new token is generated. Revoke?',
  'site.token.generated': 'New access token generated',
  'site.token.revokedNotice': 'Access token revoked',
  'site.secret.label': 'Webhook signing secret',
  'site.secret.set': 'Set',
  'site.secret.setAt': 'Set {at}',
  'site.secret.none': 'Not set',
  'site.secret.needed': 'A webhook URL is set, but nothing is pushed without a signing secret: generate one and give it to the site to verify webhook signatures.',
  'site.secret.generate': 'Generate signing secret',
  'site.secret.rotate': 'Rotate secret',
  'site.secret.rotate.title': 'Rotate the webhook signing secret',
  'site.secret.rotate.body': 'Webhooks will be signed with a new secret and the old one stops working at once: the site must switch to the new secret or it will reject deliveries. Rotate?',
  'site.secret.generated': 'New webhook signing secret generated',
  'site.deliveries.link': 'View this site’s webhook deliveries',

  'reveal.token.title': 'New access token',
  'reveal.token.warning': 'This token is shown only once: copy it and store it safely now',
  'reveal.token.help': 'Only a hash of the token is stored: it cannot be shown again after you close this dialog. The site sends it as the header Authorization: Bearer token.',
  'reveal.secret.title': 'New webhook signing secret',
  'reveal.secret.warning': 'This secret is shown only once: copy it and store it safely now',
  'reveal.secret.help': 'It cannot be shown again after you close this dialog. The site uses it to verify the HMAC-SHA256 signature in the X-Gongkai-Signature header.',
  'reveal.copy': 'Copy',
  'reveal.copied': 'Copied to the clipboard',
  'reveal.copyFailed': 'Could not copy automatically: select the text and copy it by hand',
  'reveal.done': 'I have saved it',

  'webhooks.subtitle': 'Content change events pushed to consumer sites and their delivery. Failed deliveries are retried with exponential backoff for 24 hours, then dead-lettered.',
  'webhooks.filter.status': 'Delivery status',
  'webhooks.filter.status.all': 'All statuses',
  'webhooks.filter.site': 'Consumer site',
  'webhooks.filter.site.all': 'All sites',
  'webhooks.refresh': 'Refresh',
  'webhooks.status.pending': 'Pending',
  'webhooks.status.running': 'Delivering',
  'webhooks.status.delivered': 'Delivered',
  'webhooks.status.dead': 'Dead-lettered',
  'webhooks.event.released': 'Released',
  'webhooks.event.updated': 'Updated',
  'webhooks.event.withdrawn': 'Withdrawn',
  'webhooks.col.event': 'Event',
  'webhooks.col.entry': 'Entry',
  'webhooks.col.site': 'Site',
  'webhooks.col.status': 'Status',
  'webhooks.col.attempts': 'Attempts',
  'webhooks.col.response': 'Last response',
  'webhooks.col.time': 'Time',
  'webhooks.col.actions': 'Actions',
  'webhooks.createdAt': 'Created {at}',
  'webhooks.deliveredAt': 'Delivered {at}',
  'webhooks.nextAttemptAt': 'Next attempt {at}',
  'webhooks.cursor': 'Event cursor {cursor}',
  'webhooks.empty': 'No webhook deliveries match.',
  'webhooks.loadFailed': 'Could not load webhook deliveries: {message}',
  'webhooks.total': '{total} in total',
  'webhooks.redeliver': 'Redeliver',
  'webhooks.redeliver.hint': 'Only delivered or dead-lettered deliveries can be redelivered',
  'webhooks.redeliver.title': 'Redeliver',
  'webhooks.redeliver.body': 'The “{event}” event ({entry}) will be pushed to “{site}” again. Redeliver?',
  'webhooks.redelivered': 'Queued for redelivery',
  'webhooks.noUrl': 'These consumer sites have no webhook URL and receive no pushes (they can still read the consumer API with their token): {sites}',
  'webhooks.noSecret': 'These consumer sites have a webhook URL but no signing secret and receive no pushes: {sites}',
};

/** The messages for one admin locale, keyed by full message id. */
export function pluginTranslations(locale: string): Record<string, string> {
  const dict = locale.startsWith('zh') ? zh : en;
  return Object.fromEntries(Object.entries(dict).map(([key, message]) => [`${PLUGIN_ID}.${key}`, message]));
}

/** `t(key, values)`: the plugin's message in the admin's language (Chinese if missing); `locale`: the admin's. */
export function useT() {
  const { formatMessage, locale } = useIntl();
  const t = React.useCallback(
    (key: MessageKey, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: zh[key] }, values),
    [formatMessage],
  );
  return { t, locale };
}

/** A date-time in Beijing time, in the admin's language. */
export function formatWhen(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}
