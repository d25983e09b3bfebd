import type { Core, UID } from '@strapi/strapi';
import type { Writable } from 'stream';
import ExcelJS from 'exceljs';
import { CATEGORY_UID, ORGANIZATION_UID, TOPIC_UID } from '../constants';
import { csvLine, exportCell, TableField } from '../domain/catalog-table';
import { getService } from '../utils/get-service';
import type { StaffMember } from './staff';

export type ExportFormat = 'xlsx' | 'csv';
const PAGE = 1000;
const REFERENCE_TARGETS = new Set<string>([ORGANIZATION_UID, CATEGORY_UID, TOPIC_UID]);

/**
 * 导出: a governed type as a spreadsheet with the 目录 fields under their Chinese headers (the columns the importer
 * reads back), written as a stream a page of entries at a time so a large table never sits in memory. The current
 * version of each entry (its draft row: the released content, or the correction being worked on), scoped to what
 * the member may read: editors their organization, reviewers and publishers theirs and below.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Names shared by two organizations (or categories, topics) are written as codes, so the file imports back. */
  const ambiguousNames = async () => {
    const out = new Set<string>();
    for (const target of REFERENCE_TARGETS) {
      const seen = new Set<string>();
      for (const row of await strapi.db.query(target as UID.ContentType).findMany({ select: ['name'] })) {
        const key = `${target}:${row.name}`;
        if (seen.has(key)) out.add(key);
        seen.add(key);
      }
    }
    return out;
  };

  const scopeWhere = async (member: StaffMember | null) => {
    if (!member || member.isSysadmin) return {};
    if (!member.organizationId) return { id: -1 };
    const reviewer = member.actor.roles.some((r) => r === 'reviewer' || r === 'publisher');
    const ids = reviewer ? await getService('staff', strapi).subtree(member.organizationId) : [member.organizationId];
    return { publishingOrganization: { id: { $in: ids } } };
  };

  async function* rowsOf(uid: UID.ContentType, fields: TableField[], member: StaffMember | null) {
    const ambiguous = await ambiguousNames();
    const populate = Object.fromEntries(
      fields
        .filter((f) => f.kind === 'relation')
        .map((f) => [f.name, { select: REFERENCE_TARGETS.has(f.target!) ? ['id', 'name', 'code'] : ['id', 'indexNumber', 'title'] }])
    );
    const where = { ...(strapi.contentType(uid).options?.draftAndPublish ? { publishedAt: null } : {}), ...(await scopeWhere(member)) };
    let lastId = 0;
    for (;;) {
      const page = await strapi.db.query(uid).findMany({ where: { ...where, id: { $gt: lastId } }, populate, orderBy: { id: 'asc' }, limit: PAGE });
      if (page.length === 0) return;
      for (const entry of page) {
        yield fields.map((field) => {
          if (field.kind !== 'relation') return exportCell(field, entry[field.name]);
          const items = (Array.isArray(entry[field.name]) ? entry[field.name] : entry[field.name] ? [entry[field.name]] : []) as any[];
          const names = items.map((item) =>
            REFERENCE_TARGETS.has(field.target!) ? (ambiguous.has(`${field.target}:${item.name}`) ? item.code ?? item.name : item.name) : item.indexNumber ?? item.title
          );
          return names.filter(Boolean).join('、') || null;
        });
      }
      lastId = page[page.length - 1].id;
    }
  }

  return {
    /** Writes the export to `out` (a file or an HTTP response); resolves with the number of entries. */
    async write(uid: UID.ContentType, format: ExportFormat, out: Writable, member: StaffMember | null): Promise<number> {
      const fields = getService('catalog-import', strapi).fields(uid);
      const headers = fields.map((f) => f.label);
      let count = 0;
      if (format === 'csv') {
        // With a BOM: Excel in zh-CN opens UTF-8 CSV correctly only then.
        const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
        await write(`\ufeff${csvLine(headers)}\r\n`);
        for await (const row of rowsOf(uid, fields, member)) {
          await write(`${csvLine(row)}\r\n`);
          count += 1;
        }
        await new Promise<void>((resolve) => out.end(() => resolve()));
        return count;
      }
      const workbook = new (ExcelJS as any).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet(strapi.contentType(uid).info.displayName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = fields.map((f) => ({ key: f.name, width: f.kind === 'text' ? 40 : Math.max(12, f.label.length * 2 + 4) }));
      const head = sheet.addRow(headers);
      head.font = { bold: true };
      head.commit();
      for await (const row of rowsOf(uid, fields, member)) {
        sheet.addRow(row).commit();
        count += 1;
      }
      sheet.commit();
      await workbook.commit();
      return count;
    },
  };
};
