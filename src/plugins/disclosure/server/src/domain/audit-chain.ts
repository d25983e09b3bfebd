import { createHash } from 'crypto';

/**
 * The audit trail is a SHA-256 hash chain: each event's hash covers its own
 * fields and the previous event's hash, so altering, deleting or reordering a
 * stored event breaks every link after it.
 */
export interface AuditFields {
  seq: number;
  actor: string;
  action: string;
  targetUid: string | null;
  targetDocumentId: string | null;
  versionHash: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
  occurredAt: string; // ISO instant, UTC
}

export interface AuditLink extends AuditFields {
  id?: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    // By UTF-16 code units, as Array.prototype.sort orders strings: the order every stored hash was computed with.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
  return `{${entries.join(',')}}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function linkHash(fields: AuditFields, prevHash: string): string {
  return sha256(
    canonicalJson({
      prevHash,
      seq: fields.seq,
      actor: fields.actor,
      action: fields.action,
      targetUid: fields.targetUid,
      targetDocumentId: fields.targetDocumentId,
      versionHash: fields.versionHash,
      fromState: fields.fromState,
      toState: fields.toState,
      reason: fields.reason,
      data: fields.data ?? null,
      occurredAt: fields.occurredAt,
    })
  );
}

export function chainLink(fields: AuditFields, prevHash: string): AuditLink {
  return { ...fields, prevHash, hash: linkHash(fields, prevHash) };
}

export type ChainVerdict = { ok: true; count: number; head: string } | { ok: false; count: number; brokenAt: { seq: number; id?: number; reason: string } };

/** Walks links in seq order and names the first that does not hold; `from` continues a walk page by page. */
export function verifyChain(links: AuditLink[], from: { prevHash: string; seq: number } = { prevHash: GENESIS_HASH, seq: 1 }): ChainVerdict {
  let prev = from.prevHash;
  let expectedSeq = from.seq;
  for (const link of links) {
    const broken = (reason: string): ChainVerdict => ({ ok: false, count: links.length, brokenAt: { seq: link.seq, id: link.id, reason } });
    if (Number(link.seq) !== expectedSeq) return broken(`序号不连续：应为 ${expectedSeq} / sequence gap: expected ${expectedSeq}`);
    if (link.prevHash !== prev) return broken('前一条记录的哈希不匹配 / previous hash does not match');
    if (linkHash(link, link.prevHash) !== link.hash) return broken('记录内容与哈希不符 / content does not match its hash');
    prev = link.hash;
    expectedSeq += 1;
  }
  return { ok: true, count: links.length, head: prev };
}

/** Verifies a chain read in pages, without holding it all in memory. */
export async function verifyPages(nextPage: (afterSeq: number) => Promise<AuditLink[]>): Promise<ChainVerdict> {
  let from = { prevHash: GENESIS_HASH, seq: 1 };
  let count = 0;
  for (;;) {
    const page = await nextPage(from.seq - 1);
    if (page.length === 0) return { ok: true, count, head: from.prevHash };
    const verdict = verifyChain(page, from);
    count += page.length;
    if (!verdict.ok) return { ...verdict, count };
    from = { prevHash: verdict.head, seq: from.seq + page.length };
  }
}
