import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * List cursors: where the next page of a list in released order starts (keyset pagination), opaque to consumers:
 * `l1.<base64url JSON>.<MAC>`. The MAC (keyed with the app's secret) makes an edited or forged cursor a 400 rather
 * than a silent jump, and the cursor is bound to the query it came from (sort and filters) and to the page size.
 */
export interface ListPosition {
  /** The last row's released time, as the database returned it (text on PostgreSQL, raw on SQLite). */
  releasedAt: string | number;
  /** The last row's tie-breaker: its id in a one-type list, its documentId across types. */
  tieBreaker: string | number;
  /** The page number the cursor leads to. */
  page: number;
  /** A digest of the query (sort, filters, page size) the cursor belongs to. */
  query: string;
}

const PREFIX = 'l1.';
const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

export const queryDigest = (key: string) => createHmac('sha256', 'list-cursor-query').update(key).digest('base64url').slice(0, 16);

export function encodeListCursor(position: ListPosition, secret: string): string {
  const body = Buffer.from(JSON.stringify([position.releasedAt, position.tieBreaker, position.page, position.query])).toString('base64url');
  return `${PREFIX}${body}.${mac(body, secret)}`;
}

/** The position a cursor carries, or null when it is malformed, edited, or made for another query. */
export function decodeListCursor(cursor: string, secret: string, query: string): ListPosition | null {
  if (!cursor.startsWith(PREFIX) || cursor.length > 512) return null;
  const [body, signature, extra] = cursor.slice(PREFIX.length).split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [releasedAt, tieBreaker, page, digest] = value;
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (!scalar(releasedAt) || !scalar(tieBreaker) || !Number.isSafeInteger(page) || page < 2 || digest !== query) return null;
  return { releasedAt, tieBreaker, page, query: digest };
}
