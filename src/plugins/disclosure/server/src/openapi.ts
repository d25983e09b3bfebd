import { CONSUMER_TYPES, ConsumerType } from './constants';
import { MAX_FEED_LIMIT, MAX_PAGE_SIZE, SORTS } from './domain/consumer/list-query';
import { SEARCH_MAX_DEPTH, SEARCH_MAX_PAGE_SIZE, SEARCH_MAX_QUERY } from './domain/consumer/search';
import { PUBLIC_FIELDS, PublicField } from './domain/consumer/representation';
import { TAXONOMIES, TAXONOMY_EVENTS } from './domain/consumer/taxonomy';
import policySchema from '../../../../api/policy/content-types/policy/schema.json';
import {
  APPLICANT_KINDS,
  APPLICATION_STATES,
  DELIVERY_METHODS,
  ID_DOCUMENT_TYPES,
  PREFERRED_FORMS,
  REPLY_OUTCOMES,
} from './domain/application-vocabulary';
import { APPLICATION_FIELD_LIMITS } from './validation/application';

/** The 有效性 values a policy list can be filtered by: the schema's own. */
export const POLICY_VALIDITIES: string[] = policySchema.attributes.validity.enum;

/**
 * OpenAPI 3.1 description of the consumer API, built from the same whitelist the representation uses
 * (domain/consumer/representation.ts), so the document cannot drift from what is served. Schemas are closed
 * (additionalProperties: false): a response carrying any field not listed here fails validation in the tests.
 */

const TYPES = Object.keys(CONSUMER_TYPES) as ConsumerType[];
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pascal = (type: string) => type.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function fieldSchemas(field: PublicField): Record<string, unknown> {
  switch (field.kind) {
    case 'enum':
      return { [field.name]: nstr, [`${field.name}Label`]: { type: ['string', 'null'], description: '中文名称' } };
    case 'date':
      return { [field.name]: { type: ['string', 'null'], format: 'date' } };
    case 'datetime':
      return { [field.name]: { type: ['string', 'null'], format: 'date-time' } };
    case 'decimal':
      return { [field.name]: { type: ['number', 'null'] } };
    case 'integer':
      return { [field.name]: { type: ['integer', 'null'] } };
    case 'report':
      return { [field.as ?? field.name]: { ...nullable(ref('AnnualReport')), description: '发布时固定的年度报告数据（frozen: true）' } };
    case 'ref':
      return { [field.name]: nullable(ref('Ref')) };
    case 'refs':
      return { [field.name]: { type: 'array', items: ref('Ref') } };
    case 'media':
      return { [field.name]: { type: 'array', items: ref('Attachment') } };
    case 'qa':
      return { [field.name]: { type: 'array', items: ref('QaPair') } };
    case 'positions':
      return { [field.name]: { type: 'array', items: ref('Position') } };
    default:
      return { [field.name]: nstr };
  }
}

const catalogue: Record<string, unknown> = {
  documentId: { ...str, description: '条目编号（稳定）' },
  type: { type: 'string', enum: TYPES },
  typeLabel: str,
  indexNumber: { ...nstr, description: '索引号' },
  slug: nstr,
  title: { ...str, description: '名称' },
  summary: { ...nstr, description: '内容概述' },
  keywords: { ...nstr, description: '主题词' },
  organization: { ...nullable(ref('Ref')), description: '发布机构' },
  category: { ...nullable(ref('Ref')), description: '公开目录分类' },
  topics: { type: 'array', items: ref('Ref'), description: '主题分类' },
  formedOrChangedAt: { type: ['string', 'null'], format: 'date', description: '形成或变更日期（北京时间，YYYY-MM-DD）' },
  releasedOn: { type: ['string', 'null'], format: 'date', description: '首次发布日期（北京时间）' },
  releasedAt: { type: ['string', 'null'], format: 'date-time', description: '当前版本发布时间' },
  version: { ...nstr, description: '已发布内容的版本哈希（SHA-256）' },
};

