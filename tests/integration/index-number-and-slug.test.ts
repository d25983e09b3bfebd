import { createRefs, fullAccessToken, release, payloads, Refs } from '../helpers';
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

const ITEM = 'api::disclosure-item.disclosure-item';
const item = (title: string, overrides: Record<string, unknown> = {}) => ({ ...payloads(refs)[ITEM](title), ...overrides });

describe('索引号', () => {
  it('numbers per organization and year with the configured pattern', async () => {
    const docs = app.strapi.documents(ITEM);
    const a = await docs.create({ data: item('索引号一', { formedOrChangedAt: '2024-06-01' }) });
    const b = await docs.create({ data: item('索引号二', { formedOrChangedAt: '2024-07-01' }) });
    const c = await docs.create({ data: item('索引号三', { formedOrChangedAt: '2024-08-01', publishingOrganization: refs.otherOrg.documentId }) });
    expect(a.indexNumber).toBe(`${refs.org.code}/2024-00001`);
    expect(b.indexNumber).toBe(`${refs.org.code}/2024-00002`);
    expect(c.indexNumber).toBe(`${refs.otherOrg.code}/2024-00001`);
  });

  it('takes its year from the Asia/Shanghai day the information was formed', async () => {
    // 2023-12-31T16:30Z is already 2024-01-01 in Beijing.
    const doc = await app.strapi.documents(ITEM).create({ data: item('跨年形成的信息', { formedOrChangedAt: '2023-12-31T16:30:00Z' }) });
    expect(doc.indexNumber).toMatch(/\/2024-\d{5}$/);
  });

  it('20 parallel creates never share a number', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: item(`并发创建 ${i}`, { formedOrChangedAt: '2026-02-02' }) })
      )
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.data.indexNumber);
    expect(new Set(numbers).size).toBe(20);
    const seqs = numbers.map((n: string) => Number(n.split('-').pop())).sort((x: number, y: number) => x - y);
    // One unbroken run: nothing skipped, nothing shared.
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0] + i));
  });

  it('is kept on publish and edit, cannot be set or changed by a client, and is never reused', async () => {
    const docs = app.strapi.documents(ITEM);
    const created = await docs.create({ data: item('不可修改的索引号', { indexNumber: 'FORGED/1999-00001', formedOrChangedAt: '2022-01-05' }) });
    expect(created.indexNumber).toBe(`${refs.org.code}/2022-00001`);

    const res = await app
      .http()
      .put(`/api/disclosure-items/${created.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { indexNumber: 'FORGED/1999-00002', summary: '修改了概述' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['indexNumber'], code: 'FIELD_NOT_WRITABLE', message: '“索引号”不存在或不允许写入' });
    expect((await docs.findOne({ documentId: created.documentId })).summary).not.toBe('修改了概述');
    await docs.update({ documentId: created.documentId, data: { indexNumber: 'FORGED/1999-00003' } });

    await release(app.strapi, ITEM, created.documentId);
    const published = await docs.findOne({ documentId: created.documentId, status: 'published' });
    expect(published.indexNumber).toBe(created.indexNumber);

    const abandoned = await docs.create({ data: item('放弃的草稿', { formedOrChangedAt: '2022-02-05' }) });
    expect(abandoned.indexNumber).toBe(`${refs.org.code}/2022-00002`);
    await docs.delete({ documentId: abandoned.documentId });
    const next = await docs.create({ data: item('删除之后的新条目', { formedOrChangedAt: '2022-03-05' }) });
    expect(next.indexNumber).toBe(`${refs.org.code}/2022-00003`);
  });

  it('a duplicated (cloned) entry gets its own number and slug', async () => {
    const docs = app.strapi.documents(ITEM);
    const source = await docs.create({ data: item('被复制的条目', { formedOrChangedAt: '2021-01-05' }) });
    const clone = await docs.clone({ documentId: source.documentId, data: {} });
    const copy = await docs.findOne({ documentId: clone.documentId });
    expect(copy.indexNumber).toBe(`${refs.org.code}/2021-00002`);
    expect(copy.slug).toBe(`${source.slug}-2`);
  });
});

describe('slugs', () => {
  it('are the pinyin of the Chinese title', async () => {
    const doc = await app.strapi.documents(ITEM).create({ data: item('关于印发《充电基础设施专项规划》的通知') });
    expect(doc.slug).toBe('guan-yu-yin-fa-chong-dian-ji-chu-she-shi-zhuan-xiang-gui-hua-de-tong-zhi');
  });

  it('stay unique within a type: a second entry with the same title gets a suffix', async () => {
    const first = await app.strapi.documents(ITEM).create({ data: item('统计公报') });
    const second = await app.strapi.documents(ITEM).create({ data: item('统计公报') });
    expect(first.slug).toBe('tong-ji-gong-bao');
    expect(second.slug).toBe('tong-ji-gong-bao-2');
  });

  it('stay unique under parallel creates of the same title', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: item('同名的并发条目') })
      )
    );
    const slugs = results.map((r) => r.body.data.slug);
    expect(new Set(slugs).size).toBe(6);
  });

  it('may be chosen by the editor, but not one already used or malformed', async () => {
    const chosen = await app.strapi.documents(ITEM).create({ data: item('自定义别名', { slug: 'zi-ding-yi' }) });
    expect(chosen.slug).toBe('zi-ding-yi');
    const taken = await app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: item('另一个', { slug: 'zi-ding-yi' }) });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.errors[0]).toMatchObject({ path: ['slug'], code: 'SLUG_TAKEN' });
    const malformed = await app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: item('又一个', { slug: 'Not A Slug' }) });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.errors[0].path).toEqual(['slug']);
  });

  it('do not change when the title is edited', async () => {
    const doc = await app.strapi.documents(ITEM).create({ data: item('原来的标题') });
    const updated = await app.strapi.documents(ITEM).update({ documentId: doc.documentId, data: { title: '新的标题' } });
    expect(updated.slug).toBe(doc.slug);
  });
});
