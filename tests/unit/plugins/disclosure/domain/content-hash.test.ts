import { contentHash, contentOf } from '../../../../../src/plugins/disclosure/server/src/domain/content-hash';

/** A media value as the document service loads it with populate '*'. */
const file = (over: Record<string, unknown> = {}) => ({
  id: 7,
  documentId: 'file-doc-1',
  name: '实施方案.pdf',
  hash: 'shi_shi_fang_an_0b3c437fe3',
  ext: '.pdf',
  mime: 'application/pdf',
  size: 12.34,
  sha256: 'a'.repeat(64),
  url: '/uploads/shi_shi_fang_an_0b3c437fe3.pdf',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const entry = (attachments: unknown[]) => ({ id: 1, documentId: 'doc', title: '关于印发实施方案的通知', attachments });

describe('content hash of attachments', () => {
  it('reduces a file to what a reader gets: name, storage name, size, type and the SHA-256 of its bytes', () => {
    expect(contentOf(entry([file()]))).toEqual({
      title: '关于印发实施方案的通知',
      attachments: [{ name: '实施方案.pdf', hash: 'shi_shi_fang_an_0b3c437fe3', size: '12.34', mime: 'application/pdf', sha256: 'a'.repeat(64) }],
    });
  });

  it('changes when a file is replaced in place, even with the same name, storage name and size', () => {
    const before = contentHash(entry([file()]));
    expect(contentHash(entry([file({ sha256: 'b'.repeat(64) })]))).not.toBe(before);
    expect(contentHash(entry([file({ size: 12.35 })]))).not.toBe(before);
    expect(contentHash(entry([file({ mime: 'text/html' })]))).not.toBe(before);
    expect(contentHash(entry([file({ name: '另一方案.pdf' })]))).not.toBe(before);
  });

  it('ignores bookkeeping: ids, timestamps and signed preview URLs', () => {
    expect(contentHash(entry([file({ id: 8, updatedAt: '2027-01-01T00:00:00.000Z', url: '/uploads/x.pdf?exp=1&sig=abc' })]))).toBe(contentHash(entry([file()])));
  });

  it('keeps the order of attachments', () => {
    const second = file({ documentId: 'file-doc-2', name: '附件二.pdf', sha256: 'c'.repeat(64) });
    expect(contentHash(entry([file(), second]))).not.toBe(contentHash(entry([second, file()])));
  });

  it('still reduces relations to their documentId', () => {
    expect(contentOf({ title: 't', category: { id: 3, documentId: 'cat', name: '统计信息' } })).toEqual({ title: 't', category: 'cat' });
  });
});
