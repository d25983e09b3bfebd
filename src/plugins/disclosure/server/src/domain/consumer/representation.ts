import { termOf } from '../vocabulary';
import { maskDeep, maskNameIn, maskPersonalNumbers, naturalPersonName, publicSubject, searchText } from './masking';

/**
 * The public shape of a released entry. Everything is listed explicitly (a whitelist): a field added to a schema
 * stays out of the consumer API until it is added here, so private and workflow fields cannot leak by default.
 */

/**
 * Bumped whenever a change to the representation (masking above all) must reach what was stored before it: search
 * texts and the feed's live snapshots are then rebuilt once at boot. 2: natural persons' names masked everywhere,
 * cross-reference titles masked, search text introduced. 3: 形成或变更日期 a date (YYYY-MM-DD), no longer an instant.
 */
export const REPRESENTATION_VERSION = 3;

export type FieldKind = 'scalar' | 'enum' | 'date' | 'datetime' | 'ref' | 'refs' | 'media' | 'qa' | 'positions' | 'decimal' | 'integer' | 'report';
export interface PublicField {
  name: string;
  kind: FieldKind;
  /** The key it is shown under, when not its attribute name. */
  as?: string;
  /** Part of list items too (scalar columns only), not just the detail. */
  inList?: boolean;
}

const body: PublicField = { name: 'body', kind: 'scalar' };
const attachments: PublicField = { name: 'attachments', kind: 'media' };

export const PUBLIC_FIELDS: Record<string, PublicField[]> = {
  policies: [
    { name: 'documentNumber', kind: 'scalar', inList: true },
    { name: 'documentKind', kind: 'enum', inList: true },
    { name: 'validity', kind: 'enum', inList: true },
    { name: 'writtenDate', kind: 'date' },
    { name: 'effectiveDate', kind: 'date', inList: true },
    { name: 'expiryDate', kind: 'date' },
    { name: 'normativeRegistrationNumber', kind: 'scalar' },
    { name: 'issuingOrganizations', kind: 'refs' },
    body,
    attachments,
  ],
  interpretations: [{ name: 'form', kind: 'enum', inList: true }, { name: 'interpreter', kind: 'scalar' }, body, { name: 'qa', kind: 'qa' }, attachments],
  'dual-publicity-records': [
    { name: 'kind', kind: 'enum', inList: true },
    { name: 'decisionNumber', kind: 'scalar', inList: true },
    { name: 'subjectType', kind: 'enum', inList: true },
    { name: 'subjectName', kind: 'scalar', inList: true },
    { name: 'unifiedSocialCreditCode', kind: 'scalar', inList: true },
    { name: 'legalRepresentative', kind: 'scalar', inList: true },
    { name: 'matterName', kind: 'scalar', inList: true },
    { name: 'legalBasis', kind: 'scalar' },
    { name: 'decisionContent', kind: 'scalar' },
    { name: 'penaltyAmount', kind: 'decimal' },
    { name: 'confiscationAmount', kind: 'decimal' },
    { name: 'decisionDate', kind: 'date', inList: true },
    { name: 'validFrom', kind: 'date' },
    { name: 'validUntil', kind: 'date' },
    { name: 'publicUntil', kind: 'date' },
    { name: 'decidingOrganization', kind: 'ref' },
  ],
  'procurement-notices': [
    { name: 'noticeType', kind: 'enum', inList: true },
    { name: 'projectName', kind: 'scalar', inList: true },
    { name: 'projectCode', kind: 'scalar', inList: true },
    { name: 'method', kind: 'enum', inList: true },
    { name: 'budgetAmount', kind: 'decimal' },
    { name: 'purchaser', kind: 'scalar' },
    { name: 'agency', kind: 'scalar' },
    { name: 'submissionDeadline', kind: 'datetime', inList: true },
    { name: 'openingTime', kind: 'datetime' },
    { name: 'decisionDate', kind: 'date' },
    { name: 'resultSupplier', kind: 'scalar' },
    { name: 'resultAmount', kind: 'decimal' },
    { name: 'contractSignedDate', kind: 'date' },
    body,
    attachments,
  ],
  'recruitment-notices': [
    { name: 'kind', kind: 'enum', inList: true },
    { name: 'employer', kind: 'scalar', inList: true },
    { name: 'stage', kind: 'enum', inList: true },
    { name: 'registrationStart', kind: 'datetime' },
    { name: 'registrationEnd', kind: 'datetime', inList: true },
    { name: 'examDate', kind: 'date' },
    { name: 'publicityStart', kind: 'date' },
    { name: 'publicityEnd', kind: 'date' },
    { name: 'positions', kind: 'positions' },
    body,
    attachments,
  ],
  'disclosure-items': [body, attachments],
  // The published row's figures, frozen at release: never the draft's (the consumer reads released rows only);
  // explanations of violations are part of the released report (the note and its date, not its author).
  'annual-reports': [
    { name: 'year', kind: 'integer', inList: true },
    { name: 'scope', kind: 'enum' },
    { name: 'overview', kind: 'scalar' },
    { name: 'problems', kind: 'scalar' },
    { name: 'otherMatters', kind: 'scalar' },
    { name: 'feesWanYuan', kind: 'decimal' },
    { name: 'figures', kind: 'report', as: 'report' },
  ],
};

