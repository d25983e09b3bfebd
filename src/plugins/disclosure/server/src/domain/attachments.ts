import { createHmac, timingSafeEqual } from 'crypto';
import path from 'path';

/**
 * Attachments (files in the upload folder) follow their entries: anyone may download a file of a released
 * 主动公开 entry; staff previews carry a signed, expiring URL; every other request for /uploads/* answers 404.
 */

export const UPLOADS_PREFIX = '/uploads/';

/** Workflow states in which a version is fixed: its files may not be replaced, renamed or deleted. */
export const FIXED_STATES = ['in_review', 'approved'] as const;

/**
 * Whether a request path reaches the upload folder, however it is spelled: koa-static decodes and normalizes
 * the path itself, so `/uploads%2Fa.pdf` or `/portal/../uploads/a.pdf` would otherwise get past a prefix check.
 */
export function isUploadPath(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return rawPath.toLowerCase().includes('uploads');
  }
  const normalized = path.posix.normalize(decoded.replace(/\\/g, '/')).toLowerCase();
  return normalized === '/uploads' || normalized.startsWith(UPLOADS_PREFIX);
}

const mac = (key: string, filePath: string, expires: number) => createHmac('sha256', key).update(`${filePath}\n${expires}`, 'utf8').digest('base64url');

/** `<path>?exp=<unix seconds>&sig=<HMAC-SHA256(key, path + "\n" + exp)>`: the signature covers the exact path. */
export function signUploadUrl(filePath: string, key: string, expiresAtSeconds: number): string {
  return `${filePath}?exp=${expiresAtSeconds}&sig=${mac(key, filePath, expiresAtSeconds)}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'malformed' | 'mismatch' | 'expired';

/** Checks a signed URL's `exp` and `sig` against any of the keys (the first signs; older ones still verify during rotation). */
export function verifyUploadSignature(filePath: string, query: { exp?: unknown; sig?: unknown }, keys: string[], nowSeconds: number): SignatureCheck {
  if (query.exp === undefined && query.sig === undefined) return 'missing';
  const exp = typeof query.exp === 'string' ? query.exp : '';
  const sig = typeof query.sig === 'string' ? query.sig : '';
  if (!/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return 'malformed';
  // The text is compared, not the decoded bytes: the last of 43 characters carries 2 unused bits, so decoding would
  // accept four spellings of one signature.
  const given = Buffer.from(sig, 'ascii');
  const matches = keys.some((key) => timingSafeEqual(Buffer.from(mac(key, filePath, Number(exp)), 'ascii'), given));
  if (!matches) return 'mismatch';
  return Number(exp) < nowSeconds ? 'expired' : 'valid';
}

/** A file as the content hash sees it: what a reader gets, not where it is stored. */
export interface FileContent {
  name: string | null;
  hash: string | null;
  size: string | null;
  mime: string | null;
  sha256: string | null;
}

/** A loaded media value (id, documentId, name, hash, mime, url, ...) as opposed to a relation or component. */
export const isFileObject = (value: Record<string, unknown>) => typeof value.mime === 'string' && typeof value.hash === 'string' && typeof value.url === 'string';

export function fileContent(file: Record<string, unknown>): FileContent {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { name: text(file.name), hash: text(file.hash), size: text(file.size), mime: text(file.mime), sha256: text(file.sha256) };
}

/** An entry that holds a file fixed. */
export interface HoldingEntry {
  uid: string;
  documentId: string;
  title: string;
  state: string;
}

export function fileInUseMessage(verb: string, entries: HoldingEntry[]): { message: string; messageEn: string } {
  const titles = entries.map((e) => `《${e.title}》`).join('、');
  return {
    message: `该文件被审核中、已审核通过或已发布的信息引用，不能${verb}：${titles}。如需更换附件，请对已发布的信息发起更正，在新版本中上传新文件`,
    messageEn: `the file belongs to ${entries.length} entry(ies) in review, approved or released; start a correction and attach a new file instead`,
  };
}
