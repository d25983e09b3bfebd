import { createHash } from 'crypto';
import { isLegalDate, legalDateInput, toLegalDate } from './legal-date';
import { VOCABULARY } from './vocabulary';

/**
 * The spreadsheet form of a governed type (导入导出): one column per field, headed by the field's Chinese label
 * (pluginOptions.disclosure.label; the English label or the field name are accepted too), one row per entry.
 * Pure: the service describes the fields from the schema, this module maps headers, reads cells and reports.
 */
export type ColumnKind = 'string' | 'text' | 'date' | 'datetime' | 'enum' | 'integer' | 'decimal' | 'boolean' | 'relation';

export interface TableField {
  name: string;
  label: string;
  labelEn?: string;
  kind: ColumnKind;
  maxLength?: number;
  required?: boolean;
  enumValues?: readonly string[];
  /** Relations: the target uid and whether several values are allowed (separated by 、 ; ，). */
  target?: string;
  multiple?: boolean;
  /** The schema's default, taken when a row leaves the cell blank. */
  default?: unknown;
  /** Computed by the system (公开期限, 首次发布日期 …): exported, accepted as a header on import and ignored. */
  computed?: boolean;
}

/** One line of the validation report: the row as numbered in the spreadsheet (header = 1), the header as written. */
export interface ReportLine {
  row: number;
  column: string;
  reason: string;
  code: string;
}

export const INDEX_NUMBER_FIELD = 'indexNumber';
/** The fields that name an entry outside the system, in the order a row's key is taken from (文号 of each type). */
export const DOCUMENT_NUMBER_FIELDS = ['documentNumber', 'decisionNumber', 'projectCode'];

export interface HeaderMap {
  /** Per column position: the field it fills, or null (blank header). */
  columns: (TableField | null)[];
  /** The header as written, per field name (for report lines). */
  headerOf: Record<string, string>;
  problems: ReportLine[];
}

const norm = (text: string) => text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

/** Headers → fields: Chinese label, English label or field name; unknown and repeated headers are reported (row 1). */
export function mapHeaders(headers: readonly (string | null | undefined)[], fields: readonly TableField[]): HeaderMap {
  const lookup = new Map<string, TableField>();
  for (const field of fields) {
    for (const name of [field.name, field.labelEn, field.label]) if (name) lookup.set(norm(name), field);
  }
  const columns: (TableField | null)[] = [];
  const headerOf: Record<string, string> = {};
  const problems: ReportLine[] = [];
  headers.forEach((raw) => {
    const header = (raw ?? '').toString().trim();
    if (!header) return columns.push(null);
    const field = lookup.get(norm(header));
    if (!field) {
      problems.push({ row: 1, column: header, reason: `无法识别的列“${header}”`, code: 'UNKNOWN_COLUMN' });
      return columns.push(null);
    }
    if (headerOf[field.name]) {
      problems.push({ row: 1, column: header, reason: `列“${header}”与“${headerOf[field.name]}”重复`, code: 'DUPLICATE_COLUMN' });
      return columns.push(null);
    }
    headerOf[field.name] = header;
    columns.push(field);
  });
  if (!headerOf.title) {
    const title = fields.find((f) => f.name === 'title');
    problems.push({ row: 1, column: title?.label ?? '名称', reason: `缺少必需的列“${title?.label ?? '名称'}”`, code: 'MISSING_COLUMN' });
  }
  return { columns, headerOf, problems };
}

