import { decodeListCursor, encodeListCursor, queryDigest } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/list-cursor';
import { parseListQuery } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/list-query';

const SECRET = 'list-cursor:test-key';
const query = queryDigest('[["pageSize",20],["sort","releasedAt:desc"]]');
const position = { releasedAt: '2025-03-01 08:00:00.123456', tieBreaker: 42, page: 3, query };

describe('list cursor', () => {
  it('gives back the position it was made from', () => {
    expect(decodeListCursor(encodeListCursor(position, SECRET), SECRET, query)).toEqual(position);
  });

  it('refuses an edited cursor, another key, another query and garbage', () => {
    const cursor = encodeListCursor(position, SECRET);
    const [prefix, body, mac] = cursor.split('.');
    const edited = Buffer.from(JSON.stringify(['2025-03-01 08:00:00.123456', 41, 3, query])).toString('base64url');
    expect(decodeListCursor(`${prefix}.${edited}.${mac}`, SECRET, query)).toBeNull();
    expect(decodeListCursor(cursor, 'list-cursor:other-key', query)).toBeNull();
    expect(decodeListCursor(cursor, SECRET, queryDigest('[["pageSize",50]]'))).toBeNull();
    for (const bad of ['', 'l1.', `l1.${body}`, `l1.${body}.${mac}.x`, 'c1.abc', 'l1.!!!.???']) expect(decodeListCursor(bad, SECRET, query)).toBeNull();
  });

  it('is taken instead of a page number, and lets the list go past the depth cap', () => {
    expect(parseListQuery({ cursor: 'l1.x.y', pageSize: '100' }, { maxDepth: 50 })).toMatchObject({ ok: true, value: { cursor: 'l1.x.y' } });
    expect(parseListQuery({ cursor: 'l1.x.y', page: '2' }, { maxDepth: 50 })).toMatchObject({ ok: false, issue: { path: ['page'], code: 'INVALID_PARAMETER' } });
    expect(parseListQuery({ page: '3', pageSize: '20' }, { maxDepth: 50 })).toMatchObject({ ok: false, issue: { code: 'PAGE_TOO_DEEP' } });
  });
});
