import { fileContent, isFileObject } from './attachments';
import { canonicalJson, sha256 } from './audit-chain';

/** Fields that change without the content changing (bookkeeping, system-derived deadline data and search text). */
const VOLATILE = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'dueDate',
  'dueDateProvisional',
  'releasedOn',
  'publicSearchText',
]);

/**
 * Reduces a loaded entry to its content: relations by documentId (sorted), components without ids, files by what
 * they hold (name, size, type, storage name and SHA-256 of the bytes): a file replaced in place changes the hash.
 */
export function contentOf(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map((item) => contentOf(item, depth + 1));
    // A list of relation references is a set; component lists keep their order.
    return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (depth > 0 && isFileObject(record)) return fileContent(record);
    if (depth > 0 && typeof record.documentId === 'string') return record.documentId;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(record)) {
      if (VOLATILE.has(key) || key === '__component' || (depth > 0 && key === 'id')) continue;
      out[key] = contentOf(field, depth + 1);
    }
    return out;
  }
  if (typeof value === 'number') return String(value);
  return value;
}

/** The version hash approvals are bound to. */
export const contentHash = (entry: unknown) => sha256(canonicalJson(contentOf(entry)));
