import { createHash } from 'crypto';
import { governedUids, isGovernedUid } from '../utils/content-type-uid';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PLUGIN_ID, PROACTIVE, WORKFLOW_STATE_TABLE } from '../constants';
import { FIXED_STATES, fileInUseMessage, HoldingEntry, signUploadUrl, verifyUploadSignature } from '../domain/attachments';
import { disclosureError } from '../utils/disclosure-error';
import { dbMetadata } from '../utils/db-metadata';

const FILE_UID = 'plugin::upload.file';
const FOLDER_UID = 'plugin::upload.folder';
const MORPH_TABLE = 'files_related_mph';

export type UploadAccess = 'released' | 'signed' | 'denied';

/** The upload plugin's service methods wrapped below, as it calls them (its services are published untyped). */
type UploadService = {
  upload(args: { data?: { ref?: unknown; refId?: unknown }; files: unknown }, opts: unknown): Promise<unknown>;
  replace(id: unknown, args: unknown, opts: unknown): Promise<unknown>;
  remove(file: { id: number }): Promise<unknown>;
  updateFileInfo(id: unknown, info: { name?: string | null }, opts: unknown): Promise<unknown>;
};
type DeleteByIds = { deleteByIds(ids?: unknown[]): Promise<unknown> };
/** A file on its way to the storage provider: a buffer or a stream, and the digest added to it here. */
type ProviderFile = { buffer?: Buffer; getStream?: () => AsyncIterable<Buffer | string>; sha256?: string | null };
type ProviderService = { upload(file: ProviderFile): Promise<unknown>; replace(file: ProviderFile, oldFile: unknown): Promise<unknown> };

