import { createHash } from 'crypto';
import { fullAccessToken } from '../../../helpers';
import { consumerGet, createSite, Site, workflowOf } from '../../../helpers/consumer';
import { Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, Team } from '../../../helpers/workflow';

/**
 * Attachments follow their entries: a file held by a version in review, approved or released cannot be replaced,
 * renamed or deleted through any upload route; the upload folder serves anonymous callers only files of released
 * 主动公开 entries; staff previews use signed, expiring URLs; a draft's replaced file changes its content hash.
 */
let app: TestApp;
let team: Team;
let admin: Staff;
let site: Site;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  admin = team.staff.sysadmin;
  site = await createSite(app, { organizations: [team.refs.org.documentId] });
});
afterAll(async () => {
  await app?.stop();
});

let n = 0;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Uploads a file through the media library's route, as the author does (editors attach their organization's files). */
async function upload(text = `附件内容 ${++n}`, bytes = pdf(text), filename = `attachment-${n}.pdf`, contentType = 'application/pdf') {
  const res = await app.http().post('/upload').set('Authorization', `Bearer ${team.author.token}`).attach('files', bytes, { filename, contentType });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  const file = Array.isArray(res.body) ? res.body[0] : res.body;
  const stored = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
  return { id: file.id as number, url: stored.url as string, name: stored.name as string, bytes, formats: stored.formats as Record<string, { url: string }> | null };
}

/** A photo large enough for Strapi to store a thumbnail beside it. */
const photo = async () => {
  n += 1;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sharp = require('sharp');
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 30, b: n % 255 } } }).png().toBuffer();
  return upload('', bytes, `photo-${n}.png`, 'image/png');
};

const replace = (fileId: number, text: string, filename = 'replacement.pdf') =>
  app.http().post(`/upload?id=${fileId}`).set('Authorization', `Bearer ${admin.token}`).attach('files', pdf(text), { filename, contentType: 'application/pdf' });

/** A draft holding the file, taken to a workflow state by the system. */
async function entryWith(fileId: number, state: 'draft' | 'in_review' | 'approved' | 'released' | 'withdrawn', extra: Record<string, unknown> = {}) {
  const documentId = await authorDraft(team, { attachments: [fileId], ...extra });
  await driveTo(app, documentId, state);
  const title = (await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } })).title;
  return { documentId, title };
}

