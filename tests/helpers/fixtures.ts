import { addMonths, toLegalDate } from '../../src/plugins/disclosure/server/src/domain/legal-date';

/**
 * Minimal valid reference data and one valid payload per governed type, written
 * through the document service (documentIds for relations).
 */
export interface Refs {
  org: { documentId: string; code: string };
  otherOrg: { documentId: string; code: string };
  category: { documentId: string; code: string };
  /** 政府信息公开年报 (gknb): the category every annual report is filed under. */
  reportCategory: { documentId: string; code: string };
  topic: { documentId: string };
  policy: { documentId: string };
}

let counter = 0;
const today = () => toLegalDate(new Date());
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export async function createRefs(strapi: any): Promise<Refs> {
  const docs = (uid: string) => strapi.documents(uid);
  const org = await docs('api::organization.organization').create({
    data: { name: '测试市数据局', code: `T${unique()}`.slice(0, 18).padEnd(10, '0'), kind: 'work_department' },
  });
  const otherOrg = await docs('api::organization.organization').create({
    data: { name: '测试市财政局', code: `F${unique()}`.slice(0, 18).padEnd(10, '0'), kind: 'work_department' },
  });
  const category = await docs('api::disclosure-category.disclosure-category').create({
    data: { name: '统计信息', code: `tjxx-${unique().toLowerCase()}` },
  });
  const topic = await docs('api::topic.topic').create({ data: { name: '综合政务', code: `t-${unique().toLowerCase()}` } });
  const reportCategory =
    (await docs('api::disclosure-category.disclosure-category').findFirst({ filters: { code: 'gknb' } })) ??
    (await docs('api::disclosure-category.disclosure-category').create({ data: { name: '政府信息公开年报', code: 'gknb' } }));
  const refs = { org, otherOrg, category, reportCategory, topic } as any;
  const policy = await docs('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('参考政策文件') });
  // Interpretations may only be released after their policy.
  await release(strapi, 'api::policy.policy', policy.documentId);
  return { ...refs, policy };
}

export const catalog = (refs: Pick<Refs, 'org' | 'category' | 'topic'>, title: string) => ({
  title,
  publishingOrganization: refs.org.documentId,
  category: refs.category.documentId,
  topics: [refs.topic.documentId],
  // Formed now: the statutory window is open, so releases are on time unless a test says otherwise.
  formedOrChangedAt: today(),
  summary: `${title}的内容概述`,
});

export const payloads = (refs: any): Record<string, (title: string) => Record<string, unknown>> => ({
  'api::policy.policy': (title) => ({
    ...catalog(refs, title),
    documentNumber: '测试发〔2025〕1号',
    issuingOrganizations: [refs.org.documentId],
    writtenDate: '2025-03-01',
    effectiveDate: '2025-03-10',
    // Still in force whenever the suite runs: an expired policy would be made 失效 by the scheduler.
    expiryDate: addMonths(today(), 60),
    validity: 'valid',
    documentKind: 'normative_document',
    body: '正文',
  }),
  'api::interpretation.interpretation': (title) => ({
    ...catalog(refs, title),
    policy: refs.policy.documentId,
    form: 'qa',
    qa: [{ question: '为什么制定？', answer: '为了依法公开。' }],
  }),
  'api::dual-publicity-record.dual-publicity-record': (title) => ({
    ...catalog(refs, title),
    kind: 'administrative_penalty',
    decisionNumber: '测处罚〔2025〕7号',
    subjectName: '王某某',
    subjectType: 'natural_person',
    idNumber: '110101199003071234',
    decisionDate: today(),
    penaltyAmount: 0.2,
  }),
  'api::procurement-notice.procurement-notice': (title) => ({
    ...catalog(refs, title),
    noticeType: 'procurement_notice',
    projectName: '测试采购项目',
    budgetAmount: 12.5,
    method: 'open_tender',
    submissionDeadline: '2025-04-01T10:00:00+08:00',
    openingTime: '2025-04-01T10:00:00+08:00',
  }),
  'api::recruitment-notice.recruitment-notice': (title) => ({
    ...catalog(refs, title),
    kind: 'public_institution',
    stage: 'recruitment_notice',
    registrationStart: '2025-04-01T10:00:00+08:00',
    registrationEnd: '2025-04-07T18:00:00+08:00',
    positions: [{ name: '数据管理岗', headcount: 2, requirements: '本科' }],
  }),
  'api::disclosure-item.disclosure-item': (title) => ({ ...catalog(refs, title), body: '正文' }),
  // One report per organization and year: each payload takes the next year (2008–2025, then again from 2008), filed
  // under 政府信息公开年报 when that category exists (the entry takes no other).
  'api::annual-report.annual-report': (title) => ({ ...catalog(refs, title), category: null, year: 2008 + (reportYears++ % 18), feesWanYuan: 0, overview: '总体情况' }),
});
let reportYears = 0;

export const GOVERNED: { uid: string; plural: string }[] = [
  { uid: 'api::policy.policy', plural: 'policies' },
  { uid: 'api::interpretation.interpretation', plural: 'interpretations' },
  { uid: 'api::dual-publicity-record.dual-publicity-record', plural: 'dual-publicity-records' },
  { uid: 'api::procurement-notice.procurement-notice', plural: 'procurement-notices' },
  { uid: 'api::recruitment-notice.recruitment-notice', plural: 'recruitment-notices' },
  { uid: 'api::disclosure-item.disclosure-item', plural: 'disclosure-items' },
  { uid: 'api::annual-report.annual-report', plural: 'annual-reports' },
];

/** Releases an entry the only way there is: through the workflow, as the system actor. */
export async function release(strapi: any, uid: string, documentId: string) {
  const workflow = strapi.plugin('disclosure').service('workflow');
  await workflow.transition({ uid, documentId, action: 'submit' }, 'system');
  for (let i = 0; i < workflow.stagesFor(uid).length; i += 1) await workflow.transition({ uid, documentId, action: 'approve' }, 'system');
  return workflow.transition({ uid, documentId, action: 'release', reason: '补录发布' }, 'system');
}
