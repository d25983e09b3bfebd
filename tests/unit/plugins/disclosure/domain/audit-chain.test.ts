import { AuditFields, canonicalJson, chainLink, GENESIS_HASH, verifyChain } from '../../../../../src/plugins/disclosure/server/src/domain/audit-chain';
import { contentHash } from '../../../../../src/plugins/disclosure/server/src/domain/content-hash';

const event = (seq: number, over: Partial<AuditFields> = {}): AuditFields => ({
  seq,
  actor: 'admin:1',
  action: 'submit',
  targetUid: 'api::policy.policy',
  targetDocumentId: 'doc1',
  versionHash: 'abc',
  fromState: 'draft',
  toState: 'in_review',
  reason: null,
  data: { stage: 'department_review' },
  occurredAt: '2026-01-05T02:00:00.000Z',
  ...over,
});

function chain(n: number) {
  const links = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const link = chainLink(event(i), prev);
    links.push({ ...link, id: i * 10 });
    prev = link.hash;
  }
  return links;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('names the first altered event', () => {
    const links = chain(5);
    links[2] = { ...links[2], reason: '篡改' };
    expect(verifyChain(links)).toMatchObject({ ok: false, brokenAt: { seq: 3, id: 30 } });
  });

  it('detects a deleted or reordered event', () => {
    const links = chain(5);
    expect(verifyChain([links[0], links[1], links[3], links[4]])).toMatchObject({ ok: false, brokenAt: { seq: 4 } });
    expect(verifyChain([links[1], links[0]])).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('detects a re-hashed event whose successor still points at the old hash', () => {
    const links = chain(3);
    const forged = chainLink(event(2, { reason: '伪造' }), links[0].hash);
    expect(verifyChain([links[0], { ...forged, id: 20 }, links[2]])).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('hashes canonical JSON, independent of key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});

describe('content hash', () => {
  const entry = { id: 1, documentId: 'x', title: '标题', updatedAt: '2026', topics: [{ documentId: 'b', id: 2 }, { documentId: 'a', id: 1 }], qa: [{ id: 9, question: 'q', answer: 'a' }] };

  it('ignores ids, timestamps and relation order', () => {
    expect(contentHash(entry)).toBe(contentHash({ ...entry, id: 2, updatedAt: '2027', topics: [...entry.topics].reverse(), qa: [{ ...entry.qa[0], id: 10 }] }));
  });

  it('changes when content changes', () => {
    expect(contentHash(entry)).not.toBe(contentHash({ ...entry, title: '新标题' }));
    expect(contentHash(entry)).not.toBe(contentHash({ ...entry, topics: [{ documentId: 'a' }] }));
  });
});