function entrySchema(type: ConsumerType, detail: boolean) {
  const properties: Record<string, unknown> = { ...catalogue };
  for (const field of PUBLIC_FIELDS[type]) if (detail || field.inList) Object.assign(properties, fieldSchemas(field));
  if (type === 'policies') properties.interpretations = { type: 'array', items: ref('EntryRef'), description: '已发布的政策解读' };
  if (type === 'interpretations') properties.policy = { ...nullable(ref('EntryRef')), description: '所解读的政策文件（已发布时）' };
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties });

const schemas: Record<string, unknown> = {
  Ref: object({ documentId: str, name: str, code: nstr }),
  EntryRef: object({ documentId: str, type: { type: 'string', enum: TYPES }, title: str, indexNumber: nstr, slug: nstr }),
  Attachment: object({ name: str, url: { ...str, description: '文件地址（相对于服务器地址，以 /uploads/ 开头）：信息发布期间任何人可直接下载，撤回后返回 404' }, mime: nstr, size: { type: ['number', 'null'], description: '大小（KB）' } }),
  QaPair: object({ question: nstr, answer: nstr }),
  AnnualReport: {
    type: 'object',
    description: '政府信息公开工作年度报告的数据（国办公开办函〔2021〕30号格式），键名固定，其他工具依赖此结构',
    required: ['organization', 'year', 'frozen', 'section2', 'section3', 'section4', 'violations'],
    properties: {
      organization: { ...str, description: '机构 documentId' },
      year: { type: 'integer' },
      frozen: { type: 'boolean', description: '已发布的报告为 true：数据在发布时固定，之后不随业务数据变化' },
      section2: { type: 'object', description: '二、主动公开政府信息情况' },
      section3: {
        type: 'object',
        description: '三、收到和处理政府信息公开申请情况：columns 为 7 列（6 类申请人 + total），rows 每行 7 个数',
        properties: { columns: { type: 'array', items: str }, rows: { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer' } } } },
      },
      section4: { type: 'object', description: '四、政府信息公开行政复议、行政诉讼情况' },
      violations: {
        type: 'array',
        description: '校验问题及其说明（发布的报告中每项都有说明）',
        items: {
          type: 'object',
          required: ['key', 'code', 'message', 'messageEn', 'explanation'],
          properties: {
            key: { type: 'string' },
            code: { type: 'string', enum: ['TOTAL_MISMATCH', 'BALANCE_MISMATCH', 'CARRY_OVER_MISMATCH', 'INCONSISTENT_APPLICATION', 'POLICY_STOP_DATE_MISSING'] },
            message: { type: 'string' },
            messageEn: { type: 'string' },
            explanation: nullable({ type: 'object', required: ['note', 'at'], properties: { note: { type: 'string' }, at: { type: 'string', format: 'date-time' } } }),
          },
        },
      },
    },
  },
  Position: object({ name: nstr, headcount: { type: ['integer', 'null'] }, requirements: nstr }),
  Pagination: object(
    {
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      total: { type: 'integer', description: '总条数；超过服务器的计数上限时只数到上限，并带 totalCapped: true（显示为“1,000+”之类）' },
      pageCount: { type: 'integer' },
      totalCapped: { type: 'boolean', const: true, description: '只在总条数超过上限时出现：total 是上限，实际更多' },
      nextCursor: { type: ['string', 'null'], description: '下一页的游标（按发布时间排序时）：作为 cursor 参数取下一页，翻页深度不受限；没有下一页或按其他字段排序时为 null' },
    },
    ['page', 'pageSize', 'total', 'pageCount', 'nextCursor']
  ),
  SearchPagination: object(
    {
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      total: { type: 'integer', description: `命中条数；超过 ${SEARCH_MAX_DEPTH} 时只数到 ${SEARCH_MAX_DEPTH}，并带 totalCapped: true` },
      pageCount: { type: 'integer' },
      totalCapped: { type: 'boolean', const: true, description: '只在命中条数超过上限时出现' },
    },
    ['page', 'pageSize', 'total', 'pageCount']
  ),
  SearchHit: object({
    type: { type: 'string', enum: TYPES },
    documentId: str,
    title: { type: 'string', description: '名称（与列表所示相同，个人信息已遮盖）' },
    indexNumber: nstr,
    releasedOn: { type: ['string', 'null'], format: 'date' },
    organization: nullable(ref('Ref')),
    snippet: { type: 'string', description: '摘要：已转义的 HTML 文本，命中处以 <mark> 标出；只取自公开（遮盖后）的文本' },
    score: { type: 'number', description: '相关度（越大越相关；只用于排序，不同查询间不可比）' },
  }),
  Tombstone: object({ documentId: str, type: { type: 'string', enum: TYPES }, indexNumber: nstr, slug: nstr, withdrawnAt: { type: 'string', format: 'date-time' } }),
  EntrySummary: object(catalogue),
  Entry: { oneOf: TYPES.map((t) => ref(`${pascal(t)}Detail`)) },
  FeedEvent: object({
    cursor: str,
    event: { type: 'string', enum: ['released', 'updated', 'withdrawn'] },
    type: { type: 'string', enum: TYPES },
    documentId: str,
    occurredAt: { type: 'string', format: 'date-time' },
    entry: nullable(ref('Entry')),
    tombstone: nullable(ref('Tombstone')),
  }),
  TaxonomyEvent: {
    ...object({
      cursor: str,
      event: { type: 'string', enum: [...TAXONOMY_EVENTS] },
      taxonomy: { type: 'string', enum: [...TAXONOMIES], description: 'organizations：机构；categories：公开目录分类；topics：主题分类' },
      documentId: str,
      occurredAt: { type: 'string', format: 'date-time' },
      item: { anyOf: [ref('Organization'), ref('Category'), ref('Topic'), { type: 'null' }], description: '变更后的表示（与 /organizations、/categories、/topics 中的一致）；taxonomy.deleted 时为 null' },
      changes: { type: 'array', items: str, description: 'taxonomy.updated 时变化的字段，如 ["name"]（改名）、["parent"]（调整上级）；其他事件为空数组' },
    }),
    description:
      '机构、公开目录分类或主题分类的新增（taxonomy.created）、变更（taxonomy.updated，含改名、调整上级）或删除（taxonomy.deleted）。' +
      '收到 created 或 updated 时按 documentId 新增或替换，收到 deleted 时删除。移出本网站范围的节点对本网站表现为 deleted；删除事件发给所有网站。',
  },
  FeedPage: object({ data: { type: 'array', items: { anyOf: [ref('FeedEvent'), ref('TaxonomyEvent')] } }, meta: object({ cursor: str, hasMore: { type: 'boolean' } }) }),
  Site: object({ documentId: str, name: str, organizations: { type: 'array', items: ref('Ref') }, categories: { type: 'array', items: ref('Ref') } }),
  Organization: object({
    documentId: str,
    name: str,
    shortName: nstr,
    code: nstr,
    kind: nstr,
    parent: nstr,
    address: nstr,
    postcode: nstr,
    officeHours: nstr,
    phone: nstr,
    fax: nstr,
    email: nstr,
    website: nstr,
    disclosureOffice: nstr,
    guide: { ...nstr, description: '政府信息公开指南（Markdown）' },
    sortOrder: { type: ['integer', 'null'] },
  }),
  Category: object({ documentId: str, name: str, code: nstr, description: nstr, legalBasis: nstr, parent: nstr, sortOrder: { type: ['integer', 'null'] } }),
  Topic: object({ documentId: str, name: str, code: nstr, parent: nstr, sortOrder: { type: ['integer', 'null'] } }),
  Error: object({
    data: { type: 'null' },
    error: {
      type: 'object',
      required: ['status', 'name', 'message', 'details'],
      properties: {
        status: { type: 'integer' },
        name: str,
        message: { ...str, description: '中文说明' },
        details: {
          type: 'object',
          required: ['code'],
          properties: {
            code: { ...str, description: '稳定的错误代码' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'array', items: { type: ['string', 'number'] } }, code: str, message: str, messageEn: str } } },
            tombstone: ref('Tombstone'),
          },
        },
      },
    },
  }),
};
/** 依申请公开: the portal's form, the receipt and the status lookup (the only application data the public side has). */
const limited = (field: string, description: string) => ({ type: 'string', maxLength: APPLICATION_FIELD_LIMITS[field], description });
const optionList = (values: readonly string[]) => ({ type: 'array', items: object({ value: { type: 'string', enum: [...values] }, label: str }) });
const applicationDate = (description: string) => ({ type: ['string', 'null'], format: 'date', description });
Object.assign(schemas, {
  ApplicationForm: object({
    organizations: { type: 'array', items: object({ documentId: str, name: str }), description: '可受理申请的机关' },
    applicantKinds: optionList(APPLICANT_KINDS),
    idTypes: optionList(ID_DOCUMENT_TYPES),
    preferredForms: optionList(PREFERRED_FORMS),
    deliveryMethods: optionList(DELIVERY_METHODS),
    limits: { type: 'object', additionalProperties: { type: 'integer' }, description: '各文字字段的最大长度（字）' },
    captcha: { type: 'boolean', description: '是否需要验证码（captcha 字段）' },
  }),
  ApplicationSubmission: object(
    {
      organization: { ...str, description: '受理机关 documentId（见 /applications/form）' },
      applicantKind: { type: 'string', enum: [...APPLICANT_KINDS], description: '申请人类型' },
      applicantName: limited('applicantName', '申请人姓名或名称'),
      contactPerson: { ...limited('contactPerson', '联系人：法人或其他组织申请时必填'), type: ['string', 'null'] },
      idType: { type: 'string', enum: [...ID_DOCUMENT_TYPES], description: '证件类型' },
      idNumber: limited('idNumber', '证件号码'),
      phone: limited('phone', '联系电话'),
      email: { ...limited('email', '电子邮箱：获取途径为电子邮件时必填'), type: ['string', 'null'] },
      postalAddress: { ...limited('postalAddress', '通信地址：获取途径为邮寄时必填'), type: ['string', 'null'] },
      postalCode: { type: ['string', 'null'], pattern: '^[0-9]{6}$', description: '邮政编码' },
      requestedTitle: limited('requestedTitle', '所需信息的名称'),
      requestedDocumentNumber: { ...limited('requestedDocumentNumber', '文号'), type: ['string', 'null'] },
      requestedDescription: { ...limited('requestedDescription', '便于查询的其他特征描述'), type: ['string', 'null'] },
      requestedEntry: { ...nullable(object({ uid: str, documentId: str })), description: '所需信息对应的已公开条目（可选）' },
      purpose: { ...limited('purpose', '用途（可选）'), type: ['string', 'null'] },
      preferredForm: { type: 'string', enum: [...PREFERRED_FORMS], description: '获取信息的方式' },
      deliveryMethod: { type: 'string', enum: [...DELIVERY_METHODS], description: '获取信息的途径' },
      channel: { type: 'string', const: 'online', description: '可省略：网上申请的渠道只能是 online' },
      captcha: { type: ['string', 'null'], description: '验证码答案（服务器配置了验证码时必填）' },
    },
    ['organization', 'applicantKind', 'applicantName', 'idType', 'idNumber', 'phone', 'requestedTitle', 'preferredForm', 'deliveryMethod']
  ),
  ApplicationReceipt: object({
    trackingCode: { ...str, description: '申请编号' },
    secret: { ...str, description: '查询码：只显示这一次，服务器只保存其散列，遗失后无法找回' },
    state: { type: 'string', enum: [...APPLICATION_STATES] },
    stateLabel: str,
    submittedAt: { type: 'string', format: 'date-time' },
  }),
  ApplicationStatus: object({
    trackingCode: str,
    state: { type: 'string', enum: [...APPLICATION_STATES], description: '办理状态' },
    stateLabel: str,
    submittedAt: { type: 'string', format: 'date-time' },
    receivedOn: applicationDate('收到申请日期（网上申请以机关确认收到之日为准，条例第三十一条）'),
    dueOn: applicationDate('答复期限'),
    extended: { type: 'boolean', description: '是否已延长答复期限' },
    correction: { ...nullable(object({ request: nstr, dueOn: applicationDate('补正期限') })), description: '补正通知' },
    repliedOn: applicationDate('答复日期'),
    outcome: { type: ['string', 'null'], enum: [...REPLY_OUTCOMES, null], description: '办理结果' },
    outcomeLabel: nstr,
    closedOn: applicationDate('办结日期'),
    replyLetter: { ...nstr, description: '答复告知书（HTML），答复后提供' },
  }),
});