/** A cell's text whatever exceljs or the CSV reader gives (rich text, hyperlinks, formula results, dates, numbers). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs reads a date cell as midnight UTC of that day.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as any;
    if (Array.isArray(v.richText)) return v.richText.map((part: any) => part.text ?? '').join('').trim();
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(value).trim();
}

/** The values of a relation cell: names or codes separated by 、，,；; or new lines. */
export const splitNames = (text: string) =>
  text
    .split(/[、，,；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const enumLabel = (value: string) => VOCABULARY[value]?.zh ?? value;

export interface ParsedRow {
  /** Scalar fields as they will be stored; relation fields as the names written (resolved by the service). */
  data: Record<string, unknown>;
  relations: Record<string, string[]>;
  problems: ReportLine[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * One data row: each cell checked against its field's limits from the schema (length, enumeration, date, number).
 * Blank cells are left out: the entry rules say what is required.
 */
export function parseRow(rowNumber: number, cells: readonly unknown[], header: HeaderMap): ParsedRow {
  const data: Record<string, unknown> = {};
  const relations: Record<string, string[]> = {};
  const problems: ReportLine[] = [];
  header.columns.forEach((field, i) => {
    if (!field || (field.computed && field.name !== INDEX_NUMBER_FIELD)) return;
    const column = header.headerOf[field.name];
    const fail = (reason: string, code: string) => problems.push({ row: rowNumber, column, reason, code });
    const text = cellText(cells[i]);
    if (!text) return;
    switch (field.kind) {
      case 'string':
      case 'text':
        if (field.maxLength && [...text].length > field.maxLength) return fail(`${field.label}不能超过${field.maxLength}个字符（现有${[...text].length}个）`, 'TOO_LONG');
        data[field.name] = text;
        return;
      case 'date': {
        const day = isLegalDate(text) ? text : legalDateInput(text) ?? slashDate(text);
        if (!day) return fail(`${field.label}应为 YYYY-MM-DD 格式的日期`, 'INVALID_DATE');
        data[field.name] = day;
        return;
      }
      case 'datetime': {
        const instant = new Date(text);
        if (Number.isNaN(instant.getTime())) return fail(`${field.label}应为日期时间（如 2025-03-01 09:00）`, 'INVALID_DATETIME');
        data[field.name] = instant.toISOString();
        return;
      }
      case 'enum': {
        const values = field.enumValues ?? [];
        const value = values.find((v) => v === text || enumLabel(v) === text);
        if (!value) return fail(`${field.label}应为以下之一：${values.map(enumLabel).join('、')}`, 'INVALID_CHOICE');
        data[field.name] = value;
        return;
      }
      case 'integer':
        if (!/^-?\d+$/.test(text)) return fail(`${field.label}应为整数`, 'INVALID_NUMBER');
        data[field.name] = Number(text);
        return;
      case 'decimal':
        if (!DECIMAL.test(text.replace(/,/g, ''))) return fail(`${field.label}应为数字`, 'INVALID_NUMBER');
        data[field.name] = Number(text.replace(/,/g, ''));
        return;
      case 'boolean':
        if (!['是', '否', 'true', 'false', '1', '0'].includes(text.toLowerCase())) return fail(`${field.label}应为“是”或“否”`, 'INVALID_BOOLEAN');
        data[field.name] = ['是', 'true', '1'].includes(text.toLowerCase());
        return;
      case 'relation': {
        const names = splitNames(text);
        if (!field.multiple && names.length > 1) return fail(`${field.label}只能填写一个`, 'TOO_MANY_VALUES');
        relations[field.name] = names;
        return;
      }
    }
  });
  return { data, relations, problems };
}

/** 2025/3/1 and 2025年3月1日, as offices type dates. */
function slashDate(text: string): string | null {
  const m = /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isLegalDate(day) ? day : null;
}

/** What identifies a row across runs: its 索引号, else its 文号; null when it has neither (the row is refused). */
export function rowKey(data: Record<string, unknown>): string | null {
  const index = data[INDEX_NUMBER_FIELD];
  if (typeof index === 'string' && index) return `索引号:${index}`;
  for (const name of DOCUMENT_NUMBER_FIELDS) {
    const value = data[name];
    if (typeof value === 'string' && value) return `文号:${value}`;
  }
  return null;
}

/** The content a row carries (scalars and relation names, sorted), hashed: the same row imported again changes nothing. */
export function rowHash(parsed: Pick<ParsedRow, 'data' | 'relations'>): string {
  const canonical = (value: Record<string, unknown>) => Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
  return createHash('sha256').update(JSON.stringify([canonical(parsed.data), canonical(parsed.relations)])).digest('hex');
}

/** A field path from the entry rules (['positions', 0, 'headcount'] …) → the header its value came from. */
export function columnOf(path: readonly (string | number)[], header: HeaderMap, fields: readonly TableField[]): string {
  const name = String(path[0] ?? '');
  return header.headerOf[name] ?? fields.find((f) => f.name === name)?.label ?? name;
}

/** A stored value as a cell: enumeration values in words, dates as days, relations as names joined by 、. */
export function exportCell(field: TableField, value: unknown): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (field.kind) {
    case 'enum':
      return enumLabel(String(value));
    case 'date':
      return typeof value === 'string' ? value.slice(0, 10) : toLegalDate(value as Date);
    case 'datetime':
      return new Date(value as string).toISOString();
    case 'boolean':
      return value ? '是' : '否';
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'relation': {
      const items = Array.isArray(value) ? value : [value];
      return items.map((item: any) => item?.code ?? item?.indexNumber ?? item?.name ?? item?.title ?? '').filter(Boolean).join('、') || null;
    }
    default:
      return String(value);
  }
}

/**
 * A streaming CSV reader (RFC 4180: quoted fields, "" escapes, new lines inside quotes, CRLF, a UTF-8 BOM): feed it
 * chunks, it hands back complete records, so a large file never sits in memory whole.
 */
export function csvRecords() {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let started = false;
  const out: string[][] = [];
  const endField = () => {
    record.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) out.push(record);
    record = [];
  };
  return {
    push(chunk: string): string[][] {
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      for (let i = 0; i < chunk.length; i += 1) {
        const c = chunk[i];
        if (quoted) {
          if (c === '"') {
            quoted = false;
            afterQuote = true;
          } else field += c;
        } else if (c === '"') {
          if (afterQuote) field += '"'; // "" inside quotes
          quoted = true;
          afterQuote = false;
        } else if (c === ',') endField();
        else if (c === '\n') endRecord();
        else if (c === '\r') continue;
        else {
          afterQuote = false;
          field += c;
        }
      }
      return out.splice(0);
    },
    end(): string[][] {
      if (field !== '' || record.length > 0) endRecord();
      return out.splice(0);
    },
  };
}

/** One CSV line, quoted where needed. */
export const csvLine = (cells: readonly unknown[]) =>
  cells
    .map((cell) => {
      const text = cell === null || cell === undefined ? '' : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