export interface Ref {
  documentId: string;
  name: string;
  code: string | null;
}
export interface EntryRef {
  documentId: string;
  type: string;
  title: string;
  indexNumber: string | null;
  slug: string | null;
  /** Where the referenced entry belongs: kept with the stored representation, removed by `forSite`. */
  _organizationId?: number | null;
  _categoryId?: number | null;
}

const publicRef = ({ _organizationId, _categoryId, ...rest }: EntryRef) => rest;

/**
 * A stored representation as one site sees it: cross-references (a policy's interpretations, an interpretation's
 * policy) to entries outside the site's scope are dropped, and the scope bookkeeping is removed.
 */
export function forSite(entry: Record<string, unknown>, visible: (organizationId: number | null | undefined, categoryId: number | null | undefined) => boolean): Record<string, unknown> {
  const out = { ...entry };
  if (Array.isArray(out.interpretations)) {
    out.interpretations = (out.interpretations as EntryRef[]).filter((r) => visible(r._organizationId, r._categoryId)).map(publicRef);
  }
  if (out.policy && typeof out.policy === 'object') {
    const policy = out.policy as EntryRef;
    out.policy = visible(policy._organizationId, policy._categoryId) ? publicRef(policy) : null;
  }
  return out;
}

/** A loaded row: column values by attribute name, relations already reduced to refs. */
export interface EntryRow {
  documentId: string;
  indexNumber: string | null;
  slug: string | null;
  title: string;
  summary: string | null;
  keywords: string | null;
  /** 'YYYY-MM-DD'. */
  formedOrChangedAt: string | null;
  releasedOn: Date | string | null;
  publishedAt: Date | string;
  version: string | null;
  organization: Ref | null;
  category: Ref | null;
  topics: Ref[];
  [field: string]: unknown;
}

const FREE_TEXT = new Set<FieldKind>(['scalar', 'qa', 'positions']);
const IDENTIFIERS = new Set(['documentNumber', 'decisionNumber', 'unifiedSocialCreditCode', 'projectCode', 'normativeRegistrationNumber']);

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const day = (value: unknown) => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
};
const decimal = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function fieldValue(field: PublicField, value: unknown): unknown {
  switch (field.kind) {
    case 'date':
      return day(value);
    case 'datetime':
      return iso(value);
    case 'decimal':
      return decimal(value);
    case 'integer':
      return value === null || value === undefined ? null : Number(value);
    case 'report': {
      const report = typeof value === 'string' ? JSON.parse(value) : value;
      if (!report || typeof report !== 'object') return null;
      // The public sees what was found and why the figures stand, not who wrote the note or which applications it names.
      const violations = (Array.isArray(report.violations) ? report.violations : []).map((v: any) => ({
        key: v.key,
        code: v.code,
        message: v.message,
        messageEn: v.messageEn,
        explanation: v.explanation ? { note: v.explanation.note, at: v.explanation.at } : null,
      }));
      return { ...report, frozen: true, violations };
    }
    case 'refs':
      return Array.isArray(value) ? value : [];
    case 'media':
      return (Array.isArray(value) ? value : []).map((file: any) => ({ name: file.name, url: file.url, mime: file.mime ?? null, size: file.size === undefined || file.size === null ? null : Number(file.size) }));
    case 'qa':
      return (Array.isArray(value) ? value : []).map((pair: any) => ({ question: pair.question ?? null, answer: pair.answer ?? null }));
    case 'positions':
      return (Array.isArray(value) ? value : []).map((p: any) => ({ name: p.name ?? null, headcount: p.headcount ?? null, requirements: p.requirements ?? null }));
    default:
      return value ?? null;
  }
}