for (const type of TYPES) {
  schemas[`${pascal(type)}Item`] = entrySchema(type, false);
  schemas[`${pascal(type)}Detail`] = entrySchema(type, true);
}

const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '304': { description: '未变化（If-None-Match 与 ETag 相同）' },
  '400': json(ref('Error'), '参数错误'),
  '401': json(ref('Error'), '缺少或无效的访问令牌'),
  '429': {
    ...json(ref('Error'), '请求过于频繁（RATE_LIMITED）：等待 Retry-After 秒后重试'),
    headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: '需等待的秒数' } },
  },
};
const ok = (schema: unknown, description = '成功') => ({
  description,
  headers: { ETag: { schema: str, description: '强校验值' }, 'Cache-Control': { schema: str } },
  content: { 'application/json': { schema } },
});
const listParameters = [
  { name: 'page', in: 'query', description: '页码；页码 × 每页条数不得超过服务器的上限，否则 400 PAGE_TOO_DEEP（更深处用 cursor）', schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'cursor',
    in: 'query',
    description: '游标：上一页 meta.pagination.nextCursor 的值（仅按发布时间排序），其余参数须与上一页相同，不能再带 page；无效、被改动或属于其他查询的游标返回 400 INVALID_CURSOR',
    schema: { type: 'string', maxLength: 512 },
  },
  { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 } },
  { name: 'sort', in: 'query', schema: { type: 'string', enum: [...SORTS], default: 'releasedAt:desc' } },
  { name: 'organization', in: 'query', description: '机构 documentId 或代码（含下属机构）', schema: str },
  { name: 'category', in: 'query', description: '公开目录分类 documentId 或代码（含下级分类）', schema: str },
  { name: 'topic', in: 'query', description: '主题分类 documentId 或代码', schema: str },
  { name: 'from', in: 'query', description: '首次发布日期起（YYYY-MM-DD）', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: '首次发布日期止（YYYY-MM-DD）', schema: { type: 'string', format: 'date' } },
  { name: 'q', in: 'query', description: '搜索：名称、概述、主题词、索引号、文号', schema: { type: 'string', minLength: 1, maxLength: 100 } },
];
const listOf = (item: string) => object({ data: { type: 'array', items: ref(item) }, meta: object({ pagination: ref('Pagination') }) });
const one = (schema: string) => object({ data: ref(schema) });

