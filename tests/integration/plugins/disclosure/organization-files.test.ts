import { payloads } from '../../../helpers/fixtures';
import { createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { CM_ITEM, createTeam, ITEM, organizationId, Team } from '../../../helpers/workflow';

/**
 * Editors upload and attach files; every upload route shows and lets them manage only files uploaded by their own
 * organization (the seeded roles' upload permissions carry the organization-files condition), and the document
 * service refuses attaching another organization's file.
 */
let app: TestApp;
let team: Team;
let editorA: Staff;
let colleagueA: Staff;
let reviewerA: Staff;
let editorB: Staff;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  editorA = team.author;
  colleagueA = team.staff.editor;
  reviewerA = team.staff.reviewer;
  editorB = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
});
afterAll(async () => {
  await app?.stop();
});

let n = 0;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const uploadAs = (staff: Staff, filename = `file-${++n}.pdf`, path = '/upload') =>
  app.http().post(path).set('Authorization', `Bearer ${staff.token}`).attach('files', pdf(filename), { filename, contentType: 'application/pdf' });
async function uploaded(staff: Staff) {
  const res = await uploadAs(staff);
  expect(res.status).toBe(201);
  return (Array.isArray(res.body) ? res.body[0] : res.body) as { id: number; name: string };
}
const listed = async (staff: Staff) => {
  const res = await staff.get('/upload/files?page=1&pageSize=100');
  expect(res.status).toBe(200);
  return res.body.results.map((f: { id: number }) => f.id) as number[];
};
const exists = async (id: number) => (await app.strapi.db.query('plugin::upload.file').count({ where: { id } })) === 1;
const settled = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('editors upload files and see only their organization’s', () => {
  it('every staff role reads the upload settings; editors upload', async () => {
    for (const staff of [editorA, reviewerA, team.staff.publisher, editorB]) expect((await staff.get('/upload/settings')).status).toBe(200);
    expect((await uploadAs(editorA)).status).toBe(201);
    expect((await uploadAs(editorB, 'b.pdf', '/upload/files')).status).toBe(201);
    // Reviewers and publishers read the files they review; they do not upload.
    expect((await uploadAs(reviewerA)).status).toBe(403);
  });

  it('a file uploaded in organization A is listed and readable in A, and invisible to organization B', async () => {
    const file = await uploaded(editorA);
    const fileB = await uploaded(editorB);
    for (const staff of [editorA, colleagueA, reviewerA]) {
      const ids = await listed(staff);
      expect(ids).toContain(file.id);
      expect(ids).not.toContain(fileB.id);
      expect((await staff.get(`/upload/files/${file.id}`)).status).toBe(200);
    }
    const seenByB = await listed(editorB);
    expect(seenByB).toContain(fileB.id);
    expect(seenByB).not.toContain(file.id);
    expect((await editorB.get(`/upload/files/${file.id}`)).status).toBe(403);
    // Filters cannot widen the listing.
    const filtered = await editorB.get(`/upload/files?filters[id][$eq]=${file.id}`);
    expect(filtered.body.results ?? []).toEqual([]);
  });

  it('organization B cannot rename, replace, move or delete A’s file, by any route; A can', async () => {
    const file = await uploaded(editorA);
    const before = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
    expect((await editorB.put(`/upload/files/${file.id}`, { fileInfo: { name: '被B改名.pdf' } })).status).toBe(403);
    expect((await editorB.post(`/upload?id=${file.id}`, { fileInfo: { name: '被B改名.pdf' } })).status).toBe(403);
    expect((await editorB.post('/upload/actions/bulk-update', { updates: [{ id: file.id, fileInfo: { name: '被B改名.pdf' } }] })).status).toBe(403);
    const replaced = await app
      .http()
      .post(`/upload/files/${file.id}/replace`)
      .set('Authorization', `Bearer ${editorB.token}`)
      .attach('files', pdf('B的内容'), { filename: 'b.pdf', contentType: 'application/pdf' });
    expect(replaced.status).toBe(403);
    expect((await editorB.del(`/upload/files/${file.id}`)).status).toBe(403);
    const bulkDelete = await editorB.post('/upload/actions/bulk-delete', { fileIds: [file.id] });
    expect(bulkDelete.status).toBe(403);
    expect(bulkDelete.body.error.details.code).toBe('FILE_OUT_OF_SCOPE');
    const folder = await editorB.post('/upload/folders', { name: `B的目录 ${++n}`, parent: null });
    expect(folder.status).toBe(201);
    expect((await editorB.post('/upload/actions/bulk-move', { fileIds: [file.id], destinationFolderId: folder.body.data.id })).status).toBe(403);
    // Reviewers of A read A's files but do not change them.
    expect((await reviewerA.del(`/upload/files/${file.id}`)).status).toBe(403);
    await settled();
    const after = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id }, populate: ['folder'] });
    expect({ name: after.name, hash: after.hash, folder: after.folder }).toEqual({ name: before.name, hash: before.hash, folder: null });

    expect((await colleagueA.put(`/upload/files/${file.id}`, { fileInfo: { name: '同事改名.pdf' } })).status).toBe(200);
    expect((await editorA.del(`/upload/files/${file.id}`)).status).toBe(200);
    await settled();
    expect(await exists(file.id)).toBe(false);
  });

  it('deleting a folder that holds another organization’s file is refused and deletes nothing', async () => {
    const admin = team.staff.sysadmin;
    const folder = await admin.post('/upload/folders', { name: `共享目录 ${++n}`, parent: null });
    const fileA = await uploaded(editorA);
    const fileB = await uploaded(editorB);
    expect((await admin.post('/upload/actions/bulk-move', { fileIds: [fileA.id, fileB.id], destinationFolderId: folder.body.data.id })).status).toBe(200);
    const res = await editorB.post('/upload/actions/bulk-delete', { folderIds: [folder.body.data.id] });
    expect(res.status).toBe(403);
    expect(res.body.error.details.fileIds).toEqual([fileA.id]);
    await settled();
    expect([await exists(fileA.id), await exists(fileB.id)]).toEqual([true, true]);
    // Their own file in it they may delete in bulk.
    expect((await editorB.post('/upload/actions/bulk-delete', { fileIds: [fileB.id] })).status).toBe(200);
  });
});

