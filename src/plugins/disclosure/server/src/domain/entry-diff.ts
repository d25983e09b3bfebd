import { diffChars, diffWordsWithSpace } from 'diff';

/**
 * 版本比较: what a reviewer needs to see before approving a correction (更正) — which fields changed between two
 * versions of an entry, and, for bodies, the words (or, in Chinese, the characters) inserted and deleted.
 * Pure: the service passes each field's definition (type and its label from pluginOptions.disclosure).
 */

export interface FieldSpec {
  name: string;
  /** The Strapi attribute type: string, text, richtext, blocks, relation, media, component, dynamiczone, … */
  type: string;
  label: string;
  labelEn: string;
  /** relation: to many (a set); media: multiple; component: repeatable. */
  many?: boolean;
}

/** A related entry as the admin shows it: which one (documentId) and what it is called. */
export interface RelationRef {
  documentId: string;
  label: string;
}

/** A file as stored; the SHA-256 of its bytes tells a file replaced in place (same id, same storage name). */
export interface FileRef {
  id: number | null;
  name: string;
  hash: string | null;
  sha256: string | null;
  mime: string | null;
  size: number | null;
  url: string | null;
}

/** One version's content, field by field, reduced to what the diff compares (and what the admin shows). */
export type Snapshot = Record<string, unknown>;

export interface Hunk {
  added?: boolean;
  removed?: boolean;
  value: string;
}

export type ChangeKind = 'changed' | 'added' | 'removed';

export interface FieldChange {
  field: string;
  label: string;
  labelEn: string;
  type: string;
  kind: ChangeKind;
  before: unknown;
  after: unknown;
  /** The value as a person reads it (relation labels, file names, 是/否), for the panel's before → after. */
  beforeText: string;
  afterText: string;
  /** Long text, rich text and blocks: the text diff. */
  hunks?: Hunk[];
  /** Relations and files to many: which were added and which removed (by documentId, by file). */
  addedItems?: string[];
  removedItems?: string[];
}

/** Bookkeeping every entry has; computed fields (writable: false) are left out by the service. */
export const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

/** Types whose change is shown as a text diff rather than before → after. */
const TEXT_TYPES = new Set(['text', 'richtext', 'blocks']);

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const relationRef = (value: unknown): RelationRef | null => {
  if (!isRecord(value) || typeof value.documentId !== 'string') return null;
  const label = [value.title, value.name, value.label, value.code].find((v) => typeof v === 'string' && v.trim());
  return { documentId: value.documentId, label: (label as string | undefined) ?? value.documentId };
};

const fileRef = (value: unknown): FileRef | null => {
  if (!isRecord(value)) return null;
  return {
    id: typeof value.id === 'number' ? value.id : null,
    name: typeof value.name === 'string' ? value.name : '',
    hash: typeof value.hash === 'string' ? value.hash : null,
    sha256: typeof value.sha256 === 'string' ? value.sha256 : null,
    mime: typeof value.mime === 'string' ? value.mime : null,
    size: typeof value.size === 'number' ? value.size : value.size == null ? null : Number(value.size),
    url: typeof value.url === 'string' ? value.url : null,
  };
};

/** Components and dynamic zones: their content without database ids; related entries by {documentId, label}. */
const plain = (value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (isRecord(value)) {
    const ref = relationRef(value);
    if (ref) return ref;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (key !== 'id') out[key] = plain(value[key]);
    return out;
  }
  return value;
};

/** The content of a loaded entry (a draft or a published row, populated), field by field. */
export function snapshotOf(fields: FieldSpec[], entry: Record<string, unknown>): Snapshot {
  const out: Snapshot = {};
  for (const field of fields) {
    if (SYSTEM_FIELDS.has(field.name)) continue;
    const value = entry[field.name];
    if (field.type === 'relation') {
      out[field.name] = field.many ? (Array.isArray(value) ? value.map(relationRef).filter((r): r is RelationRef => r !== null) : []) : relationRef(value);
    } else if (field.type === 'media') {
      out[field.name] = field.many ? (Array.isArray(value) ? value.map(fileRef).filter((f): f is FileRef => f !== null) : []) : fileRef(value);
    } else {
      out[field.name] = plain(value);
    }
  }
  return out;
}