function typePaths(type: ConsumerType) {
  const label = CONSUMER_TYPES[type].label;
  const detail = {
    ...errors,
    '200': ok(one(`${pascal(type)}Detail`)),
    '404': json(ref('Error'), '不存在或不在本网站范围内'),
    '410': json(ref('Error'), '已撤回（error.details.tombstone）'),
  };
  const key = (description: string) => [{ name: 'key', in: 'path', required: true, description, schema: str }];
  const params = type === 'policies' ? [...listParameters, { name: 'validity', in: 'query', schema: { type: 'string', enum: POLICY_VALIDITIES } }] : listParameters;
  return {
    [`/${type}`]: { get: { operationId: `list${pascal(type)}`, summary: `${label}列表`, tags: [label], parameters: params, responses: { ...errors, '200': ok(listOf(`${pascal(type)}Item`)) } } },
    [`/${type}/{key}`]: { get: { operationId: `get${pascal(type)}`, summary: `${label}详情（documentId）`, tags: [label], parameters: key('documentId'), responses: detail } },
    [`/${type}/by-slug/{key}`]: { get: { operationId: `get${pascal(type)}BySlug`, summary: `${label}详情（网址别名）`, tags: [label], parameters: key('slug'), responses: detail } },
    [`/${type}/by-index-number/{key}`]: {
      get: { operationId: `get${pascal(type)}ByIndexNumber`, summary: `${label}详情（索引号，斜杠编码为 %2F）`, tags: [label], parameters: key('索引号'), responses: detail },
    },
  };
}

