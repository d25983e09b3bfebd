import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import ExcelJS from 'exceljs';
import { ANNUAL_REPORT_UID, CATEGORY_UID, INDEX_NUMBER_TABLE, INDEX_SEQUENCE_TABLE, ORGANIZATION_UID, PLUGIN_ID, SYSTEM, TOPIC_UID } from '../constants';
import { naturalPersonName, publicText } from '../domain/consumer/masking';
import { formatIndexNumber, indexNumberScope, parseIndexNumberPattern } from '../domain/index-number';
import { legalDayOf, legalYear } from '../domain/legal-date';
import { publicWindow } from '../domain/public-period';
import { firstFreeSlug, SLUG_PATTERN, slugFromTitle } from '../domain/slug';
import { catalogAttributes } from '../content-types/catalog-attributes';
import { checkEntry } from '../domain/entry-rules';
import type { PublicPeriodRule } from '../domain/public-period';
import { editPolicy } from '../domain/workflow';
import {
  cellText,
  columnOf,
  csvRecords,
  DOCUMENT_NUMBER_FIELDS,
  exportCell,
  HeaderMap,
  INDEX_NUMBER_FIELD,
  mapHeaders,
  parseRow,
  ReportLine,
  rowKey,
  TableField,
} from '../domain/catalog-table';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import type { StaffMember } from './staff';

export const IMPORT_RUN_TABLE = 'disclosure_import_runs';
const DUAL_UID = 'api::dual-publicity-record.dual-publicity-record';
const INTERPRETATION_UID = 'api::interpretation.interpretation';
/**
 * Types whose new drafts the importer writes set-based (below the document service): their settle step is slug,
 * 索引号, due date and a 双公示 record's public period, all reproduced here. A report (its own settle) and an
 * interpretation (its due date runs from its policy's release) go through the document service.
 */
const SET_BASED = (uid: string) => uid !== ANNUAL_REPORT_UID && uid !== INTERPRETATION_UID;
export type ImportFormat = 'xlsx' | 'csv';

/** Relation targets named by name or code (loaded once per run: a few thousand rows at most). */
const REFERENCE_TARGETS = new Set<string>([ORGANIZATION_UID, CATEGORY_UID, TOPIC_UID]);
/** Field types a spreadsheet cannot carry (files, components, JSON): neither exported nor imported. */
const SKIPPED_TYPES = new Set(['media', 'component', 'dynamiczone', 'json', 'blocks', 'password']);
/** How many report lines a run keeps (the counts are always complete). */
const REPORT_CAP = 2000;
/** A run whose last batch is older than this is taken as dead (killed process): another start resumes it. */
const STALE_MS = 60_000;

export interface ImportOptions {
  uid: UID.ContentType;
  file: string;
  format: ImportFormat;
  fileName?: string;
  /** The admin member importing (scope: their own organization); none for the CLI (server code). */
  member?: StaffMember | null;
  /** Who started it, as recorded on the run ('cli:<os user>' or 'admin:<id>'). */
  startedBy: string;
  /** Historical backfill: release each imported entry as the system, naming this person in the audit trail. */
  releaseAs?: string | null;
  batchSize?: number;
  onProgress?: (progress: { done: number; total: number | null }) => void;
  /** Called inside each batch's transaction before it commits (tests simulate a crash here). */
  beforeCommit?: (batch: { index: number; rows: number }) => Promise<void> | void;
  /** Told the run's id once its row exists (the admin answers with it and works on). */
  onStart?: (runId: number) => void;
  /** Count the rows first, for a progress bar with a total (one extra pass over the file). */
  countFirst?: boolean;
}

export interface ImportSummary {
  runId: number | null;
  status: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  report: ReportLine[];
  resumedFrom?: number;
}

interface Ref {
  id: number;
  documentId: string;
  name?: string | null;
  code?: string | null;
}