/** Blocks (Strapi's rich text as JSON) read as text: one line per paragraph, heading, list item or quote. */
export function blocksText(value: unknown): string {
  const textOf = (node: unknown): string => {
    if (!isRecord(node)) return '';
    if (typeof node.text === 'string') return node.text;
    return Array.isArray(node.children) ? node.children.map(textOf).join('') : '';
  };
  const lines: string[] = [];
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes) {
      if (isRecord(node) && node.type === 'list') walk(node.children);
      else lines.push(textOf(node));
    }
  };
  walk(value);
  return lines.join('\n');
}

const textOf = (field: FieldSpec, value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (field.type === 'blocks') return blocksText(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/**
 * Insertions and deletions from `before` to `after`. Chinese has no spaces between words: a word diff would mark a
 * whole sentence changed for one character, so text with CJK characters is compared character by character.
 */
export function textDiff(before: string, after: string): Hunk[] {
  const changes = CJK.test(before) || CJK.test(after) ? diffChars(before, after) : diffWordsWithSpace(before, after);
  return changes.map((c) => (c.added ? { added: true, value: c.value } : c.removed ? { removed: true, value: c.value } : { value: c.value }));
}

const canonical = (value: unknown): string => JSON.stringify(value, (_key, v) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));

/** A file is the same file when it is the same upload holding the same bytes. */
const fileKey = (f: FileRef) => `${f.id ?? ''}:${f.hash ?? f.name}:${f.sha256 ?? ''}`;

/** What is compared: relations by documentId (to many as a set), files by file, everything else by value. */
const comparable = (field: FieldSpec, value: unknown): unknown => {
  if (field.type === 'relation') {
    if (Array.isArray(value)) return value.map((r: RelationRef) => r.documentId).sort();
    return isRecord(value) ? value.documentId : null;
  }
  if (field.type === 'media') {
    if (Array.isArray(value)) return value.map((f: FileRef) => fileKey(f)).sort();
    return isRecord(value) ? fileKey(value as unknown as FileRef) : null;
  }
  return value ?? null;
};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** The value as a person reads it in one line. */
export function displayText(field: FieldSpec, value: unknown): string {
  if (isEmpty(value)) return '（空）';
  if (field.type === 'relation') return (Array.isArray(value) ? value : [value]).map((r: RelationRef) => r.label).join('、');
  if (field.type === 'media') return (Array.isArray(value) ? value : [value]).map((f: FileRef) => f.name).join('、');
  if (field.type === 'boolean') return value ? '是' : '否';
  if (field.type === 'blocks') return blocksText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

const itemNames = (field: FieldSpec, value: unknown): Map<string, string> => {
  const items = Array.isArray(value) ? value : [];
  if (field.type === 'relation') return new Map(items.map((r: RelationRef) => [r.documentId, r.label]));
  return new Map(items.map((f: FileRef) => [fileKey(f), f.name]));
};

/**
 * Field by field, in the content type's order: each field whose value differs, as added (was empty), removed (is now
 * empty) or changed. Fields equal in both are left out; so are fields neither version has.
 */
export function diffSnapshots(fields: FieldSpec[], before: Snapshot, after: Snapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (SYSTEM_FIELDS.has(field.name)) continue;
    const a = before[field.name] ?? null;
    const b = after[field.name] ?? null;
    if (canonical(comparable(field, a)) === canonical(comparable(field, b))) continue;
    if (isEmpty(a) && isEmpty(b)) continue;
    const kind: ChangeKind = isEmpty(a) ? 'added' : isEmpty(b) ? 'removed' : 'changed';
    const change: FieldChange = {
      field: field.name,
      label: field.label,
      labelEn: field.labelEn,
      type: field.type,
      kind,
      before: a,
      after: b,
      beforeText: displayText(field, a),
      afterText: displayText(field, b),
    };
    if (TEXT_TYPES.has(field.type)) change.hunks = textDiff(textOf(field, a), textOf(field, b));
    if (field.many && (field.type === 'relation' || field.type === 'media')) {
      const was = itemNames(field, a);
      const now = itemNames(field, b);
      change.addedItems = [...now].filter(([key]) => !was.has(key)).map(([, name]) => name);
      change.removedItems = [...was].filter(([key]) => !now.has(key)).map(([, name]) => name);
    }
    changes.push(change);
  }
  return changes;
}
