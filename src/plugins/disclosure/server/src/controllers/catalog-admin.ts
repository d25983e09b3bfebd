import type { Core, UID } from '@strapi/strapi';
import { createHash } from 'crypto';
import { PassThrough } from 'stream';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { z } from 'zod';
import { governedUids } from '../utils/content-type-uid';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { parseOr400 } from '../validation';
import type { ImportFormat } from '../services/catalog-import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploaded files wait here (by their SHA-256) between the dry run and the start. */
const UPLOAD_DIR = path.join(os.tmpdir(), 'gongkai-import');

const disposition = (filename: string) => `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** A governed type by its singular name (policy) or its consumer path (policies), as the CLI and the admin name it. */
export function uidOfType(strapi: Core.Strapi, type: string): UID.ContentType {
  const uid = governedUids(strapi).find((u) => {
    const info = strapi.contentType(u).info;
    return info.singularName === type || info.pluralName === type || u === type;
  });
  if (!uid) throw disclosureError(400, 'UNKNOWN_TYPE', `未知的信息类型“${type}”`, `unknown governed type ${type}`, {}, ['type']);
  return uid;
}

const startBody = z.object({ upload: z.string().regex(/^[0-9a-f]{64}\.(xlsx|csv)$/), type: z.string().min(1).max(100), release: z.boolean().optional(), fileName: z.string().max(255).optional() }).strict();
const exportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

/** 导入导出 in the admin: upload and dry run, start, progress, export. Scope is checked by the services. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const member = (ctx: any) => getService('staff', strapi).resolve(ctx.state.user);
  /** Importing writes entries: editors (for their organization) and system administrators. */
  const importer = async (ctx: any) => {
    const who = await member(ctx);
    if (!who.isSysadmin && !who.actor.roles.includes('editor')) {
      throw disclosureError(403, 'IMPORT_NOT_ALLOWED', '只有编辑或系统管理员可以导入', 'only editors and system administrators may import');
    }
    return who;
  };

  return {
    /** multipart: file (xlsx or csv), type → the validation report and the upload's id for the start. */
    async dryRun(ctx: any) {
      const who = await importer(ctx);
      const file = ctx.request.files?.file;
      const one = Array.isArray(file) ? file[0] : file;
      if (!one?.filepath) throw disclosureError(400, 'FILE_REQUIRED', '请选择要导入的 XLSX 或 CSV 文件', 'a file (xlsx or csv) is required', {}, ['file']);
      const name: string = one.originalFilename ?? one.name ?? 'import';
      const format: ImportFormat | null = /\.csv$/i.test(name) ? 'csv' : /\.xlsx$/i.test(name) ? 'xlsx' : null;
      if (!format) throw disclosureError(400, 'UNSUPPORTED_FORMAT', '只支持 .xlsx 和 .csv 文件', 'only .xlsx and .csv files are supported', {}, ['file']);
      const uid = uidOfType(strapi, String(ctx.request.body?.type ?? ''));
      const hash = createHash('sha256').update(readFileSync(one.filepath)).digest('hex');
      mkdirSync(UPLOAD_DIR, { recursive: true });
      const stored = path.join(UPLOAD_DIR, `${hash}.${format}`);
      copyFileSync(one.filepath, stored);
      rmSync(one.filepath, { force: true });
      const summary = await getService('catalog-import', strapi).dryRun({ uid, file: stored, format, member: who, startedBy: `admin:${who.userId}` });
      ctx.body = { data: { upload: `${hash}.${format}`, fileName: name, ...summary } };
    },

    /** Starts (or resumes) the import of an uploaded file; answers at once with the run to poll. */
    async start(ctx: any) {
      const who = await importer(ctx);
      const body = parseOr400(startBody, ctx.request.body ?? {}, 'body');
      const uid = uidOfType(strapi, body.type);
      // A historical backfill releases without review: a system administrator's decision, named in the audit trail.
      if (body.release && !who.isSysadmin) throw disclosureError(403, 'RELEASE_NOT_ALLOWED', '只有系统管理员可以以系统身份发布历史数据', 'only a system administrator may backfill as released');
      const file = path.join(UPLOAD_DIR, body.upload);
      if (!existsSync(file)) throw disclosureError(404, 'UPLOAD_NOT_FOUND', '上传的文件已失效，请重新选择文件', 'the uploaded file is gone; upload it again', {}, ['upload']);
      const service = getService('catalog-import', strapi);
      const format = body.upload.endsWith('.csv') ? 'csv' : 'xlsx';
      const options = { uid, file, format: format as ImportFormat, fileName: body.fileName, member: who, startedBy: `admin:${who.userId}`, releaseAs: body.release ? who.name : null, countFirst: true };
      // The run row exists before we answer, so the page can poll it; the work goes on after the response.
      let resolveId: (id: number) => void;
      const started = new Promise<number>((resolve) => (resolveId = resolve));
      const running = service.run({ ...options, onStart: (id) => resolveId(id) });
      running
        .then(() => rmSync(file, { force: true }))
        .catch((error: unknown) => strapi.log.error(`import of ${body.upload} failed: ${(error as Error)?.message}`));
      const runId = await Promise.race([started, running.then((s) => s.runId as number)]);
      ctx.status = 202;
      ctx.body = { data: { runId } };
    },

    async status(ctx: any) {
      const who = await importer(ctx);
      const run = await getService('catalog-import', strapi).status(Number(ctx.params.id));
      if (!run || (!who.isSysadmin && run.organization_id !== who.organizationId)) throw disclosureError(404, 'RUN_NOT_FOUND', '没有该导入记录', 'no such import run');
      ctx.body = { data: run };
    },

    async runs(ctx: any) {
      const who = await importer(ctx);
      ctx.body = { data: await getService('catalog-import', strapi).recent(who), meta: { canRelease: who.isSysadmin } };
    },

    /** The type's entries the member may read, as XLSX or CSV with Chinese headers, streamed. */
    async export(ctx: any) {
      const who = await member(ctx);
      const uid = uidOfType(strapi, ctx.params.type);
      const { format } = parseOr400(exportQuery, ctx.query ?? {}, 'query');
      const name = `${strapi.contentType(uid).info.displayName}-${new Date().toISOString().slice(0, 10)}.${format}`;
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Disposition', disposition(name));
      ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX;
      const stream = new PassThrough();
      ctx.body = stream;
      getService('catalog-export', strapi)
        .write(uid, format, stream, who)
        .catch((error) => stream.destroy(error));
    },
  };
};
