import { createRefs, fullAccessToken, payloads, Refs } from '../helpers';
import { startApp, TestApp } from '../helpers/strapi';

let app: TestApp;
let refs: Refs;
let token: string;

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  token = await fullAccessToken(app.strapi);
});
afterAll(async () => app?.stop());

const rowCount = async (uid: string) => app.strapi.db.query(uid).count();

/** POSTs through REST and checks the 400 names the field in Chinese and stored nothing. */
async function rejected(plural: string, uid: string, data: Record<string, unknown>) {
  const before = await rowCount(uid);
  const sequencesBefore = await app.strapi.db.connection('disclosure_index_numbers').count('* as n');
  const res = await app.http().post(`/api/${plural}`).set('Authorization', `Bearer ${token}`).send({ data });
  expect(res.status).toBe(400);
  expect(res.body.error.name).toBe('ValidationError');
  expect(await rowCount(uid)).toBe(before);
  expect(await app.strapi.db.connection('disclosure_index_numbers').count('* as n')).toEqual(sequencesBefore);
  return res.body.error;
}

const errorAt = (error: any, path: (string | number)[]) => error.details.errors.find((e: any) => JSON.stringify(e.path) === JSON.stringify(path));

describe('bad input is refused with the field, a Chinese message and a stable code, and nothing is stored', () => {
  it('missing title', async () => {
    const { title, ...data } = payloads(refs)['api::disclosure-item.disclosure-item']('x');
    const error = await rejected('disclosure-items', 'api::disclosure-item.disclosure-item', data);
    expect(errorAt(error, ['title'])).toMatchObject({ code: 'REQUIRED', message: '名称不能为空' });
    expect(error.message).toMatch(/名称不能为空/);
  });

  it('blank title', async () => {
    const error = await rejected('disclosure-items', 'api::disclosure-item.disclosure-item', {
      ...payloads(refs)['api::disclosure-item.disclosure-item']('x'),
      title: '   ',
    });
    expect(errorAt(error, ['title']).code).toBe('REQUIRED');
  });

  it('exemption reason missing while 公开属性 is not 主动公开', async () => {
    const error = await rejected('policies', 'api::policy.policy', {
      ...payloads(refs)['api::policy.policy']('依申请公开的文件'),
      disclosureAttribute: 'on_request',
    });
    expect(errorAt(error, ['exemptionReason'])).toMatchObject({ code: 'EXEMPTION_REASON_REQUIRED' });
    expect(errorAt(error, ['exemptionReason']).message).toContain('依申请公开');
  });

  it('exemption reason 其他 without an explanation', async () => {
    const error = await rejected('policies', 'api::policy.policy', {
      ...payloads(refs)['api::policy.policy']('不予公开的文件'),
      disclosureAttribute: 'exempt',
      exemptionReason: 'other',
    });
    expect(errorAt(error, ['exemptionReasonDetail']).code).toBe('EXEMPTION_REASON_DETAIL_REQUIRED');
  });

  it('interpretation without a policy', async () => {
    const { policy, ...data } = payloads(refs)['api::interpretation.interpretation']('没有政策的解读');
    const error = await rejected('interpretations', 'api::interpretation.interpretation', data);
    expect(errorAt(error, ['policy'])).toMatchObject({ code: 'REQUIRED', message: '解读的政策文件不能为空' });
  });

  it('expiry date before the written date', async () => {
    const error = await rejected('policies', 'api::policy.policy', {
      ...payloads(refs)['api::policy.policy']('有效期错误的文件'),
      writtenDate: '2025-03-01',
      effectiveDate: '2025-03-01',
      expiryDate: '2024-12-31',
    });
    expect(errorAt(error, ['expiryDate'])).toMatchObject({ code: 'DATE_ORDER', message: '有效期至不能早于成文日期' });
  });

  it('bid opening before the submission deadline', async () => {
    const error = await rejected('procurement-notices', 'api::procurement-notice.procurement-notice', {
      ...payloads(refs)['api::procurement-notice.procurement-notice']('开标时间错误的公告'),
      openingTime: '2025-03-31T10:00:00+08:00',
    });
    expect(errorAt(error, ['openingTime']).code).toBe('DATE_ORDER');
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['an instant without its offset (its Beijing day is unknown)', '2026-03-01T16:30:00'],
    ['another format', '2026/03/02'],
  ])('形成或变更日期 as %s', async (_case, formedOrChangedAt) => {
    const error = await rejected('disclosure-items', 'api::disclosure-item.disclosure-item', {
      ...payloads(refs)['api::disclosure-item.disclosure-item']('形成日期错误'),
      formedOrChangedAt,
    });
    expect(error.details.errors).toEqual([expect.objectContaining({ path: ['formedOrChangedAt'], code: 'INVALID_DATE', message: '形成或变更日期应为 YYYY-MM-DD 格式的日期' })]);
    expect(error.message).toBe('形成或变更日期应为 YYYY-MM-DD 格式的日期');
  });

  it('形成或变更日期 on an update too: the stored date stays', async () => {
    const created = await app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: { ...payloads(refs)['api::disclosure-item.disclosure-item']('形成日期更新'), formedOrChangedAt: '2026-03-02' } });
    expect(created.status).toBe(201);
    expect(created.body.data.formedOrChangedAt).toBe('2026-03-02');
    const res = await app.http().put(`/api/disclosure-items/${created.body.data.documentId}`).set('Authorization', `Bearer ${token}`).send({ data: { formedOrChangedAt: '2026-02-30' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['formedOrChangedAt'], code: 'INVALID_DATE' });
    const row = await app.strapi.db.query('api::disclosure-item.disclosure-item').findOne({ where: { documentId: created.body.data.documentId, publishedAt: null } });
    expect(row.formedOrChangedAt).toBe('2026-03-02');
  });

  it('a 双公示 record without its decision number', async () => {
    const { decisionNumber, ...data } = payloads(refs)['api::dual-publicity-record.dual-publicity-record']('缺少文书号');
    const error = await rejected('dual-publicity-records', 'api::dual-publicity-record.dual-publicity-record', data);
    expect(errorAt(error, ['decisionNumber'])).toMatchObject({ code: 'REQUIRED', message: '决定文书号不能为空' });
  });

  it('a 双公示 record whose public period ends before its decision', async () => {
    const error = await rejected('dual-publicity-records', 'api::dual-publicity-record.dual-publicity-record', {
      ...payloads(refs)['api::dual-publicity-record.dual-publicity-record']('公示期错误'),
      publicUntil: '2025-01-01',
    });
    expect(errorAt(error, ['publicUntil'])).toMatchObject({ code: 'DATE_ORDER', message: '公示截止日期不能早于决定日期' });
  });

  it('a value outside an enumeration, and a malformed organization code', async () => {
    const error = await rejected('policies', 'api::policy.policy', { ...payloads(refs)['api::policy.policy']('x'), validity: 'forever' });
    expect(errorAt(error, ['validity'])).toMatchObject({ code: 'INVALID_OPTION', message: '有效性的取值不在可选范围内' });
    const res = await app
      .http()
      .post('/api/organizations')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: '格式错误的机构', code: 'abc', kind: 'town' } });
    expect(res.status).toBe(400);
    expect(errorAt(res.body.error, ['code'])).toMatchObject({ code: 'INVALID_FORMAT', message: '机构代码格式不正确' });
  });

  it('a recruitment position with no headcount', async () => {
    const error = await rejected('recruitment-notices', 'api::recruitment-notice.recruitment-notice', {
      ...payloads(refs)['api::recruitment-notice.recruitment-notice']('岗位人数错误'),
      positions: [{ name: '岗位', headcount: 0 }],
    });
    expect(error.details.errors.some((e: any) => e.path[0] === 'positions')).toBe(true);
  });

  it('no publishing organization', async () => {
    const { publishingOrganization, ...data } = payloads(refs)['api::disclosure-item.disclosure-item']('没有发布机构');
    const error = await rejected('disclosure-items', 'api::disclosure-item.disclosure-item', data);
    expect(errorAt(error, ['publishingOrganization']).message).toBe('发布机构不能为空');
  });
});