/**
 * Attachments follow their entries. A file held by a version in review, approved or released cannot be replaced,
 * renamed or deleted (whatever the entry point: the media library, /api/upload, scripts calling the upload
 * services), nor attached directly to such an entry. The upload folder is private: anyone may download a file of a
 * released 主动公开 entry, staff get signed, expiring URLs for previews, everything else is 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const governed = () => governedUids(strapi);
  const { table, column } = dbMetadata(strapi);
  const keys = () => ((strapi.config.get('server.app.keys') as string[] | undefined) ?? []).filter(Boolean).map((key) => createHash('sha256').update(`gongkai:uploads:${key}`).digest('hex'));
  const ttlSeconds = () => (strapi.plugin(PLUGIN_ID).config('attachments') as { signedUrlTtlSeconds: number }).signedUrlTtlSeconds;

  /** The governed entries whose rows (by uid) hold fixed versions: released rows, or drafts in review or approved. */
  async function holdingRows(rowsByUid: Map<string, number[]>): Promise<HoldingEntry[]> {
    const found = new Map<string, HoldingEntry>();
    for (const [uid, ids] of rowsByUid) {
      if (!isGovernedUid(strapi, uid) || ids.length === 0) continue;
      const rows = await knex()(`${table(uid)} as e`)
        .leftJoin(`${WORKFLOW_STATE_TABLE} as s`, (join: Knex.JoinClause) => join.on('s.target_document_id', 'e.document_id').andOn('s.target_uid', knex().raw('?', [uid])))
        .whereIn('e.id', ids)
        .where((w: Knex.QueryBuilder) => w.whereNotNull('e.published_at').orWhereIn('s.state', [...FIXED_STATES]))
        .select('e.document_id', 'e.title', 'e.published_at', 's.state');
      for (const row of rows) {
        const key = `${uid}:${row.document_id}`;
        if (found.has(key) && row.published_at === null) continue;
        found.set(key, { uid, documentId: row.document_id, title: row.title, state: row.published_at !== null ? 'released' : row.state });
      }
    }
    return [...found.values()];
  }

  /** Entries that hold any of these files fixed. */
  async function holders(fileIds: number[]): Promise<HoldingEntry[]> {
    const ids = fileIds.filter((id) => Number.isInteger(id));
    if (ids.length === 0) return [];
    const links = await knex()(MORPH_TABLE).whereIn('file_id', ids).whereIn('related_type', governed()).select('related_type', 'related_id');
    const byUid = new Map<string, number[]>();
    for (const link of links) byUid.set(link.related_type, [...(byUid.get(link.related_type) ?? []), Number(link.related_id)]);
    return holdingRows(byUid);
  }

  const refuse = (verb: string, entries: HoldingEntry[]) => {
    const { message, messageEn } = fileInUseMessage(verb, entries);
    return disclosureError(409, 'FILE_IN_USE', message, messageEn, { entries });
  };

  async function assertChangeable(fileIds: number[], verb: string) {
    const entries = await holders(fileIds);
    if (entries.length > 0) throw refuse(verb, entries);
  }

  /** Files whose stored URL, or one of whose image formats' URLs, is exactly this path. */
  async function filesAt(filePath: string): Promise<number[]> {
    const direct = await knex()(table(FILE_UID)).where('url', filePath).select('id');
    if (direct.length > 0) return direct.map((r: any) => r.id);
    // Image formats are stored as `<format>_<hash><ext>` next to the file: look the file up by the hashes the name allows.
    const base = filePath.slice(filePath.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    const hashes: string[] = [];
    for (let i = base.indexOf('_'); i > 0 && i < base.length - 1; i = base.indexOf('_', i + 1)) hashes.push(base.slice(i + 1));
    if (hashes.length === 0) return [];
    const candidates = await knex()(table(FILE_UID)).whereIn('hash', hashes).select('id', 'formats');
    return candidates
      .filter((row: any) => {
        const formats = typeof row.formats === 'string' ? JSON.parse(row.formats) : row.formats;
        return Object.values<any>(formats ?? {}).some((format) => format?.url === filePath);
      })
      .map((row: any) => row.id);
  }

  /** Is one of these files attached to the released (published) row of a 主动公开 entry? */
  async function releasedAnywhere(fileIds: number[]): Promise<boolean> {
    if (fileIds.length === 0) return false;
    const links = await knex()(MORPH_TABLE).whereIn('file_id', fileIds).whereIn('related_type', governed()).select('related_type', 'related_id');
    for (const uid of new Set<string>(links.map((l: any) => l.related_type))) {
      const attributeColumn = column(uid, 'disclosureAttribute');
      const row = await knex()(table(uid))
        .whereIn('id', links.filter((l: any) => l.related_type === uid).map((l: any) => l.related_id))
        .whereNotNull('published_at')
        .where(attributeColumn, PROACTIVE)
        .first('id');
      if (row) return true;
    }
    return false;
  }

  /** SHA-256 of the bytes about to be stored, read from the same source the provider reads. */
  async function digest(file: ProviderFile): Promise<string | null> {
    if (Buffer.isBuffer(file?.buffer)) return createHash('sha256').update(file.buffer).digest('hex');
    if (typeof file?.getStream !== 'function') return null;
    const hash = createHash('sha256');
    for await (const chunk of file.getStream()) hash.update(chunk);
    return hash.digest('hex');
  }

  /** A URL staff can preview a file with, valid for the configured time (an already signed URL is signed afresh). */
  const signedUrl = (url: string): string => {
    const filePath = url.split('?')[0];
    return filePath.startsWith('/uploads/') ? signUploadUrl(filePath, keys()[0], Math.floor(Date.now() / 1000) + ttlSeconds()) : url;
  };

  return {
    /** Every anonymous request for /uploads/… looks its file up by URL (or, for image formats, by storage name). */
    holders,
    assertChangeable,
    signedUrl,

    /** What a request for a path in the upload folder may get. */
    async access(filePath: string, query: Record<string, unknown>): Promise<UploadAccess> {
      const signature = verifyUploadSignature(filePath, query, keys(), Math.floor(Date.now() / 1000));
      if (signature === 'valid') return 'signed';
      return (await releasedAnywhere(await filesAt(filePath))) ? 'released' : 'denied';
    },

    /**
     * Makes the local upload provider private: the media library and the content manager then show staff signed
     * URLs (Strapi signs every file it returns through the admin and the document service when the provider says
     * it is private). Called in register, before the upload plugin decides whether to sign.
     */
    privatizeProvider() {
      const provider = strapi.plugin('upload').provider;
      if (!provider) throw new Error('disclosure: the upload provider is not registered yet');
      provider.extend({
        isPrivate: () => true,
        getSignedUrl: (file: { url: string }) => ({ url: signedUrl(file.url) }),
      });
    },

    /**
     * The media library's bulk delete and bulk move act on files and folders by id without asking whether the user
     * may change each file (its single-file routes do): check every file named, and every file inside the folders
     * named, against the user's assets.update permission and its conditions first. Called in register, before the
     * server composes the routes' handlers.
     */
    guardBulkFileRoutes() {
      const assertMayChange = async (ctx: any) => {
        const { fileIds = [], folderIds = [] } = (ctx.request.body ?? {}) as { fileIds?: unknown[]; folderIds?: unknown[] };
        const pm = strapi.service('admin::permission').createPermissionsManager({ ability: ctx.state.userAbility, action: 'plugin::upload.assets.update', model: FILE_UID });
        const folders = Array.isArray(folderIds) && folderIds.length > 0 ? await strapi.db.query(FOLDER_UID).findMany({ where: { id: { $in: folderIds.map(Number) } }, select: ['path'] }) : [];
        const where = [
          ...(Array.isArray(fileIds) && fileIds.length > 0 ? [{ id: { $in: fileIds.map(Number) } }] : []),
          ...folders.flatMap((f: any) => [{ folderPath: { $eq: f.path } }, { folderPath: { $startsWith: `${f.path}/` } }]),
        ];
        if (where.length === 0) return;
        const files = await strapi.db.query(FILE_UID).findMany({ where: { $or: where }, select: ['id', 'name'], populate: { createdBy: { select: ['id'] } } });
        const refused = files.filter((file: any) => pm.ability.cannot(pm.action, pm.toSubject(file)));
        if (refused.length > 0) {
          throw disclosureError(403, 'FILE_OUT_OF_SCOPE', `您无权更改或删除其他机构的文件：${refused.map((f: any) => f.name).join('、')}`, 'these files belong to another organization', { fileIds: refused.map((f: any) => f.id) });
        }
      };
      strapi.get('controllers').extend('plugin::upload.admin-folder-file', (controller: Record<string, any>) => ({
        ...controller,
        deleteMany: async (ctx: any) => {
          await assertMayChange(ctx);
          return controller.deleteMany(ctx);
        },
        moveMany: async (ctx: any) => {
          await assertMayChange(ctx);
          return controller.moveMany(ctx);
        },
      }));
    },

    /** Wraps the upload plugin's services: every entry point (admin, content API, folders, scripts) goes through them. */
    guardUploadServices() {
      const upload = strapi.plugin('upload').service<UploadService>('upload');
      const fileService = strapi.plugin('upload').service<DeleteByIds>('file');
      const folderService = strapi.plugin('upload').service<DeleteByIds>('folder');
      const providerService = strapi.plugin('upload').service<ProviderService>('provider');
      const original = {
        upload: upload.upload,
        replace: upload.replace,
        remove: upload.remove,
        updateFileInfo: upload.updateFileInfo,
        deleteFiles: fileService.deleteByIds,
        deleteFolders: folderService.deleteByIds,
        providerUpload: providerService.upload,
        providerReplace: providerService.replace,
      };

      upload.upload = async (args: { data?: any; files: unknown }, opts: unknown) => {
        // Uploading "into" an entry writes its media link directly, past the workflow's edit rules.
        const { ref, refId } = args?.data ?? {};
        if (ref && refId !== undefined && isGovernedUid(strapi, ref)) {
          const entries = await holdingRows(new Map([[String(ref), [Number(refId)]]]));
          if (entries.length > 0) throw refuse('上传到该信息', entries);
        }
        return original.upload(args, opts);
      };
      upload.replace = async (id: unknown, args: unknown, opts: unknown) => {
        await assertChangeable([Number(id)], '替换');
        return original.replace(id, args, opts);
      };
      upload.remove = async (file: { id: number }) => {
        await assertChangeable([Number(file?.id)], '删除');
        return original.remove(file);
      };
      upload.updateFileInfo = async (id: unknown, info: { name?: string | null }, opts: unknown) => {
        if (info?.name !== undefined && info?.name !== null) {
          const current = await knex()(table(FILE_UID)).where('id', Number(id)).first('name');
          if (current && current.name !== info.name) await assertChangeable([Number(id)], '重命名');
        }
        return original.updateFileInfo(id, info, opts);
      };
      // Bulk deletes check every file first, so a refused bulk delete removes nothing.
      fileService.deleteByIds = async (ids: unknown[] = []) => {
        await assertChangeable(ids.map(Number), '删除');
        return original.deleteFiles(ids);
      };
      folderService.deleteByIds = async (ids: unknown[] = []) => {
        const folders = await strapi.db.query(FOLDER_UID).findMany({ where: { id: { $in: ids } }, select: ['path'] });
        if (folders.length > 0) {
          const files = await strapi.db.query(FILE_UID).findMany({
            where: { $or: folders.flatMap((f: any) => [{ folderPath: { $eq: f.path } }, { folderPath: { $startsWith: `${f.path}/` } }]) },
            select: ['id'],
          });
          await assertChangeable(files.map((f: any) => f.id), '删除');
        }
        return original.deleteFolders(ids);
      };
      // The stored file's own SHA-256 (Strapi's `hash` is a storage name and survives a replace).
      providerService.upload = async (file: ProviderFile) => {
        file.sha256 = await digest(file);
        return original.providerUpload.call(providerService, file);
      };
      providerService.replace = async (file: ProviderFile, oldFile: unknown) => {
        file.sha256 = await digest(file);
        return original.providerReplace.call(providerService, file, oldFile);
      };
    },
  };
};
