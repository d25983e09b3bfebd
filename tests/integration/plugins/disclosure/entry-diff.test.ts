import { createStaff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, organizationId, Team } from '../../../helpers/workflow';

/** 版本比较: what a reviewer of a correction (更正) sees changed, and the entry's released versions. */
let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
}, 300_000);
afterAll(async () => app?.stop());

const BODY_V1 = '各单位：根据年度工作安排，现将统计执法检查有关事项通知如下。请于三月底前报送自查报告。';
const BODY_V2 = '各单位：根据年度工作安排，现将统计执法检查有关事项补充通知如下。请于四月底前报送自查报告。';

/** Released once, then corrected: the author changes exactly the summary and the body, and submits the correction. */
async function correctedEntry() {
  const documentId = await authorDraft(team, { title: '关于开展统计执法检查的通知', body: BODY_V1 });
  await driveTo(app, documentId, 'approved');
  expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);
  expect((await team.author.transition({ uid: ITEM, documentId, action: 'correct', reason: '报送时间有误' })).status).toBe(200);
  const saved = await team.author.put(`${CM_ITEM}/${documentId}`, { summary: '补充通知：报送时间调整为四月底', body: BODY_V2 });
  expect(saved.status).toBe(200);
  expect((await team.author.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
  return documentId;
}

describe('the reviewer’s diff of a correction', () => {
  it('shows exactly the two changed fields, with labels, before → after, and the body’s insertions and deletions', async () => {
    const documentId = await correctedEntry();
    const res = await team.staff.reviewer.get(`/disclosure/history/${ITEM}/${documentId}`);
    expect(res.status).toBe(200);
    const { diff } = res.body.data;
    expect(diff.against).toMatchObject({ kind: 'released', version: 1, releasedBy: { actor: `admin:${team.staff.publisher.id}`, name: expect.any(String) }, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(diff.against.releasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const byField = Object.fromEntries(diff.changes.map((c: any) => [c.field, c]));
    expect(Object.keys(byField).sort()).toEqual(['body', 'summary']);
    expect(byField.summary).toMatchObject({ label: '内容概述', kind: 'changed', beforeText: expect.stringMatching(/的内容概述$/), afterText: '补充通知：报送时间调整为四月底' });
    expect(byField.body).toMatchObject({ label: '正文', labelEn: 'Body', kind: 'changed', before: BODY_V1, after: BODY_V2 });
    const hunks: { added?: boolean; removed?: boolean; value: string }[] = byField.body.hunks;
    expect(hunks.filter((h) => h.added).map((h) => h.value)).toEqual(['补充', '四']);
    expect(hunks.filter((h) => h.removed).map((h) => h.value)).toEqual(['三']);
    expect(hunks.filter((h) => !h.added).map((h) => h.value).join('')).toBe(BODY_V1);
    expect(hunks.filter((h) => !h.removed).map((h) => h.value).join('')).toBe(BODY_V2);
  });

  it('is empty right after a release, and absent for an entry never released', async () => {
    const documentId = await authorDraft(team);
    expect((await team.author.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data.diff).toBeNull();
    await driveTo(app, documentId, 'released');
    const { diff } = (await team.author.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data;
    expect(diff).toMatchObject({ against: { version: 1, releasedBy: { actor: 'system', name: '系统' } }, changes: [] });
  });
});

describe('the reviewer’s diff of an entry never released', () => {
  it('compares the draft with the content last approved, once an edit after approval sends it back', async () => {
    const documentId = await authorDraft(team, { title: '关于开展统计执法检查的通知', body: BODY_V1 });
    await driveTo(app, documentId, 'approved');
    const approved = (await team.staff.reviewer.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data.diff;
    expect(approved).toMatchObject({ against: { kind: 'approved', approvedAt: expect.any(String), contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }, changes: [] });

    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { body: BODY_V2 })).status).toBe(200);
    const { diff } = (await team.staff.reviewer.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data;
    expect(diff.against).toMatchObject({ kind: 'approved', contentHash: approved.against.contentHash });
    expect(diff.changes.map((c: any) => c.field)).toEqual(['body']);
    expect(diff.changes[0]).toMatchObject({ before: BODY_V1, after: BODY_V2 });
  });
});

describe('released versions', () => {
  it('lists each release with who released it, and shows a version with its diff against the one before', async () => {
    const documentId = await correctedEntry();
    for (const _ of [1, 2, 3]) await app.strapi.plugin('disclosure').service('workflow').transition({ uid: ITEM, documentId, action: 'approve' }, 'system');
    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);

    const list = await team.staff.editor.get(`/disclosure/versions/${ITEM}/${documentId}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({ version: 1, releasedBy: { actor: `admin:${team.staff.publisher.id}`, name: expect.any(String) } }),
      expect.objectContaining({ version: 2, releasedBy: { actor: `admin:${team.staff.publisher.id}`, name: expect.any(String) } }),
    ]);
    expect(list.body.data[0].contentHash).not.toBe(list.body.data[1].contentHash);

    const second = await team.staff.editor.get(`/disclosure/versions/${ITEM}/${documentId}/2`);
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({ version: 2, previous: { version: 1 }, content: { title: '关于开展统计执法检查的通知', body: BODY_V2, summary: '补充通知：报送时间调整为四月底' } });
    expect(second.body.data.content.publishingOrganization).toEqual({ documentId: team.refs.org.documentId, label: expect.any(String) });
    expect(second.body.data.fields).toEqual(expect.arrayContaining([{ name: 'body', type: 'richtext', label: '正文', labelEn: 'Body' }]));
    expect(second.body.data.diff.map((c: any) => c.field).sort()).toEqual(['body', 'summary']);

    const first = (await team.staff.editor.get(`/disclosure/versions/${ITEM}/${documentId}/1`)).body.data;
    expect(first).toMatchObject({ version: 1, previous: null, diff: null, content: { body: BODY_V1 } });
    // The draft is now the released version 2: nothing to review.
    expect((await team.staff.reviewer.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data.diff).toMatchObject({ against: { version: 2 }, changes: [] });

    const missing = await team.staff.editor.get(`/disclosure/versions/${ITEM}/${documentId}/3`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.code).toBe('VERSION_NOT_FOUND');
    const malformed = await team.staff.editor.get(`/disclosure/versions/${ITEM}/${documentId}/zero`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.code).toBe('INVALID_VERSION');
  });

  it('is refused to another organization’s editor, like the history', async () => {
    const documentId = await correctedEntry();
    const stranger = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
    for (const path of [`/disclosure/history/${ITEM}/${documentId}`, `/disclosure/versions/${ITEM}/${documentId}`, `/disclosure/versions/${ITEM}/${documentId}/1`]) {
      const res = await stranger.get(path);
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('OUT_OF_SCOPE');
      expect(JSON.stringify(res.body)).not.toContain('统计执法检查');
    }
  });
});

describe('entries released before versions were kept', () => {
  it('get their published row as version 1 at boot, once', async () => {
    const documentId = await authorDraft(team, { body: BODY_V1 });
    await driveTo(app, documentId, 'released');
    const { strapi } = app;
    // As if released before the table existed.
    await strapi.db.connection('disclosure_entry_versions').where({ document_id: documentId }).delete();
    await strapi.store.delete({ type: 'plugin', name: 'disclosure', key: 'entry-versions-backfilled' });
    const versions = strapi.plugin('disclosure').service('entry-versions');
    await versions.backfill();
    await versions.backfill();
    const list = await versions.list(ITEM, documentId);
    expect(list).toEqual([expect.objectContaining({ version: 1, releasedBy: { actor: 'system', name: '系统' } })]);
    expect((await versions.get(ITEM, documentId, 1)).content).toMatchObject({ body: BODY_V1 });
    expect(await versions.draftDiff(ITEM, documentId)).toMatchObject({ changes: [] });
  });
});
