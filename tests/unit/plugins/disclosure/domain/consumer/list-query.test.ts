import { MAX_FEED_LIMIT, MAX_PAGE_SIZE, parseFeedQuery, parseListQuery, queryKey, SORTS } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/list-query';

const issueOf = (result: ReturnType<typeof parseListQuery> | ReturnType<typeof parseFeedQuery>) => {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issue;
};

describe('list query parameters', () => {
  it('default to the first page of 20, newest first', () => {
    expect(parseListQuery({})).toEqual({ ok: true, value: { page: 1, pageSize: 20, sort: 'releasedAt:desc' } });
    expect(parseListQuery(undefined as unknown as Record<string, unknown>)).toEqual({ ok: true, value: { page: 1, pageSize: 20, sort: 'releasedAt:desc' } });
  });

  it('coerce query-string numbers and accept every declared filter', () => {
    const result = parseListQuery({ page: '3', pageSize: '100', sort: 'title:asc', organization: 'wjq-gov', category: 'zcwj', topic: 'T01.2', from: '2025-01-01', to: '2025-12-31', q: '  规划  ' });
    expect(result).toEqual({
      ok: true,
      value: { page: 3, pageSize: 100, sort: 'title:asc', organization: 'wjq-gov', category: 'zcwj', topic: 'T01.2', from: '2025-01-01', to: '2025-12-31', q: '规划' },
    });
  });

  it('accept every documented sort', () => {
    for (const sort of SORTS) expect(parseListQuery({ sort }).ok).toBe(true);
    expect(issueOf(parseListQuery({ sort: 'createdAt:desc' }))).toMatchObject({ path: ['sort'], code: 'INVALID_PARAMETER' });
  });

  it('refuse an unknown parameter, naming it', () => {
    const issue = issueOf(parseListQuery({ pageSize: '10', populate: '*' }));
    expect(issue).toEqual({ path: ['populate'], code: 'UNKNOWN_PARAMETER', message: '不支持查询参数“populate”', messageEn: 'unknown query parameter "populate"' });
  });

  it('refuse a page size outside 1–100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    for (const pageSize of ['0', '101', '-5']) {
      const issue = issueOf(parseListQuery({ pageSize }));
      expect(issue.path).toEqual(['pageSize']);
      expect(issue.code).toBe('OUT_OF_RANGE');
      expect(issue.message).toBe('每页条数超出范围（1–100）');
      expect(issue.messageEn).toMatch(/pageSize is out of range/);
    }
  });

  it('refuse a page below 1 and non-numbers', () => {
    expect(issueOf(parseListQuery({ page: '0' }))).toMatchObject({ path: ['page'], code: 'OUT_OF_RANGE' });
    expect(issueOf(parseListQuery({ page: 'two' }))).toMatchObject({ path: ['page'], code: 'INVALID_PARAMETER' });
    expect(issueOf(parseListQuery({ pageSize: '2.5' }))).toMatchObject({ path: ['pageSize'], code: 'INVALID_PARAMETER' });
    expect(issueOf(parseListQuery({ page: ['1', '2'] }))).toMatchObject({ path: ['page'], code: 'INVALID_PARAMETER' });
  });

  it('refuse dates that are not real YYYY-MM-DD days', () => {
    for (const from of ['2025-02-30', '2025/01/01', '20250101', '2025-1-1', 'yesterday']) {
      const issue = issueOf(parseListQuery({ from }));
      expect(issue).toEqual({ path: ['from'], code: 'INVALID_DATE', message: '起始日期应为 YYYY-MM-DD 格式的日期', messageEn: 'from must be a date YYYY-MM-DD' });
    }
    expect(issueOf(parseListQuery({ to: '2025-13-01' }))).toMatchObject({ path: ['to'], code: 'INVALID_DATE', message: '截止日期应为 YYYY-MM-DD 格式的日期' });
  });

  it('refuse a range that ends before it starts, but accept a single day', () => {
    expect(issueOf(parseListQuery({ from: '2025-03-02', to: '2025-03-01' }))).toEqual({ path: ['from'], code: 'INVALID_RANGE', message: '起始日期晚于截止日期', messageEn: 'from is after to' });
    expect(parseListQuery({ from: '2025-03-01', to: '2025-03-01' }).ok).toBe(true);
    expect(parseListQuery({ from: '2024-12-31', to: '2025-01-01' }).ok).toBe(true);
  });

  it('refuse an empty or overlong search', () => {
    expect(issueOf(parseListQuery({ q: '   ' }))).toMatchObject({ path: ['q'], code: 'OUT_OF_RANGE', message: '搜索词超出范围（1–100 个字符）' });
    expect(issueOf(parseListQuery({ q: '政'.repeat(101) }))).toMatchObject({ path: ['q'], code: 'OUT_OF_RANGE' });
    expect(parseListQuery({ q: '政'.repeat(100) }).ok).toBe(true);
  });

  it('refuse references that are not codes or document ids', () => {
    expect(issueOf(parseListQuery({ organization: 'a b' }))).toMatchObject({ path: ['organization'], code: 'INVALID_PARAMETER', message: '查询参数“organization”（机构）不正确' });
    expect(issueOf(parseListQuery({ category: '' }))).toMatchObject({ path: ['category'] });
    expect(issueOf(parseListQuery({ topic: 'x'.repeat(65) }))).toMatchObject({ path: ['topic'] });
  });

  it('accept type only where the list enables it, and only its values', () => {
    expect(issueOf(parseListQuery({ type: 'policies' }))).toMatchObject({ path: ['type'], code: 'UNKNOWN_PARAMETER' });
    const types = ['policies', 'interpretations'];
    expect(parseListQuery({ type: 'policies' }, { types })).toEqual({ ok: true, value: { page: 1, pageSize: 20, sort: 'releasedAt:desc', type: 'policies' } });
    expect(issueOf(parseListQuery({ type: 'secrets' }, { types }))).toMatchObject({ path: ['type'], code: 'INVALID_PARAMETER', message: '查询参数“type”（信息类型）不正确' });
  });

  it('accept validity only where the list enables it, and only its values', () => {
    expect(issueOf(parseListQuery({ validity: 'valid' }))).toMatchObject({ path: ['validity'], code: 'UNKNOWN_PARAMETER' });
    expect(issueOf(parseListQuery({ validity: 'valid' }, { types: ['policies'] }))).toMatchObject({ path: ['validity'], code: 'UNKNOWN_PARAMETER' });
    const validities = ['valid', 'expired', 'repealed'];
    expect(parseListQuery({ validity: 'repealed' }, { validities })).toMatchObject({ ok: true, value: { validity: 'repealed' } });
    expect(issueOf(parseListQuery({ validity: 'maybe' }, { validities }))).toMatchObject({ path: ['validity'], code: 'INVALID_PARAMETER' });
  });

  it('always explain a refusal in Chinese and English', () => {
    const refusals = [{ foo: '1' }, { pageSize: '0' }, { from: 'x' }, { from: '2025-02-01', to: '2025-01-01' }, { sort: 'x' }];
    for (const raw of refusals) {
      const issue = issueOf(parseListQuery(raw));
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
      expect(issue.messageEn).toMatch(/^[\x20-\x7e–]+$/);
    }
  });
});