describe('edits are held to the same rules', () => {
  it('an update that breaks a rule is refused and the stored entry is unchanged', async () => {
    const data = payloads(refs)['api::policy.policy']('将被错误修改的文件');
    const doc = await app.strapi.documents('api::policy.policy').create({ data });
    const res = await app
      .http()
      .put(`/api/policies/${doc.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: '新标题', expiryDate: '2020-01-01' } });
    expect(res.status).toBe(400);
    expect(errorAt(res.body.error, ['expiryDate']).code).toBe('DATE_ORDER');
    const stored = await app.strapi.documents('api::policy.policy').findOne({ documentId: doc.documentId });
    expect(stored.title).toBe('将被错误修改的文件');
    expect(stored.expiryDate).toBe(data.expiryDate);
  });

  it('removing the policy from an interpretation is refused through the document service too', async () => {
    const doc = await app.strapi.documents('api::interpretation.interpretation').create({
      data: payloads(refs)['api::interpretation.interpretation']('解读'),
    });
    await expect(
      app.strapi.documents('api::interpretation.interpretation').update({ documentId: doc.documentId, data: { policy: null } })
    ).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['policy'] })] } });
    const stored = await app.strapi.documents('api::interpretation.interpretation').findOne({ documentId: doc.documentId, populate: ['policy'] });
    expect(stored.policy.documentId).toBe(refs.policy.documentId);
  });
});