describe('attaching files to entries', () => {
  it('an editor attaches their organization’s files, never another organization’s', async () => {
    const fileA = await uploaded(editorA);
    const fileB = await uploaded(editorB);
    const ok = await colleagueA.post(CM_ITEM, { ...payloads(team.refs)[ITEM](`带附件 ${++n}`), attachments: [fileA.id] });
    expect(ok.status).toBe(201);

    const foreignOnCreate = await editorA.post(CM_ITEM, { ...payloads(team.refs)[ITEM](`偷附件 ${++n}`), attachments: [fileA.id, fileB.id] });
    expect(foreignOnCreate.status).toBe(403);
    expect(foreignOnCreate.body.error.details).toMatchObject({ code: 'FILE_OUT_OF_SCOPE', fileIds: [fileB.id] });
    expect(foreignOnCreate.body.error.details.errors[0].path).toEqual(['attachments']);

    const documentId = ok.body.data.documentId;
    const foreignOnUpdate = await editorA.put(`${CM_ITEM}/${documentId}`, { attachments: [fileA.id, fileB.id] });
    expect(foreignOnUpdate.status).toBe(403);
    const stored = await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null }, populate: ['attachments'] });
    expect(stored.attachments.map((f: { id: number }) => f.id)).toEqual([fileA.id]);
    // A file already on the entry stays when others edit it.
    expect((await editorA.put(`${CM_ITEM}/${documentId}`, { title: `带附件（改） ${n}`, attachments: [fileA.id] })).status).toBe(200);
  });
});

describe('roles seeded before editors could attach files', () => {
  it('get the upload permissions once at boot; permissions an administrator removes later stay removed', async () => {
    const roles = app.strapi.plugin('disclosure').service('roles');
    const store = app.strapi.store({ type: 'plugin', name: 'disclosure' });
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'disclosure-editor' } });
    const uploadActions = async () =>
      (await app.strapi.db.query('admin::permission').findMany({ where: { role: role.id, action: { $startsWith: 'plugin::upload.' } } }))
        .map((p: { action: string; conditions: string[] }) => `${p.action} ${p.conditions.join(',')}`)
        .sort();
    const granted = await uploadActions();
    expect(granted).toContain('plugin::upload.read plugin::disclosure.organization-files');
    expect(granted).toContain('plugin::upload.assets.create ');

    // An older installation: the role exists without upload permissions and the grant has not run.
    await app.strapi.db.query('admin::permission').deleteMany({ where: { role: role.id, action: { $startsWith: 'plugin::upload.' } } });
    await store.delete({ key: 'upload-permissions-granted' });
    await roles.seedRoles();
    expect(await uploadActions()).toEqual(granted);

    await app.strapi.db.query('admin::permission').deleteMany({ where: { role: role.id, action: 'plugin::upload.assets.create' } });
    await roles.seedRoles();
    expect(await uploadActions()).toEqual(granted.filter((a) => !a.startsWith('plugin::upload.assets.create')));
  });
});