describe('feed query parameters', () => {
  it('default to 100 events from the start', () => {
    expect(parseFeedQuery({})).toEqual({ ok: true, value: { limit: 100 } });
    expect(parseFeedQuery({ since: 'c1.10', limit: '500' })).toEqual({ ok: true, value: { since: 'c1.10', limit: 500 } });
  });

  it('refuse a limit outside 1–500', () => {
    expect(MAX_FEED_LIMIT).toBe(500);
    for (const limit of ['0', '501']) {
      expect(issueOf(parseFeedQuery({ limit }))).toEqual({ path: ['limit'], code: 'OUT_OF_RANGE', message: '条数超出范围（1–500）', messageEn: 'limit is out of range (1–500)' });
    }
  });

  it('refuse list parameters and overlong cursors', () => {
    expect(issueOf(parseFeedQuery({ page: '1' }))).toMatchObject({ path: ['page'], code: 'UNKNOWN_PARAMETER' });
    expect(issueOf(parseFeedQuery({ since: 'c'.repeat(65) }))).toMatchObject({ path: ['since'], code: 'OUT_OF_RANGE' });
  });
});

describe('query keys for the response cache', () => {
  it('do not depend on the order of the parameters', () => {
    expect(queryKey({ page: 1, pageSize: 20, sort: 'title:asc', q: '规划' })).toBe(queryKey({ q: '规划', sort: 'title:asc', pageSize: 20, page: 1 }));
  });

  it('ignore undefined values', () => {
    expect(queryKey({ page: 1, type: undefined })).toBe(queryKey({ page: 1 }));
  });

  it('tell different queries apart', () => {
    expect(queryKey({ page: 1 })).not.toBe(queryKey({ page: 2 }));
    expect(queryKey({ page: 1, q: 'a' })).not.toBe(queryKey({ page: 1 }));
    expect(queryKey({ organization: 'a' })).not.toBe(queryKey({ category: 'a' }));
  });

  it('are the same for the same parsed query', () => {
    const a = parseListQuery({ sort: 'title:asc', page: '2' });
    const b = parseListQuery({ page: '2', sort: 'title:asc' });
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(queryKey(a.value)).toBe(queryKey(b.value));
  });
});

describe('list depth', () => {
  it('accepts pages up to page × pageSize = maxDepth and refuses deeper ones on page, pointing to filters and the feed', () => {
    expect(parseListQuery({ page: '100', pageSize: '100' }, { maxDepth: 10_000 }).ok).toBe(true);
    expect(parseListQuery({ page: '500' }, { maxDepth: 10_000 }).ok).toBe(true);
    for (const query of [{ page: '101', pageSize: '100' }, { page: '501' }, { page: '100000', pageSize: '1', q: '规划' }]) {
      const issue = issueOf(parseListQuery(query, { maxDepth: 10_000 }));
      expect(issue).toMatchObject({ path: ['page'], code: 'PAGE_TOO_DEEP' });
      expect(issue.message).toContain('10000');
      expect(issue.message).toContain('/feed');
    }
  });
});
