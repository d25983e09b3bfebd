import { CATEGORY_UID, ORGANIZATION_UID } from '../constants';

const label = (zh: string, en: string, description?: string) => ({ disclosure: description ? { label: zh, labelEn: en, description } : { label: zh, labelEn: en } });

/**
 * 接入网站: a county or department website reading released content through the consumer API, limited to its
 * organizations (each with its subtree) and, if any are chosen, its disclosure categories. The access token and the
 * webhook signing secret are issued by the plugin's admin API and shown once; they live in a separate table
 * (models/consumer.ts) that no content API or content-manager route reads — only the token's hash is kept.
 */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'disclosure_consumer_sites',
    info: { singularName: 'consumer-site', pluralName: 'consumer-sites', displayName: '接入网站', description: '通过内容接口读取已发布信息的县市、部门网站' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
    attributes: {
      name: { type: 'string', required: true, maxLength: 100, pluginOptions: label('网站名称', 'Site name') },
      organizations: {
        type: 'relation',
        relation: 'manyToMany',
        target: ORGANIZATION_UID,
        pluginOptions: label('可读取的机构', 'Organizations', '含各机构的全部下属机构'),
      },
      categories: {
        type: 'relation',
        relation: 'manyToMany',
        target: CATEGORY_UID,
        pluginOptions: label('可读取的公开目录分类', 'Categories', '含下级分类；留空且未勾选“仅限所选分类”时可读取全部分类'),
      },
      categoryRestricted: {
        type: 'boolean',
        default: false,
        pluginOptions: label('仅限所选分类', 'Restricted to chosen categories', '选择分类后自动勾选；所选分类全部被删除时，该网站读取不到任何信息，直到重新选择分类或取消勾选'),
      },
      active: { type: 'boolean', default: true, required: true, pluginOptions: label('启用', 'Active') },
      webhookUrl: {
        type: 'string',
        maxLength: 500,
        regex: '^https?://[^\\s]+$',
        pluginOptions: label('推送地址', 'Webhook URL', '留空则不推送；只能是公网地址的 80/443 端口（内网地址须由系统管理员加入允许列表）；推送使用下方签名密钥签名'),
      },
      taxonomyEvents: {
        type: 'boolean',
        default: false,
        pluginOptions: label('推送机构与分类变更', 'Push taxonomy changes', '勾选后，机构、公开目录分类、主题分类的新增、改名、调整上级和删除也推送到推送地址（事件 taxonomy.created / taxonomy.updated / taxonomy.deleted）'),
      },
      tokenPrefix: { type: 'string', writable: false, configurable: false, pluginOptions: label('令牌前缀', 'Token prefix') },
      tokenIssuedAt: { type: 'datetime', writable: false, configurable: false, pluginOptions: label('令牌签发时间', 'Token issued at') },
      tokenRevokedAt: { type: 'datetime', writable: false, configurable: false, pluginOptions: label('令牌吊销时间', 'Token revoked at') },
      webhookSecretSetAt: { type: 'datetime', writable: false, configurable: false, pluginOptions: label('签名密钥设置时间', 'Webhook secret set at') },
    },
  },
};