type Prepared = {
  row: number;
  key: string;
  data: Record<string, unknown>;
  /** Relation fields resolved: field → refs. */
  links: Record<string, Ref[]>;
  existing: any | null;
  action: 'create' | 'update' | 'unchanged';
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const runs = (db: Knex = knex()) => db(IMPORT_RUN_TABLE);

  /** The spreadsheet columns of a governed type, from its schema: every field with a Chinese label a sheet can carry. */
  const fieldCache = new Map<string, TableField[]>();
  const fields = (uid: UID.ContentType): TableField[] => {
    if (fieldCache.has(uid)) return fieldCache.get(uid)!;
    const out: TableField[] = [];
    fieldCache.set(uid, out);
    for (const [name, attribute] of Object.entries<any>(strapi.contentType(uid).attributes)) {
      const label = attribute.pluginOptions?.disclosure?.label;
      if (!label || attribute.private || attribute.visible === false || SKIPPED_TYPES.has(attribute.type)) continue;
      if (attribute.type === 'relation' && (attribute.mappedBy || !attribute.target)) continue; // the other side owns it
      const base = { name, label, labelEn: attribute.pluginOptions?.disclosure?.labelEn, required: Boolean(attribute.required), computed: attribute.writable === false, default: attribute.default };
      switch (attribute.type) {
        case 'string':
        case 'email':
        case 'uid':
          out.push({ ...base, kind: 'string', maxLength: attribute.maxLength });
          break;
        case 'text':
        case 'richtext':
          out.push({ ...base, kind: 'text', maxLength: attribute.maxLength });
          break;
        case 'date':
          out.push({ ...base, kind: 'date' });
          break;
        case 'datetime':
          out.push({ ...base, kind: 'datetime' });
          break;
        case 'enumeration':
          out.push({ ...base, kind: 'enum', enumValues: attribute.enum });
          break;
        case 'integer':
        case 'biginteger':
          out.push({ ...base, kind: 'integer' });
          break;
        case 'decimal':
        case 'float':
          out.push({ ...base, kind: 'decimal' });
          break;
        case 'boolean':
          out.push({ ...base, kind: 'boolean' });
          break;
        case 'relation':
          out.push({ ...base, kind: 'relation', target: attribute.target, multiple: /ToMany$/.test(attribute.relation) });
          break;
        default:
          break;
      }
    }
    // The 目录 fields first (名称, 索引号, 发布机构 …, as the catalogue lists them), then the type's own.
    const catalogOrder = Object.keys(catalogAttributes);
    const rank = (f: TableField) => (catalogOrder.includes(f.name) ? catalogOrder.indexOf(f.name) : catalogOrder.length);
    out.sort((a, b) => rank(a) - rank(b));
    return out;
  };

  /** The rows of the first sheet (XLSX, streamed) or of the CSV file (UTF-8), numbered as in the sheet. */
  async function* records(file: string, format: ImportFormat): AsyncGenerator<{ row: number; cells: unknown[] }> {
    if (format === 'csv') {
      const parser = csvRecords();
      let row = 0;
      for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
        for (const cells of parser.push(chunk as string)) yield { row: ++row, cells };
      }
      for (const cells of parser.end()) yield { row: ++row, cells };
      return;
    }
    // Styles are read so that date cells come back as dates; shared strings are cached, rows are not.
    const reader = new (ExcelJS as any).stream.xlsx.WorkbookReader(file, { entries: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { row: row.number, cells: values };
      }
      break; // the first sheet only
    }
  }

  const fileHash = async (file: string) => {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  };

  /** Organizations, categories and topics by code and by name (a name shared by two is ambiguous), and by id. */
  const loadReferences = async () => {
    const byTarget = new Map<string, { byCode: Map<string, Ref>; byName: Map<string, Ref[]>; byId: Map<number, Ref> }>();
    for (const target of REFERENCE_TARGETS) {
      const all: Ref[] = await strapi.db.query(target as UID.ContentType).findMany({ select: ['id', 'documentId', 'name', 'code'] });
      const byCode = new Map<string, Ref>();
      const byName = new Map<string, Ref[]>();
      const byId = new Map<number, Ref>();
      for (const ref of all) {
        byId.set(ref.id, ref);
        if (ref.code) byCode.set(String(ref.code), ref);
        if (ref.name) byName.set(String(ref.name), [...(byName.get(String(ref.name)) ?? []), ref]);
      }
      byTarget.set(target, { byCode, byName, byId });
    }
    return byTarget;
  };

  const draftWhere = (uid: UID.ContentType) => (strapi.contentType(uid).options?.draftAndPublish ? { publishedAt: null } : {});

  /**
   * Reads the file batch by batch and, for each row, says what is wrong with it (the content manager's rules: the
   * schema's limits, the entry rules, relations by name or code, the member's organization) and what importing it
   * would do. `write` receives each batch of good rows (a real run); a dry run passes none.
   */
  async function walk(
    options: ImportOptions,
    skipRows: number,
    write: ((batch: Prepared[], context: { index: number; rowsDone: number; lines: ReportLine[]; counts: Counts }) => Promise<void>) | null
  ) {
    const { uid } = options;
    const tableFields = fields(uid);
    const references = await loadReferences();
    const governedCache = new Map<string, Ref[]>();
    const publicPeriods = strapi.plugin(PLUGIN_ID).config('publicPeriods') as Record<string, PublicPeriodRule>;
    const releaseChecks = getService('release-checks', strapi);
    const seen = new Set<string>();
    const lines: ReportLine[] = [];
    const counts: Counts = { rows: 0, created: 0, updated: 0, unchanged: 0, refused: 0 };
    let header: HeaderMap | null = null;
    let batch: { row: number; cells: unknown[] }[] = [];
    let index = 0;
    const batchSize = options.batchSize ?? 500;
    const report = (line: ReportLine) => {
      if (lines.length < REPORT_CAP) lines.push(line);
    };

    const resolve = async (field: TableField, names: string[]): Promise<{ refs: Ref[]; missing: string[]; ambiguous: string[] }> => {
      const refs: Ref[] = [];
      const missing: string[] = [];
      const ambiguous: string[] = [];
      for (const name of names) {
        if (REFERENCE_TARGETS.has(field.target!)) {
          const maps = references.get(field.target!)!;
          const byCode = maps.byCode.get(name);
          const byName = maps.byName.get(name) ?? [];
          if (byCode) refs.push(byCode);
          else if (byName.length === 1) refs.push(byName[0]);
          else if (byName.length > 1) ambiguous.push(name);
          else missing.push(name);
        } else {
          // Another governed entry (解读的政策文件, 替代文件 …): by 索引号, else 文号, else exact title.
          const cacheKey = `${field.target}:${name}`;
          if (!governedCache.has(cacheKey)) {
            const target = field.target as UID.ContentType;
            const attrs = strapi.contentType(target).attributes as Record<string, unknown>;
            const or: Record<string, unknown>[] = [{ indexNumber: name }, { title: name }];
            for (const n of DOCUMENT_NUMBER_FIELDS) if (n in attrs) or.push({ [n]: name });
            const found: Ref[] = await strapi.db.query(target).findMany({ where: { ...draftWhere(target), $or: or }, select: ['id', 'documentId', 'indexNumber', 'title'], limit: 2 });
            if (governedCache.size > 10_000) governedCache.clear();
            governedCache.set(cacheKey, found);
          }
          const found = governedCache.get(cacheKey)!;
          if (found.length === 1) refs.push(found[0]);
          else if (found.length > 1) ambiguous.push(name);
          else missing.push(name);
        }
      }
      return { refs, missing, ambiguous };
    };

    /** The entries rows name by 索引号 or 文号, with the relations the file's columns carry, in two queries. */
    const existingFor = async (keys: string[]) => {
      const found = new Map<string, any>();
      const byIndex = keys.filter((k) => k.startsWith('索引号:')).map((k) => k.slice(4));
      const byNumber = keys.filter((k) => k.startsWith('文号:')).map((k) => k.slice(3));
      const attrs = strapi.contentType(uid).attributes as Record<string, any>;
      const populate = Object.fromEntries(
        tableFields
          .filter((f) => f.kind === 'relation')
          .map((f) => [f.name, { select: REFERENCE_TARGETS.has(f.target!) ? ['id', 'documentId', 'name', 'code'] : ['id', 'documentId', 'indexNumber', 'title'] }])
      );
      if (byIndex.length) {
        for (const entry of await strapi.db.query(uid).findMany({ where: { ...draftWhere(uid), indexNumber: { $in: byIndex } }, populate })) found.set(`索引号:${entry.indexNumber}`, entry);
      }
      const numberField = DOCUMENT_NUMBER_FIELDS.find((n) => n in attrs);
      if (byNumber.length && numberField) {
        for (const entry of await strapi.db.query(uid).findMany({ where: { ...draftWhere(uid), [numberField]: { $in: byNumber } }, populate })) {
          const key = `文号:${entry[numberField]}`;
          found.set(key, found.has(key) ? 'ambiguous' : entry);
        }
      }
      return found;
    };

    /** The stored entry as this file's columns would show it, compared with the row: nothing to do when equal. */
    const sameContent = (entry: any, data: Record<string, unknown>, links: Record<string, Ref[]>) => {
      const cells = header!.columns.map((field) => (field ? exportCell(field, entry[field.name]) : null));
      const stored = parseRow(0, cells, header!);
      for (const field of header!.columns) {
        if (!field || field.computed) continue;
        if (field.kind === 'relation') {
          const current = (Array.isArray(entry[field.name]) ? entry[field.name] : entry[field.name] ? [entry[field.name]] : []).map((r: any) => r.id).sort().join(',');
          const next = (links[field.name] ?? []).map((r) => r.id).sort().join(',');
          if (current !== next) return false;
        } else if ((stored.data[field.name] ?? null) !== (data[field.name] ?? null)) return false;
      }
      return true;
    };

    /** A column the file has but a row leaves blank: the field's default, or empty (an update clears it). */
    const fillBlanks = (data: Record<string, unknown>, links: Record<string, Ref[]>) => {
      for (const field of header!.columns) {
        if (!field || field.computed) continue;
        if (field.kind === 'relation') links[field.name] ??= [];
        else if (!(field.name in data)) data[field.name] = field.default ?? null;
      }
    };

    /** The column a row's key came from (索引号 or the type's 文号), as written in the file. */
    const keyColumn = (key: string | null) => {
      const numberHeader = DOCUMENT_NUMBER_FIELDS.map((n) => header!.headerOf[n]).find(Boolean);
      if (key?.startsWith('文号:')) return numberHeader ?? '文号';
      return header!.headerOf[INDEX_NUMBER_FIELD] ?? (key ? '索引号' : numberHeader ?? '索引号');
    };

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      index += 1;
      const parsed = [];
      for (const { row, cells } of rows) {
        const result = parseRow(row, cells, header!);
        const problems = [...result.problems];
        const fail = (column: string, reason: string, code: string) => problems.push({ row, column, reason, code });
        const key = rowKey(result.data);
        if (!key) fail(keyColumn(null), '索引号和文号都未填写，无法识别该条目（导入按索引号或文号去重）', 'NO_KEY');
        else if (seen.has(key)) fail(keyColumn(key), `与前面的行重复（${key}）`, 'DUPLICATE_KEY');
        if (key) seen.add(key);

        const links: Record<string, Ref[]> = {};
        for (const [name, names] of Object.entries(result.relations)) {
          const field = tableFields.find((f) => f.name === name)!;
          const { refs, missing, ambiguous } = await resolve(field, names);
          for (const m of missing) fail(header!.headerOf[name], `找不到${field.label}“${m}”（按名称或代码查找）`, 'UNKNOWN_REFERENCE');
          for (const a of ambiguous) fail(header!.headerOf[name], `${field.label}“${a}”对应多个条目，请改用代码`, 'AMBIGUOUS_REFERENCE');
          links[name] = refs;
        }
        // An admin member writes for their own organization only (as in the content manager); blank means theirs.
        const member = options.member;
        if (member && !member.isSysadmin) {
          const org = links.publishingOrganization?.[0];
          if (!org && member.organizationId) {
            const own = references.get(ORGANIZATION_UID)!.byId.get(member.organizationId);
            if (own) links.publishingOrganization = [own];
          } else if (org && org.id !== member.organizationId) {
            fail(header!.headerOf.publishingOrganization ?? '发布机构', `您只能为本机构导入信息，“${org.name ?? org.code}”不是您所在的机构`, 'ORGANIZATION_OUT_OF_SCOPE');
          }
          if (!member.organizationId) fail(header!.headerOf.publishingOrganization ?? '发布机构', '您的账号未设置所属机构，不能导入', 'NO_ORGANIZATION');
        }
        fillBlanks(result.data, links);
        if (result.data.slug && !SLUG_PATTERN.test(String(result.data.slug))) fail(header!.headerOf.slug, '网址别名只能包含小写字母、数字和连字符', 'SLUG_INVALID');
        const entry: Record<string, unknown> = { ...result.data };
        for (const [name, refs] of Object.entries(links)) {
          const field = tableFields.find((f) => f.name === name)!;
          entry[name] = field.multiple ? refs.map((r) => ({ id: r.id })) : refs[0] ? { id: refs[0].id } : null;
        }
        for (const found of checkEntry(uid, entry, { publicPeriods })) {
          // A relation named but not found is already reported; its required-rule echo would only repeat it.
          if (found.code === 'REQUIRED' && result.relations[String(found.path[0])]?.length) continue;
          fail(columnOf(found.path, header!, tableFields), found.message, found.code);
        }
        if (options.releaseAs && problems.length === 0) {
          // A backfill releases at once: what the release checks would block must be fixed in the file first.
          for (const finding of await releaseChecks.check(uid, entry)) {
            if (finding.severity === 'warn') continue;
            fail(columnOf(finding.path ?? ['title'], header!, tableFields), `发布前检查未通过：${finding.message}`, finding.kind === 'not_proactive' ? 'NOT_PROACTIVE' : 'RELEASE_CHECK_BLOCKED');
          }
        }
        parsed.push({ row, key, data: result.data, links, problems });
      }

      const existing = await existingFor(parsed.filter((p) => p.key && p.problems.length === 0).map((p) => p.key!));
      const givenIndex = parsed.map((p) => p.data[INDEX_NUMBER_FIELD]).filter((v): v is string => typeof v === 'string');
      const ledger = new Map<string, string>();
      if (givenIndex.length) {
        for (const r of await knex()(INDEX_NUMBER_TABLE).whereIn('value', givenIndex).select('value', 'document_id')) ledger.set(r.value, r.document_id);
      }
      const states = new Map<string, string>();
      const existingIds = [...existing.values()].filter((e) => e && e !== 'ambiguous').map((e: any) => e.documentId);
      if (existingIds.length) {
        for (const r of await strapi.db.query('plugin::disclosure.workflow-state').findMany({ where: { targetUid: uid, targetDocumentId: { $in: existingIds } }, select: ['targetDocumentId', 'state'] })) {
          states.set(r.targetDocumentId, r.state);
        }
        // An entry released before the workflow existed has no state row: its published row says it is released.
        const unknown = existingIds.filter((id) => !states.has(id));
        if (unknown.length && strapi.contentType(uid).options?.draftAndPublish) {
          for (const r of await strapi.db.query(uid).findMany({ where: { documentId: { $in: unknown }, publishedAt: { $notNull: true } }, select: ['documentId'] })) states.set(r.documentId, 'released');
        }
      }

      // A slug given in the file must be free (the document service would refuse the whole batch otherwise).
      const givenSlugs = parsed.filter((p) => p.problems.length === 0 && p.data.slug).map((p) => String(p.data.slug));
      const slugOwners = new Map<string, string>();
      if (givenSlugs.length) {
        for (const r of await knex()(strapi.db.metadata.get(uid).tableName).whereIn('slug', givenSlugs).select('slug', 'document_id')) slugOwners.set(r.slug, r.document_id);
      }

      const good: Prepared[] = [];
      for (const p of parsed) {
        const fail = (column: string, reason: string, code: string) => p.problems.push({ row: p.row, column, reason, code });
        const found = p.key ? existing.get(p.key) ?? null : null;
        if (p.problems.length === 0 && found === 'ambiguous') fail(keyColumn(p.key), `已有多个条目使用该文号，无法确定要更新哪一个`, 'AMBIGUOUS_KEY');
        const index = p.data[INDEX_NUMBER_FIELD] as string | undefined;
        if (p.problems.length === 0 && !found && index && ledger.has(index)) {
          fail(keyColumn(p.key), `索引号“${index}”已被使用过，不能再分配给新条目`, 'INDEX_NUMBER_USED');
        }
        const slugOwner = p.data.slug ? slugOwners.get(String(p.data.slug)) : undefined;
        if (p.problems.length === 0 && slugOwner && slugOwner !== (found && found !== 'ambiguous' ? found.documentId : null)) {
          fail(header!.headerOf.slug, `网址别名“${p.data.slug}”已被其他条目使用`, 'SLUG_TAKEN');
        }
        let action: Prepared['action'] = 'create';
        if (p.problems.length === 0 && found && found !== 'ambiguous') {
          if (sameContent(found, p.data, p.links)) action = 'unchanged';
          else {
            action = 'update';
            const state = states.get(found.documentId) ?? 'draft';
            const policy = editPolicy(state as any);
            // Imports never change what is in review or released: those go through 退回 or 更正.
            if (policy === 'refuse_in_review' || policy === 'refuse_correction_required') {
              fail(keyColumn(p.key), policy === 'refuse_in_review' ? '该条目正在审核中，导入不能修改' : '该条目已发布，导入不能修改；如需修改请发起更正', policy === 'refuse_in_review' ? 'ENTRY_IN_REVIEW' : 'CORRECTION_REQUIRED');
            }
          }
        }
        if (p.problems.length) {
          counts.refused += 1;
          p.problems.forEach(report);
        } else {
          counts[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
          good.push({ row: p.row, key: p.key!, data: p.data, links: p.links, existing: found && found !== 'ambiguous' ? found : null, action });
        }
      }
      counts.rows += rows.length;
      if (write) await write(good, { index, rowsDone: skipRows + counts.rows, lines, counts });
    };

    let skipped = 0;
    for await (const { row, cells } of records(options.file, options.format)) {
      if (!header) {
        header = mapHeaders(cells.map(cellText), tableFields);
        header.problems.forEach(report);
        if (header.problems.some((p) => p.code === 'MISSING_COLUMN')) break;
        continue;
      }
      if (cells.every((c) => cellText(c) === '')) continue;
      if (skipped < skipRows) {
        // Already committed by the interrupted run: only its key matters (duplicates later in the file).
        skipped += 1;
        const key = rowKey(parseRow(row, cells, header).data);
        if (key) seen.add(key);
        continue;
      }
      batch.push({ row, cells });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (!header) report({ row: 1, column: '', reason: '文件为空或第一个工作表没有表头', code: 'EMPTY_FILE' });
    return { lines, counts };
  }

  interface Counts {
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    refused: number;
  }

  /** The relation values as the document service takes them (documentIds). */
  const writeData = (uid: UID.ContentType, p: Prepared) => {
    const data: Record<string, unknown> = { ...p.data };
    delete data[INDEX_NUMBER_FIELD];
    for (const field of fields(uid)) {
      if (field.kind !== 'relation' || !(field.name in p.links)) continue;
      const refs = p.links[field.name];
      data[field.name] = field.multiple ? refs.map((r) => r.documentId) : refs[0]?.documentId ?? null;
    }
    return data;
  };

  const stagesOf = (uid: string) => getService('workflow', strapi).stagesFor(uid);

  /**
   * New drafts of a batch written set-based, inside the batch's transaction: what the document service and the
   * catalogue middleware would do per row (documentId, timestamps, slug, 索引号 from the same sequence and ledger,
   * due date, relations in their link tables), in a handful of statements. The rows were checked by the same rules
   * before (walk). Used for server-side imports (the CLI): an admin member's import goes through the document service,
   * whose middlewares audit each save as theirs and re-check their organization.
   */
  const bulkCreate = async (trx: Knex.Transaction, uid: UID.ContentType, rows: Prepared[]): Promise<string[]> => {
    if (rows.length === 0) return [];
    const meta: any = strapi.db.metadata.get(uid);
    const table = meta.tableName as string;
    if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`disclosure:slug:${uid}`]);
    const { createId } = require('@paralleldrive/cuid2');
    const documentIds: string[] = rows.map(() => createId());
    const now = new Date();

    // Slugs: from the public title, the first free one given what the table and this batch already hold.
    const bases = rows.map((p) => (p.data.slug ? null : slugFromTitle(publicText(p.data.title as string, naturalPersonName(p.data as any)) ?? '')));
    // firstFreeSlug takes the first of base, base-2, base-3 … not taken: ask the (indexed) table about exactly those
    // rather than scanning for every slug that starts with a base.
    const taken = new Set<string>(rows.map((p) => p.data.slug as string).filter(Boolean));
    const checked = new Set<string>();
    const ask = async (candidates: string[]) => {
      const fresh = candidates.filter((c) => !checked.has(c));
      for (let i = 0; i < fresh.length; i += 1000) {
        const chunk = fresh.slice(i, i + 1000);
        for (const r of await trx(table).whereIn('slug', chunk).select('slug')) taken.add(r.slug);
        chunk.forEach((c) => checked.add(c));
      }
    };
    const window = (base: string, from: number, size = 10) => Array.from({ length: size }, (_, k) => (from + k === 1 ? base : `${base}-${from + k}`));
    // Most titles are new: the bases alone first; a taken base then asks about its next ten.
    await ask([...new Set(bases.filter((b): b is string => Boolean(b)))]);
    const slugs: string[] = [];
    for (let i = 0; i < rows.length; i += 1) {
      const given = rows[i].data.slug as string | undefined;
      if (given) {
        slugs.push(given);
        continue;
      }
      let slug = firstFreeSlug(bases[i]!, taken);
      // Past the window asked about (many equal titles): ask about the next ten, until the answer is known.
      while (!checked.has(slug)) {
        await ask(window(bases[i]!, Number(slug.slice(bases[i]!.length + 1)) || 1));
        slug = firstFreeSlug(bases[i]!, taken);
      }
      taken.add(slug);
      slugs.push(slug);
    }

    // 索引号: one upsert per scope takes a block of numbers from the sequence; every number goes in the ledger.
    const pattern = parseIndexNumberPattern(strapi.plugin(PLUGIN_ID).config('indexNumber.pattern') as string);
    const typeCode = strapi.contentType(uid).info.singularName;
    const facts = rows.map((p) => ({
      orgCode: p.links.publishingOrganization?.[0]?.code as string,
      year: legalYear((p.data.formedOrChangedAt as string) ?? now),
      typeCode,
      categoryCode: p.links.category?.[0]?.code ?? undefined,
    }));
    const indexNumbers: string[] = rows.map((p) => (p.data[INDEX_NUMBER_FIELD] as string) ?? '');
    const byScope = new Map<string, number[]>();
    rows.forEach((p, i) => {
      if (indexNumbers[i]) return;
      const scope = indexNumberScope(pattern, facts[i]);
      byScope.set(scope, [...(byScope.get(scope) ?? []), i]);
    });
    const ledger: Record<string, unknown>[] = [];
    for (const [scope, members] of byScope) {
      const k = members.length;
      const result = await trx(INDEX_SEQUENCE_TABLE)
        .insert({ scope, last_value: k })
        .onConflict('scope')
        .merge({ last_value: trx.raw('??.?? + ?', [INDEX_SEQUENCE_TABLE, 'last_value', k]) })
        .returning('last_value');
      const last = Number(typeof result[0] === 'object' ? result[0].last_value : result[0]);
      members.forEach((i, j) => {
        const seq = last - k + 1 + j;
        indexNumbers[i] = formatIndexNumber(pattern, facts[i], seq);
        ledger.push({ value: indexNumbers[i], scope, seq, content_type: uid, document_id: documentIds[i], assigned_at: now });
      });
    }
    rows.forEach((p, i) => {
      if (p.data[INDEX_NUMBER_FIELD]) ledger.push({ value: indexNumbers[i], scope: 'import', seq: 0, content_type: uid, document_id: documentIds[i], assigned_at: now });
    });
    for (let i = 0; i < ledger.length; i += 500) await trx(INDEX_NUMBER_TABLE).insert(ledger.slice(i, i + 500));

    // Due dates (and a 行政处罚's longest public period when none is given), from the same rules as settle.
    const deadlines = getService('deadlines', strapi);
    const publicPeriods = strapi.plugin(PLUGIN_ID).config('publicPeriods') as Record<string, PublicPeriodRule>;
    const data = [];
    for (let i = 0; i < rows.length; i += 1) {
      const p = rows[i];
      const values: Record<string, unknown> = { ...p.data };
      delete values[INDEX_NUMBER_FIELD];
      const period = publicPeriods?.[values.kind as string];
      const decision = legalDayOf(values.decisionDate);
      if (uid === DUAL_UID && period && decision && !values.publicUntil) values.publicUntil = publicWindow(decision, period).latestEnd;
      const due = await deadlines.compute(uid, values);
      data.push({ ...values, ...due, documentId: documentIds[i], slug: slugs[i], indexNumber: indexNumbers[i], createdAt: now, updatedAt: now, publishedAt: null });
    }
    const { ids } = await strapi.db.query(uid).createMany({ data });

    // Relations: their link tables, in the order written (and last in each target's inverse order).
    for (const field of fields(uid)) {
      if (field.kind !== 'relation') continue;
      const joinTable = meta.attributes[field.name]?.joinTable;
      if (!joinTable) continue;
      const targets = [...new Set(rows.flatMap((p) => (p.links[field.name] ?? []).map((r) => r.id)))];
      if (targets.length === 0) continue;
      const inverseOrder = joinTable.inverseOrderColumnName as string | undefined;
      const nextInverse = new Map<number, number>();
      if (inverseOrder) {
        const maxima = await trx(joinTable.name)
          .select(joinTable.inverseJoinColumn.name)
          .max({ max: inverseOrder })
          .whereIn(joinTable.inverseJoinColumn.name, targets)
          .groupBy(joinTable.inverseJoinColumn.name);
        for (const m of maxima as any[]) nextInverse.set(Number(m[joinTable.inverseJoinColumn.name]), Number(m.max ?? 0));
      }
      const links: Record<string, unknown>[] = [];
      rows.forEach((p, i) => {
        (p.links[field.name] ?? []).forEach((ref, j) => {
          const link: Record<string, unknown> = { [joinTable.joinColumn.name]: ids[i], [joinTable.inverseJoinColumn.name]: ref.id };
          if (joinTable.orderColumnName) link[joinTable.orderColumnName] = j + 1;
          if (inverseOrder) {
            const next = (nextInverse.get(ref.id) ?? 0) + 1;
            nextInverse.set(ref.id, next);
            link[inverseOrder] = next;
          }
          links.push(link);
        });
      });
      for (let i = 0; i < links.length; i += 500) await trx(joinTable.name).insert(links.slice(i, i + 500));
    }
    return documentIds;
  };

  return {
    fields,
    records,
    fileHash,

    /** Validates the whole file and says what a real run would do; writes nothing. */
    async dryRun(options: ImportOptions): Promise<ImportSummary> {
      const { lines, counts } = await walk(options, 0, null);
      return { runId: null, status: 'dry_run', ...counts, report: lines };
    },

    /** The run of this file and type still to finish (interrupted), if any. */
    async unfinished(hash: string, uid: string) {
      return runs().where({ file_hash: hash, content_type: uid }).whereIn('status', ['running', 'failed']).orderBy('id', 'desc').first();
    },

    async status(runId: number) {
      const row = await runs().where({ id: runId }).first();
      if (!row) return null;
      return { ...row, report: row.report ? JSON.parse(row.report) : [] };
    },

    /**
     * Imports in transactional batches. Each batch writes its entries and the run's progress in one transaction, so
     * a run killed midway resumes after its last committed batch; rows already imported with the same content are
     * left alone, so running the same file again changes nothing.
     */
    async run(options: ImportOptions & { runId?: number }): Promise<ImportSummary> {
      const { uid } = options;
      const hash = await fileHash(options.file);
      let run = options.runId ? await runs().where({ id: options.runId }).first() : await this.unfinished(hash, uid);
      if (run && run.status === 'running' && !options.runId && Date.now() - new Date(run.updated_at).getTime() < STALE_MS) {
        throw disclosureError(409, 'IMPORT_IN_PROGRESS', '该文件正在导入中，请稍后查看进度', 'this file is being imported right now', { runId: run.id });
      }
      const resumedFrom = run ? Number(run.rows_done) : 0;
      if (!run) {
        const [inserted] = await runs()
          .insert({
            file_hash: hash,
            content_type: uid,
            file_name: options.fileName ?? null,
            status: 'running',
            mode: options.releaseAs ? 'release' : 'draft',
            release_as: options.releaseAs ?? null,
            started_by: options.startedBy,
            organization_id: options.member?.organizationId ?? null,
            started_at: new Date(),
            updated_at: new Date(),
          })
          .returning('id');
        run = await runs().where({ id: typeof inserted === 'object' ? inserted.id : inserted }).first();
      } else {
        await runs().where({ id: run.id }).update({ status: 'running', error: null, updated_at: new Date() });
      }
      const runId = Number(run.id);
      options.onStart?.(runId);
      const previous: ReportLine[] = run.report ? JSON.parse(run.report) : [];
      // A resumed run reads the header again: its findings (row 1) are already in the report.
      const fresh = (lines: ReportLine[]) => (resumedFrom > 0 ? lines.filter((line) => line.row !== 1) : lines);
      const before = { created: Number(run.created), updated: Number(run.updated), unchanged: Number(run.unchanged), refused: Number(run.refused) };
      let total: number | null = run.rows_total ?? null;
      if (options.countFirst && total === null) {
        total = -1; // header
        for await (const { cells } of records(options.file, options.format)) if (cells.some((c) => cellText(c) !== '')) total += 1;
        total = Math.max(total, 0);
        await runs().where({ id: runId }).update({ rows_total: total });
      }
      options.onProgress?.({ done: resumedFrom, total });
      const workflow = getService('workflow', strapi);
      const audit = getService('audit', strapi);

      try {
        const { lines, counts } = await walk(options, resumedFrom, async (good, context) => {
          await strapi.db.transaction(async ({ trx }) => {
            const setBased = !options.member && SET_BASED(uid);
            const created = setBased ? await bulkCreate(trx, uid, good.filter((p) => p.action === 'create')) : [];
            let next = 0;
            for (const p of good) {
              if (p.action === 'unchanged') continue;
              let documentId: string;
              if (p.action === 'update') {
                documentId = p.existing.documentId;
                await strapi.documents(uid).update({ documentId, data: writeData(uid, p) as any });
              } else if (setBased) {
                documentId = created[next++];
              } else {
                const entry = await strapi.documents(uid).create({ data: writeData(uid, p) as any });
                documentId = entry.documentId;
                const given = p.data[INDEX_NUMBER_FIELD] as string | undefined;
                if (given) {
                  // The 索引号 the office already published keeps: recorded in the ledger so it is never handed out again.
                  await strapi.db.query(uid).updateMany({ where: { documentId }, data: { indexNumber: given } });
                  await trx(INDEX_NUMBER_TABLE).insert({ value: given, scope: 'import', seq: 0, content_type: uid, document_id: documentId, assigned_at: new Date() });
                }
              }
              if (options.releaseAs) {
                const reason = `历史数据导入，由${options.releaseAs}执行`;
                await workflow.transition({ uid, documentId, action: 'submit' }, SYSTEM);
                for (let i = 0; i < stagesOf(uid).length; i += 1) await workflow.transition({ uid, documentId, action: 'approve', comment: reason }, SYSTEM);
                await workflow.transition({ uid, documentId, action: 'release', reason }, SYSTEM);
                await audit.append(trx, {
                  actor: SYSTEM,
                  actorName: options.releaseAs,
                  action: 'import_release',
                  targetUid: uid,
                  targetDocumentId: documentId,
                  fromState: 'draft',
                  toState: 'released',
                  reason,
                  data: { importedBy: options.releaseAs, startedBy: options.startedBy, runId, fileHash: hash, row: p.row },
                });
              }
            }
            const all = [...previous, ...fresh(context.lines)].slice(0, REPORT_CAP);
            await trx(IMPORT_RUN_TABLE)
              .where({ id: runId })
              .update({
                rows_done: context.rowsDone,
                created: before.created + context.counts.created,
                updated: before.updated + context.counts.updated,
                unchanged: before.unchanged + context.counts.unchanged,
                refused: before.refused + context.counts.refused,
                report: JSON.stringify(all),
                updated_at: new Date(),
              });
            await options.beforeCommit?.({ index: context.index, rows: good.length });
          });
          options.onProgress?.({ done: context.rowsDone, total });
        });
        const report = [...previous, ...fresh(lines)].slice(0, REPORT_CAP);
        await runs().where({ id: runId }).update({ status: 'done', report: JSON.stringify(report), updated_at: new Date() });
        return {
          runId,
          status: 'done',
          rows: resumedFrom + counts.rows,
          created: before.created + counts.created,
          updated: before.updated + counts.updated,
          unchanged: before.unchanged + counts.unchanged,
          refused: before.refused + counts.refused,
          report,
          resumedFrom,
        };
      } catch (error: any) {
        await runs().where({ id: runId }).update({ status: 'failed', error: String(error?.message ?? error).slice(0, 2000), updated_at: new Date() });
        throw error;
      }
    },

    /** Runs of a member's organization (all for a system administrator), newest first. */
    async recent(member: StaffMember | null, limit = 20) {
      const q = runs().orderBy('id', 'desc').limit(limit).select('id', 'file_name', 'content_type', 'rows_done', 'rows_total', 'created', 'updated', 'unchanged', 'refused', 'status', 'mode', 'release_as', 'started_by', 'started_at', 'updated_at', 'error');
      if (member && !member.isSysadmin) q.where({ organization_id: member.organizationId ?? -1 });
      return q;
    },
  };
};