/**
 * The public representation of one entry: `summary` (catalogue fields only, for the all-types list), `item` (plus
 * the type's list fields) or `detail` (everything public).
 */
export type Shape = 'summary' | 'item' | 'detail';

export function represent(type: string, typeLabel: string, row: EntryRow, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {
    documentId: row.documentId,
    type,
    typeLabel,
    indexNumber: row.indexNumber ?? null,
    slug: row.slug ?? null,
    title: maskPersonalNumbers(row.title),
    summary: maskPersonalNumbers(row.summary),
    keywords: maskPersonalNumbers(row.keywords),
    organization: row.organization,
    category: row.category,
    topics: row.topics,
    formedOrChangedAt: day(row.formedOrChangedAt),
    releasedOn: day(row.releasedOn),
    releasedAt: iso(row.publishedAt),
    version: row.version ?? null,
  };
  if (shape === 'summary') return withoutPersonName(type, row, out);
  for (const field of PUBLIC_FIELDS[type] ?? []) {
    if (shape === 'item' && !field.inList) continue;
    const value = fieldValue(field, row[field.name]);
    // Free text is masked; identifiers (document numbers, credit codes, hashes) are shown as recorded.
    out[field.as ?? field.name] = FREE_TEXT.has(field.kind) && !IDENTIFIERS.has(field.name) ? maskDeep(value) : value;
    if (field.kind === 'enum') out[`${field.name}Label`] = row[field.name] ? (termOf(String(row[field.name]))?.zh ?? null) : null;
  }
  if (type === 'dual-publicity-records') {
    const subject = publicSubject({
      subjectType: row.subjectType as string,
      subjectName: row.subjectName as string,
      legalRepresentative: row.legalRepresentative as string,
      unifiedSocialCreditCode: row.unifiedSocialCreditCode as string,
    });
    out.subjectName = subject.subjectName;
    out.legalRepresentative = subject.legalRepresentative;
    out.unifiedSocialCreditCode = subject.unifiedSocialCreditCode;
  }
  // Cross-references show another entry's title: masked like that entry's own.
  const maskRef = (r: EntryRef): EntryRef => ({ ...r, title: maskPersonalNumbers(r.title) ?? '' });
  if (type === 'policies') out.interpretations = ((row.interpretations as EntryRef[] | undefined) ?? []).map(maskRef);
  if (type === 'interpretations') out.policy = row.policy ? maskRef(row.policy as EntryRef) : null;
  return withoutPersonName(type, row, out);
}

/** A 双公示 record's natural person is masked wherever the editor wrote the name (名称, 事项名称, 决定内容 …), not only in subjectName. */
function withoutPersonName(type: string, row: EntryRow, out: Record<string, unknown>): Record<string, unknown> {
  const personName = type === 'dual-publicity-records' ? naturalPersonName({ subjectType: row.subjectType as string, subjectName: row.subjectName as string }) : null;
  if (!personName) return out;
  for (const key of Object.keys(out)) {
    if (!NOT_PROSE.has(key)) out[key] = maskDeep(out[key], (text) => maskNameIn(text, personName));
  }
  return out;
}

/** Keys of a representation that are system identifiers or references, never text an editor wrote about a person. */
const NOT_PROSE = new Set(['documentId', 'type', 'typeLabel', 'indexNumber', 'slug', 'organization', 'category', 'topics', 'version']);

/**
 * The text the list filter `q` searches for an entry, derived from its public representation (`item` or `detail`):
 * 名称, 内容概述, 主题词, 索引号 and a policy's 文号 exactly as shown, minus the masked personal data (see searchText).
 */
export function searchTextOf(type: string, entry: Record<string, unknown>): string {
  const shown = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  const fields = [shown('title'), shown('summary'), shown('keywords'), shown('indexNumber'), ...(type === 'policies' ? [shown('documentNumber')] : [])];
  const maskedName = type === 'dual-publicity-records' && entry.subjectType === 'natural_person' ? shown('subjectName') : null;
  return searchText(fields, maskedName && maskedName.includes('*') ? maskedName : null);
}

/** What is left of a withdrawn entry: enough for a mirror to delete it, no content. */
export interface Tombstone {
  documentId: string;
  type: string;
  indexNumber: string | null;
  slug: string | null;
  withdrawnAt: string;
}