/** The 依申请公开 form: open to anyone (no token), with budgets per client address of their own. */
const tooMany = errors['429'];
const applicationPaths = {
  '/applications/form': {
    get: {
      operationId: 'getApplicationForm',
      summary: '依申请公开：申请表的选项与限制',
      tags: ['依申请公开'],
      security: [],
      responses: { '200': json(object({ data: ref('ApplicationForm') }), '成功'), '429': tooMany },
    },
  },
  '/applications': {
    post: {
      operationId: 'submitApplication',
      summary: '依申请公开：提交政府信息公开申请（网上申请）',
      description: '成功时返回申请编号和查询码；查询码只显示这一次，请申请人妥善保存。网上申请在机关确认收到后才开始计算答复期限（条例第三十一条）。',
      tags: ['依申请公开'],
      security: [],
      requestBody: { required: true, content: { 'application/json': { schema: ref('ApplicationSubmission') } } },
      responses: {
        '201': json(object({ data: ref('ApplicationReceipt') }), '已提交'),
        '400': json(ref('Error'), '填写有误（VALIDATION_FAILED，error.details.errors 逐项列出字段、代码和中文说明；CAPTCHA_FAILED；INVALID_BODY）'),
        '413': json(ref('Error'), '请求内容过大（BODY_TOO_LARGE）'),
        '429': tooMany,
      },
    },
  },
  '/applications/status': {
    get: {
      operationId: 'getApplicationStatus',
      summary: '依申请公开：凭申请编号和查询码查询办理进度',
      description: '只返回办理状态、关键日期和答复告知书，不返回申请人信息。申请编号不存在与查询码错误的响应完全相同（404 APPLICATION_NOT_FOUND）。',
      tags: ['依申请公开'],
      security: [],
      parameters: [
        { name: 'code', in: 'query', required: true, description: '申请编号', schema: { type: 'string', maxLength: 32 } },
        { name: 'secret', in: 'query', required: true, description: '查询码（不区分大小写，可含空格或连字符）', schema: { type: 'string', maxLength: 64 } },
      ],
      responses: {
        '200': json(object({ data: ref('ApplicationStatus') }), '成功'),
        '400': json(ref('Error'), '缺少申请编号或查询码'),
        '404': json(ref('Error'), '申请编号不存在或查询码错误（APPLICATION_NOT_FOUND）'),
        '429': tooMany,
      },
    },
  },
};

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongkai 内容接口 Consumer API',
      version: '1.0.0',
      description:
        '县市、部门网站读取已发布（主动公开）信息的接口。每个请求须携带接入网站的访问令牌（Authorization: Bearer gks_…），' +
        '依申请公开的申请表、提交和进度查询（/applications…）除外：任何人无需令牌即可使用，按客户端地址限流。' +
        '响应带强 ETag，可用 If-None-Match 取得 304。变更流 /feed 按提交顺序返回发布、更新、撤回事件；' +
        '带 include=taxonomy 时还返回机构、公开目录分类、主题分类的变更事件（taxonomy.created / taxonomy.updated / taxonomy.deleted）。',
    },
    servers: [{ url: `${serverUrl ?? ''}/api/disclosure` }],
    security: [{ siteToken: [] }],
    paths: {
      '/site': { get: { operationId: 'getSite', summary: '本接入网站', responses: { ...errors, '200': ok(one('Site')) } } },
      '/organizations': { get: { operationId: 'listOrganizations', summary: '可读取的机构（含信息公开指南）', responses: { ...errors, '200': ok(object({ data: { type: 'array', items: ref('Organization') } })) } } },
      '/categories': { get: { operationId: 'listCategories', summary: '可读取的公开目录分类', responses: { ...errors, '200': ok(object({ data: { type: 'array', items: ref('Category') } })) } } },
      '/topics': { get: { operationId: 'listTopics', summary: '主题分类', responses: { ...errors, '200': ok(object({ data: { type: 'array', items: ref('Topic') } })) } } },
      '/entries': {
        get: {
          operationId: 'listEntries',
          summary: '全部类型的信息（检索）',
          parameters: [...listParameters, { name: 'type', in: 'query', schema: { type: 'string', enum: TYPES } }],
          responses: { ...errors, '200': ok(listOf('EntrySummary')) },
        },
      },
      '/search': {
        get: {
          operationId: 'search',
          summary: '全文检索：名称、概述、正文、文号、索引号、主题词及附件（PDF、DOCX）文字，按相关度排序',
          parameters: [
            { name: 'q', in: 'query', required: true, description: '搜索词；中文按词切分，也匹配连续的字串', schema: { type: 'string', minLength: 1, maxLength: SEARCH_MAX_QUERY } },
            { name: 'type', in: 'query', schema: { type: 'string', enum: TYPES } },
            { name: 'organization', in: 'query', description: '机构 documentId 或代码（含下属机构）', schema: str },
            { name: 'category', in: 'query', description: '公开目录分类 documentId 或代码（含下级分类）', schema: str },
            { name: 'from', in: 'query', description: '首次发布日期起（YYYY-MM-DD）', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', description: '首次发布日期止（YYYY-MM-DD）', schema: { type: 'string', format: 'date' } },
            { name: 'page', in: 'query', description: `页码；页码 × 每页条数不得超过 ${SEARCH_MAX_DEPTH}，否则 400 PAGE_TOO_DEEP`, schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: SEARCH_MAX_PAGE_SIZE, default: 20 } },
          ],
          responses: { ...errors, '200': ok(object({ data: { type: 'array', items: ref('SearchHit') }, meta: object({ pagination: ref('SearchPagination') }) })) },
        },
      },
      '/feed': {
        get: {
          operationId: 'readFeed',
          summary: '变更流',
          parameters: [
            { name: 'since', in: 'query', description: '上次响应的 meta.cursor；不带则从头读取', schema: str },
            {
              name: 'limit',
              in: 'query',
              description: '最多返回的事件数；一次请求检查的事件有上限，返回的可能更少（甚至为空）而 hasMore 为 true：按 hasMore 继续读取',
              schema: { type: 'integer', minimum: 1, maximum: MAX_FEED_LIMIT, default: 100 },
            },
            {
              name: 'include',
              in: 'query',
              description: 'taxonomy：同时返回机构、公开目录分类、主题分类的变更事件（TaxonomyEvent），与信息事件按提交顺序交错；不带则只有信息事件',
              schema: { type: 'string', enum: ['taxonomy'] },
            },
          ],
          responses: { ...errors, '200': ok(ref('FeedPage')) },
        },
      },
      ...Object.assign({}, ...TYPES.map(typePaths)),
      '/consumer/annual-reports/{key}/export': {
        get: {
          operationId: 'exportAnnualReport',
          summary: '已发布年度报告的导出（JSON、可打印的 HTML、XLSX）；也可用 /annual-reports/{key}/export',
          tags: [CONSUMER_TYPES['annual-reports'].label],
          parameters: [
            { name: 'key', in: 'path', required: true, description: 'documentId', schema: str },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'html', 'xlsx'], default: 'json' } },
          ],
          responses: {
            ...errors,
            '200': {
              description: 'format=json：报告数据（frozen: true）；html：可打印页面；xlsx：电子表格（附件）',
              content: {
                'application/json': { schema: ref('AnnualReport') },
                'text/html': { schema: str },
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
              },
            },
            '404': json(ref('Error'), '不存在、未发布或不在本网站范围内'),
            '410': json(ref('Error'), '已撤回'),
          },
        },
      },
      ...applicationPaths,
    },
    components: {
      securitySchemes: { siteToken: { type: 'http', scheme: 'bearer', description: '接入网站访问令牌（gks_ 开头），在管理后台签发，只显示一次' } },
      schemas,
    },
    webhooks: {
      feedEvent: {
        post: {
          summary: '推送：每个变更流事件',
          description:
            '请求头 X-Gongkai-Signature: t=<Unix 秒>,v1=<HMAC-SHA256(签名密钥, "<t>.<原始请求体>") 的十六进制>；X-Gongkai-Event；Idempotency-Key（同一事件对同一网站的每次重试相同）。' +
            '请用常量时间比较签名并拒绝超过 5 分钟的时间戳。返回 2xx 表示已接收；失败按指数退避重试 24 小时后转入死信。',
          requestBody: { content: { 'application/json': { schema: ref('FeedEvent') } } },
          responses: { '200': { description: '已接收' } },
        },
      },
      taxonomyEvent: {
        post: {
          summary: '推送：机构、公开目录分类、主题分类的变更（接入网站勾选“推送机构与分类变更”时）',
          description:
            '与信息事件同一推送地址、同样的签名和重试；X-Gongkai-Event 为 taxonomy.created、taxonomy.updated 或 taxonomy.deleted。' +
            '推送只发给事件发生时已订阅的网站（首次启动时演示数据创建的机构和分类早于任何接入网站，不推送）：新接入的网站先读取 /organizations、/categories、/topics，或带 include=taxonomy 从头读取变更流。',
          requestBody: { content: { 'application/json': { schema: ref('TaxonomyEvent') } } },
          responses: { '200': { description: '已接收' } },
        },
      },
    },
  };
}

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A docs page rendered on the server from the document (no script: the server's CSP allows none inline, and no CDN). */
export function docsPage(serverUrl?: string) {
  const doc = openApiDocument(serverUrl);
  const base = doc.servers[0].url;
  const operations = Object.entries(doc.paths as Record<string, any>)
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]: [string, any]) => ({ path, method, op })))
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? []).map((p: any) => `<li><code>${escape(p.name)}</code>（${escape(p.in)}）${p.description ? `：${escape(p.description)}` : ''}</li>`).join('');
      const about = op.description ? `<p>${escape(op.description)}</p>` : '';
      const body = op.requestBody ? `<p>请求体：<code>${escape(op.requestBody.content['application/json'].schema.$ref.split('/').pop())}</code>（JSON）</p>` : '';
      return `<section><h3><span class="get">${escape(method.toUpperCase())}</span> <code>${escape(base + path)}</code></h3><p>${escape(op.summary)}</p>${about}${params ? `<ul>${params}</ul>` : ''}${body}<p>响应：${Object.keys(op.responses).map(escape).join('、')}</p></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gongkai 内容接口文档</title>
<style>body{font:16px/1.6 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
code,pre{background:#f3f3f3;padding:.1rem .3rem}pre{padding:.8rem;overflow:auto}h2{border-bottom:1px solid #ccc}
.get{background:#0b5394;color:#fff;padding:.1rem .4rem;border-radius:3px}a{color:#0b5394}</style></head>
<body><main><h1>${escape(doc.info.title)}</h1>
<p>${escape(doc.info.description)}</p>
<p>机器可读文档：<a href="openapi.json">openapi.json</a>（OpenAPI 3.1），可用其生成客户端；TypeScript 客户端见仓库 <code>types/consumer-api/</code>。</p>
<h2>接口</h2>
${operations}
<h2>推送（Webhooks）</h2>
<p>${escape(doc.webhooks.feedEvent.post.description)}</p>
<h2>数据结构</h2>
<pre>${escape(JSON.stringify(doc.components.schemas, null, 2))}</pre>
</main></body></html>`;
}