const anonymous = (url: string) => app.http().get(url).buffer(true).parse((res: any, done: any) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

/** A deletion started before a refusal would carry on after the response: give it time to land before looking. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 1000));

const fileExists = async (id: number) => (await app.strapi.db.query('plugin::upload.file').count({ where: { id } })) === 1;

describe('a file held by a released, approved or in-review version cannot be changed through any upload route', () => {
  it('replacing in place, renaming or deleting a released entry’s file answers 409 naming the entry, and changes nothing', async () => {
    const file = await upload();
    const other = await upload();
    const entry = await entryWith(file.id, 'released');
    const named = { uid: ITEM, documentId: entry.documentId, title: entry.title, state: 'released' };

    const replaced = await replace(file.id, '偷换后的内容');
    expect(replaced.status).toBe(409);
    expect(replaced.body.error.details).toMatchObject({ code: 'FILE_IN_USE', entries: [named] });
    expect(replaced.body.error.message).toContain(entry.title);

    const replacedByRoute = await app
      .http()
      .post(`/upload/files/${file.id}/replace`)
      .set('Authorization', `Bearer ${admin.token}`)
      .attach('files', pdf('偷换后的内容'), { filename: 'replacement.pdf', contentType: 'application/pdf' });
    expect(replacedByRoute.status).toBe(409);

    expect((await admin.post(`/upload?id=${file.id}`, { fileInfo: { name: '改名.pdf' } })).status).toBe(409);
    expect((await admin.put(`/upload/files/${file.id}`, { fileInfo: { name: '改名.pdf' } })).status).toBe(409);
    // Metadata that readers never see may still be edited.
    expect((await admin.put(`/upload/files/${file.id}`, { fileInfo: { alternativeText: '政策原文' } })).status).toBe(200);

    const deleted = await admin.del(`/upload/files/${file.id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.details.entries).toEqual([named]);

    // A bulk delete with one held file removes nothing at all.
    const bulk = await admin.post('/upload/actions/bulk-delete', { fileIds: [other.id, file.id] });
    expect(bulk.status).toBe(409);
    await settled();
    expect(await fileExists(other.id)).toBe(true);

    const content = await app.http().delete(`/api/upload/files/${file.id}`).set('Authorization', `Bearer ${await fullAccessToken(app.strapi)}`);
    expect(content.status).toBe(409);

    const stored = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
    expect({ name: stored.name, sha256: stored.sha256 }).toEqual({ name: file.name, sha256: createHash('sha256').update(file.bytes).digest('hex') });
    const served = await anonymous(file.url);
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body, file.bytes)).toBe(0);
  });

  it('deleting a folder that contains a released entry’s file answers 409 and deletes nothing', async () => {
    const folder = await admin.post('/upload/folders', { name: `附件目录 ${Date.now()}`, parent: null });
    expect(folder.status).toBe(201);
    const folderId = folder.body.data.id;
    const inFolder = async () => {
      const file = await upload();
      expect((await admin.post('/upload/actions/bulk-move', { fileIds: [file.id], destinationFolderId: folderId })).status).toBe(200);
      return file;
    };
    const held = await inFolder();
    const loose = await inFolder();
    const entry = await entryWith(held.id, 'released');
    const res = await admin.post('/upload/actions/bulk-delete', { folderIds: [folderId] });
    expect(res.status).toBe(409);
    expect(res.body.error.details.entries).toEqual([{ uid: ITEM, documentId: entry.documentId, title: entry.title, state: 'released' }]);
    await settled();
    expect({ held: await fileExists(held.id), loose: await fileExists(loose.id) }).toEqual({ held: true, loose: true });
    expect((await anonymous(held.url)).status).toBe(200);
  });

  it.each(['in_review', 'approved'] as const)('a file of an entry %s cannot be replaced or deleted', async (state) => {
    const file = await upload();
    const entry = await entryWith(file.id, state);
    const replaced = await replace(file.id, '审核期间偷换');
    expect(replaced.status).toBe(409);
    expect(replaced.body.error.details.entries).toEqual([{ uid: ITEM, documentId: entry.documentId, title: entry.title, state }]);
    expect((await admin.del(`/upload/files/${file.id}`)).status).toBe(409);
    // The approval still holds: the content it was given for is unchanged, so release goes through.
    if (state === 'approved') expect((await workflowOf(app).transition({ uid: ITEM, documentId: entry.documentId, action: 'release' }, 'system')).state).toBe('released');
  });

  it('the upload route cannot attach a new file straight onto a released entry', async () => {
    const entry = await entryWith((await upload()).id, 'released');
    const published = await app.strapi.db.query(ITEM).findOne({ where: { documentId: entry.documentId, publishedAt: { $notNull: true } } });
    const res = await app
      .http()
      .post('/api/upload')
      .set('Authorization', `Bearer ${await fullAccessToken(app.strapi)}`)
      .field('ref', ITEM)
      .field('refId', String(published.id))
      .field('field', 'attachments')
      .attach('files', pdf('塞进已发布信息的附件'), { filename: 'smuggled.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('FILE_IN_USE');
    const consumer = await consumerGet(app, site.token, `/disclosure-items/${entry.documentId}`);
    expect(consumer.body.data.attachments.map((a: any) => a.name)).not.toContain('smuggled.pdf');
  });

  it('an approved entry whose file was changed behind the upload services (raw database write) cannot be released', async () => {
    const file = await upload();
    const entry = await entryWith(file.id, 'approved');
    expect((await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } })).sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { sha256: 'f'.repeat(64) } });
    await expect(workflowOf(app).transition({ uid: ITEM, documentId: entry.documentId, action: 'release' }, 'system')).rejects.toMatchObject({
      details: { code: 'APPROVAL_STALE' },
    });
    expect((await workflowOf(app).getState(ITEM, entry.documentId)).state).toBe('approved');
  });

  it('a draft’s file may be replaced, and the replacement changes the content hash approvals bind to', async () => {
    const file = await upload('版本 A');
    const entry = await entryWith(file.id, 'draft');
    const stored = () => app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } });
    const before = { hash: await workflowOf(app).draftHash(ITEM, entry.documentId), file: await stored() };
    // Same name, same length, same storage name (Strapi keeps it on replace): only the bytes differ.
    const res = await replace(file.id, '版本 B', file.name);
    expect(res.status).toBe(200);
    const after = await stored();
    expect({ name: after.name, hash: after.hash, size: after.size }).toEqual({ name: before.file.name, hash: before.file.hash, size: before.file.size });
    expect(after.sha256).not.toBe(before.file.sha256);
    expect(await workflowOf(app).draftHash(ITEM, entry.documentId)).not.toBe(before.hash);
  });
});

describe('the upload folder is private: anonymous callers get only files of released 主动公开 entries', () => {
  it('files of drafts, withdrawn and 不予公开 entries, and unattached files, answer 404 however the path is spelled', async () => {
    const draft = await upload();
    await entryWith(draft.id, 'draft');
    const exempt = await upload();
    await entryWith(exempt.id, 'draft', { disclosureAttribute: 'exempt', exemptionReason: 'process_information' });
    const loose = await upload();
    const withdrawn = await upload();
    const entry = await entryWith(withdrawn.id, 'released');
    expect((await anonymous(withdrawn.url)).status).toBe(200);
    await workflowOf(app).transition({ uid: ITEM, documentId: entry.documentId, action: 'withdraw', reason: '测试撤回' }, 'system');

    for (const file of [draft, exempt, loose, withdrawn]) {
      const res = await anonymous(file.url);
      expect({ url: file.url, status: res.status }).toEqual({ url: file.url, status: 404 });
      expect(res.body.toString()).not.toContain('PDF');
    }
    const name = draft.url.slice('/uploads/'.length);
    for (const spelled of [`/uploads%2F${name}`, `/portal/..%2Fuploads/${name}`, `/UPLOADS/${name}`]) {
      expect({ spelled, status: (await anonymous(spelled)).status }).toEqual({ spelled, status: 404 });
    }
  });

  it('a released entry’s attachment is downloadable at the url the consumer API gives, until the entry is withdrawn', async () => {
    const file = await upload();
    const entry = await entryWith(file.id, 'released');
    const detail = await consumerGet(app, site.token, `/disclosure-items/${entry.documentId}`);
    expect(detail.status).toBe(200);
    const [attachment] = detail.body.data.attachments;
    expect(attachment).toMatchObject({ name: file.name, mime: 'application/pdf' });
    const served = await anonymous(attachment.url);
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body, file.bytes)).toBe(0);
    expect(served.headers['cache-control']).toBe('public, no-cache');

    await workflowOf(app).transition({ uid: ITEM, documentId: entry.documentId, action: 'withdraw', reason: '测试撤回' }, 'system');
    expect((await anonymous(attachment.url)).status).toBe(404);
  });

  it('image formats (thumbnails) follow their file: public once released, 404 before', async () => {
    const released = await photo();
    const draft = await photo();
    expect(released.formats?.thumbnail?.url).toMatch(/^\/uploads\/thumbnail_/);
    await entryWith(released.id, 'released');
    await entryWith(draft.id, 'draft');
    expect((await anonymous(released.formats!.thumbnail.url)).status).toBe(200);
    expect((await anonymous(released.url)).status).toBe(200);
    expect((await anonymous(draft.formats!.thumbnail.url)).status).toBe(404);
    expect((await anonymous(draft.url)).status).toBe(404);
  });

  it('a correction swaps an attachment: the new file is public from its release on, the old one then leaves and may be deleted', async () => {
    const old = await upload();
    const entry = await entryWith(old.id, 'released');
    await workflowOf(app).transition({ uid: ITEM, documentId: entry.documentId, action: 'correct', reason: '更换附件' }, 'system');
    const fresh = await upload();
    const edited = await team.author.put(`${CM_ITEM}/${entry.documentId}`, { attachments: [fresh.id] });
    expect(edited.status).toBe(200);

    // While the correction is unreleased the old file is what readers get, and it stays held.
    expect((await anonymous(fresh.url)).status).toBe(404);
    expect((await anonymous(old.url)).status).toBe(200);
    expect((await admin.del(`/upload/files/${old.id}`)).status).toBe(409);

    await driveTo(app, entry.documentId, 'released');
    const detail = await consumerGet(app, site.token, `/disclosure-items/${entry.documentId}`);
    expect(detail.body.data.attachments.map((a: any) => a.url)).toEqual([fresh.url]);
    expect((await anonymous(fresh.url)).status).toBe(200);
    expect((await anonymous(old.url)).status).toBe(404);
    expect((await admin.del(`/upload/files/${old.id}`)).status).toBe(200);
  });

  it('staff previews carry a signed URL that works until it expires and not once tampered with', async () => {
    const file = await upload();
    await entryWith(file.id, 'draft');
    const listed = await admin.get(`/upload/files/${file.id}`);
    expect(listed.status).toBe(200);
    const signed: string = listed.body.url;
    expect(signed).toMatch(/^\/uploads\/[^?]+\?exp=\d+&sig=[\w-]+$/);
    // The admin adds its own cache-busting parameter to preview URLs.
    const preview = await anonymous(`${signed}&updatedAt=2026-01-01`);
    expect(preview.status).toBe(200);
    expect(Buffer.compare(preview.body, file.bytes)).toBe(0);
    expect(preview.headers['cache-control']).toBe('private, no-store');

    const url = new URL(signed, 'http://x');
    const tampered = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return `${copy.pathname}${copy.search}`;
    };
    expect((await anonymous(tampered('exp', String(Number(url.searchParams.get('exp')) + 3600)))).status).toBe(404);
    const sig = url.searchParams.get('sig')!;
    expect((await anonymous(tampered('sig', `${sig.slice(0, -1)}${sig.endsWith('A') ? 'Q' : 'A'}`))).status).toBe(404);
    // The same signature on another file's path is worthless.
    const other = await upload();
    expect((await anonymous(`${other.url}${url.search}`)).status).toBe(404);

    const ttl = app.strapi.plugin('disclosure').config('attachments').signedUrlTtlSeconds;
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + (ttl + 5) * 1000);
    try {
      expect((await anonymous(signed)).status).toBe(404);
    } finally {
      clock.mockRestore();
    }
  });
});
