import type { Schema } from '@strapi/strapi';
import {
  CATEGORY_UID,
  DISCLOSURE_ATTRIBUTES,
  EXEMPTION_REASONS,
  ORGANIZATION_UID,
  PROACTIVE,
  TOPIC_UID,
} from '../constants';

const label = (zh: string, en: string, description?: string, formerDescription?: string) => ({
  disclosure: {
    label: zh,
    labelEn: en,
    ...(description ? { description } : {}),
    // The help text shipped before: still there means no one customised it (services/admin-labels.ts).
    ...(formerDescription ? { former: { description: [formerDescription] } } : {}),
  },
});

/**
 * 政府信息公开目录 fields (《条例》第十二条：索引、名称、内容概述、生成日期) that every
 * governed content type carries. This is the one definition: the plugin adds it to
 * each governed type at register time.
 */
export const catalogAttributes = {
  title: {
    type: 'string',
    required: true,
    maxLength: 300,
    pluginOptions: label('名称', 'Title'),
  },
  indexNumber: {
    type: 'string',
    // Assigned by the index-number service, never by a client.
    writable: false,
    configurable: false,
    pluginOptions: label('索引号', 'Index number', '系统按机构代码、年份和流水号自动生成，不可编辑', '系统按机构代码、年份和流水号自动生成，不可修改'),
  },
  publishingOrganization: {
    type: 'relation',
    relation: 'manyToOne',
    target: ORGANIZATION_UID,
    configurable: false,
    pluginOptions: label('发布机构', 'Publishing organization', '留空则为您所在机构'),
  },
  category: {
    type: 'relation',
    relation: 'manyToOne',
    target: CATEGORY_UID,
    configurable: false,
    pluginOptions: label('公开目录分类', 'Disclosure category'),
  },
  topics: {
    type: 'relation',
    relation: 'manyToMany',
    target: TOPIC_UID,
    configurable: false,
    pluginOptions: label('主题分类', 'Topics'),
  },
  keywords: {
    type: 'string',
    maxLength: 300,
    configurable: false,
    pluginOptions: label('主题词', 'Keywords', '多个主题词用空格或逗号分隔'),
  },
  summary: {
    type: 'text',
    configurable: false,
    pluginOptions: label('内容概述', 'Summary'),
  },
  disclosureAttribute: {
    type: 'enumeration',
    enum: [...DISCLOSURE_ATTRIBUTES],
    default: PROACTIVE,
    required: true,
    configurable: false,
    pluginOptions: label('公开属性', 'Disclosure attribute'),
  },
  exemptionReason: {
    type: 'enumeration',
    enum: [...EXEMPTION_REASONS],
    configurable: false,
    pluginOptions: label('不公开理由', 'Exemption reason', '公开属性不是“主动公开”时必填（《条例》第十四条至第十六条）'),
  },
  exemptionReasonDetail: {
    type: 'text',
    configurable: false,
    pluginOptions: label('理由说明', 'Exemption reason detail', '选择“其他”时必须说明'),
  },
  // A legal date (the day 《条例》第二十六条 counts from), not an instant: 'YYYY-MM-DD' in Asia/Shanghai.
  formedOrChangedAt: {
    type: 'date',
    required: true,
    configurable: false,
    pluginOptions: label('形成或变更日期', 'Formed or changed on', '主动公开时限自此日起算（《条例》第二十六条）'),
  },
  dueDate: {
    type: 'date',
    writable: false,
    configurable: false,
    pluginOptions: label('公开期限', 'Due date', '系统按法定时限和节假日安排计算，不可编辑', '按法定时限和节假日安排自动计算'),
  },
  dueDateProvisional: {
    type: 'boolean',
    writable: false,
    configurable: false,
    default: false,
    pluginOptions: label('期限为暂定', 'Due date provisional', '期限跨越尚未录入节假日安排的年份时为暂定；系统按规则计算，不可编辑', '期限跨越尚未录入节假日安排的年份'),
  },
  releasedOn: {
    type: 'date',
    writable: false,
    configurable: false,
    pluginOptions: label('首次发布日期', 'First released on', '首次经审核发布之日；系统按规则计算，不可编辑'),
  },
  slug: {
    type: 'string',
    maxLength: 120,
    configurable: false,
    // Schemas give the pattern as a string (Strapi validates with new RegExp(regex), the admin reads it as text); its types say RegExp.
    regex: '^[a-z0-9]+(?:-[a-z0-9]+)*$' as unknown as RegExp,
    pluginOptions: label('网址别名', 'Slug', '留空则按标题拼音自动生成'),
  },
  publicSearchText: {
    type: 'text',
    // Derived by the system at release from the masked public text (services/search-index.ts): no one edits it,
    // the admin does not show it, the REST API never returns it.
    private: true,
    writable: false,
    visible: false,
    configurable: false,
    pluginOptions: label('公开检索文本', 'Public search text', '发布时按公开显示的（已脱敏的）名称、内容概述、主题词、索引号和文号生成，供内容接口检索'),
  },
} satisfies Record<string, Schema.Attribute.AnyAttribute>;

export type CatalogAttributeName = keyof typeof catalogAttributes;

/** The catalogue fields the system computes (索引号, 公开期限, 首次发布日期, …): no client writes them. */
export const COMPUTED_ATTRIBUTES = Object.entries(catalogAttributes)
  .filter(([, attribute]) => 'writable' in attribute && attribute.writable === false)
  .map(([name]) => name as CatalogAttributeName);
