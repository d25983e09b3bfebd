import type { Core } from '@strapi/strapi';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

const WRITES = new Set(['create', 'update', 'clone']);

interface LinkedFile {
  field: string;
  name: string;
  uploaderId: number | null;
}

/**
 * Document-service middleware: staff attach only their organization's files (those uploaded by someone of their
 * organization; their own uploads when they have none) — the files the media library shows them. Judged by effect,
 * like the organization scope: the files the entry holds after the write, in the same transaction, against those it
 * held before, so any body shape (ids, objects, connect/set) is covered and files already on the entry stay. System
 * administrators and server code are not limited.
 */
export const attachmentScope =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (!WRITES.has(ctx.action) || !getService('catalog', strapi).isGoverned(ctx.uid)) return next();
    const contentType = strapi.contentType(ctx.uid);
    const mediaFields = Object.entries(contentType.attributes)
      .filter(([, attribute]) => attribute.type === 'media')
      .map(([name]) => name);
    if (mediaFields.length === 0) return next();
    // A create or update that names no media field cannot attach a file: no reads before and after it.
    const data = ctx.params?.data ?? {};
    if (ctx.action !== 'clone' && !mediaFields.some((field) => field in data)) return next();
    const staff = getService('staff', strapi);
    const writer = await staff.writer();
    if (!('member' in writer) || writer.member.isSysadmin) return next();
    const { member } = writer;

    const filesOf = async (documentId: string): Promise<Map<number, LinkedFile>> => {
      const row = await strapi.db.query(ctx.uid).findOne({
        where: contentType.options?.draftAndPublish ? { documentId, publishedAt: null } : { documentId },
        select: ['id'],
        populate: Object.fromEntries(mediaFields.map((field) => [field, { select: ['id', 'name'], populate: { createdBy: { select: ['id'] } } }])),
      });
      const files = new Map<number, LinkedFile>();
      for (const field of mediaFields) {
        for (const file of [row?.[field]].flat().filter(Boolean)) files.set(file.id, { field, name: file.name, uploaderId: file.createdBy?.id ?? null });
      }
      return files;
    };

    const sourceId: string | undefined = ctx.params?.documentId;
    const before = sourceId ? await filesOf(sourceId) : new Map<number, LinkedFile>();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = result?.documentId ?? sourceId;
      if (!documentId) return result;
      const added = [...(await filesOf(documentId))].filter(([id]) => !before.has(id));
      if (added.length === 0) return result;
      const colleagues = new Set(await staff.colleagueIds(member.userId));
      const foreign = added.filter(([, file]) => file.uploaderId === null || !colleagues.has(file.uploaderId));
      if (foreign.length > 0) {
        throw disclosureError(
          403,
          'FILE_OUT_OF_SCOPE',
          `不能附加其他机构的文件：${foreign.map(([, file]) => file.name).join('、')}`,
          'you may attach only files uploaded by your organization',
          { fileIds: foreign.map(([id]) => id) },
          [foreign[0][1].field]
        );
      }
      return result;
    });
  };
