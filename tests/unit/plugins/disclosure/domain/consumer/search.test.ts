import {
  buildSnippet,
  escapeHtml,
  ftsPhrase,
  highlightTerms,
  likePattern,
  normalizeTokens,
  parseSearchQuery,
  searchableAttachmentText,
  searchableTexts,
  SEARCH_MAX_DEPTH,
  tsqueryLiteral,
  tsvectorLiteral,
} from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/search';

const TYPES = ['policies', 'dual-publicity-records'];
const issueOf = (result: ReturnType<typeof parseSearchQuery>) => {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issue;
};

describe('search query parameters', () => {
  it('takes q (trimmed) with defaults, and the filters the lists take', () => {
    expect(parseSearchQuery({ q: '  数据安全 ' }, TYPES)).toEqual({ ok: true, value: { q: '数据安全', page: 1, pageSize: 20 } });
    const full = parseSearchQuery({ q: '国办发', type: 'policies', organization: 'ORG-1', category: 'tjxx', from: '2026-01-01', to: '2026-12-31', page: '2', pageSize: '50' }, TYPES);
    expect(full).toEqual({ ok: true, value: { q: '国办发', type: 'policies', organization: 'ORG-1', category: 'tjxx', from: '2026-01-01', to: '2026-12-31', page: 2, pageSize: 50 } });
  });

  it('refuses a missing, blank or over-long q, naming the field and the reason', () => {
    expect(issueOf(parseSearchQuery({}, TYPES))).toMatchObject({ path: ['q'], code: 'MISSING_PARAMETER' });
    expect(issueOf(parseSearchQuery({ q: '   ' }, TYPES))).toMatchObject({ path: ['q'], code: 'MISSING_PARAMETER' });
    expect(issueOf(parseSearchQuery({ q: '字'.repeat(101) }, TYPES))).toMatchObject({ path: ['q'], code: 'OUT_OF_RANGE', message: '搜索词超出范围（1–100 个字符）' });
    expect(parseSearchQuery({ q: '字'.repeat(100) }, TYPES).ok).toBe(true);
  });

  it('refuses unknown parameters and types, bad dates, reversed ranges and deep pages', () => {
    expect(issueOf(parseSearchQuery({ q: '数据', sort: 'title:asc' }, TYPES))).toMatchObject({ path: ['sort'], code: 'UNKNOWN_PARAMETER' });
    expect(issueOf(parseSearchQuery({ q: '数据', type: 'users' }, TYPES))).toMatchObject({ path: ['type'], code: 'INVALID_PARAMETER' });
    expect(issueOf(parseSearchQuery({ q: '数据', from: '2026-02-30' }, TYPES))).toMatchObject({ path: ['from'], code: 'INVALID_DATE' });
    expect(issueOf(parseSearchQuery({ q: '数据', from: '2026-03-01', to: '2026-02-01' }, TYPES))).toMatchObject({ path: ['from'], code: 'INVALID_RANGE' });
    expect(issueOf(parseSearchQuery({ q: '数据', pageSize: '51' }, TYPES))).toMatchObject({ path: ['pageSize'], code: 'OUT_OF_RANGE' });
    expect(issueOf(parseSearchQuery({ q: '数据', page: String(SEARCH_MAX_DEPTH / 20 + 1) }, TYPES))).toMatchObject({ path: ['page'], code: 'PAGE_TOO_DEEP' });
    expect(parseSearchQuery({ q: '数据', page: String(SEARCH_MAX_DEPTH / 20) }, TYPES).ok).toBe(true);
  });
});

describe('tokens for PostgreSQL', () => {
  it('drops punctuation-only pieces (brackets of a 文号 too) and lower-cases', () => {
    expect(normalizeTokens(['国办发', '〔', '2024', '〕', '12', '号', ' ', '，', 'PDF'])).toEqual(['国办发', '2024', '12', '号', 'pdf']);
  });

  it('writes a tsvector literal with each lexeme once per field, weighted A > B > C, quotes escaped', () => {
    const literal = tsvectorLiteral([
      { tokens: ['数据', '安全', '数据'], weight: 'A' },
      { tokens: ['安全', '管理'], weight: 'B' },
      { tokens: ["o'brien", '附件'], weight: 'C' },
    ]);
    expect(literal).toBe("'数据':1A '安全':2A,4B '管理':5B 'o''brien':6C '附件':7C");
  });

  it('asks for every word of the query, or for nothing when it has no word', () => {
    expect(tsqueryLiteral(['数据', '安全', '数据'])).toBe("'数据' & '安全'");
    expect(tsqueryLiteral(['back\\slash'])).toBe("'back\\\\slash'");
    expect(tsqueryLiteral(['〔', '〕'])).toBeNull();
  });

  it('escapes LIKE wildcards and FTS5 phrase quotes', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
    expect(ftsPhrase('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('snippets', () => {
  it('marks every hit in a window around the first one, escaping everything else', () => {
    const text = `${'前文'.repeat(30)}本办法所称<数据安全>，是指数据安全管理${'后文'.repeat(40)}`;
    const snippet = buildSnippet([text], highlightTerms('数据安全', ['数据安全', '数据', '安全']), 40);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('本办法所称&lt;<mark>数据安全</mark>&gt;，是指<mark>数据安全</mark>管理');
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('takes the first text that has a hit (body, then attachments, then title), else the start of the first', () => {
    expect(buildSnippet(['正文没有', '附件里有关键词', '标题'], ['关键词'])).toBe('附件里有<mark>关键词</mark>');
    expect(buildSnippet(['正文没有', ''], ['关键词'])).toBe('正文没有');
    expect(buildSnippet([null, undefined], ['x'])).toBe('');
  });

  it('highlights the query and its words of two characters or more, longest first, case-insensitively', () => {
    expect(highlightTerms('数据安全管理', ['数据', '安全', '管理', '的'])).toEqual(['数据安全管理', '数据', '安全', '管理']);
    expect(buildSnippet(['Read the PDF file'], highlightTerms('pdf', ['pdf']))).toBe('Read the <mark>PDF</mark> file');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('what search may read', () => {
  it('takes a natural person’s masked name out whole, from the title and every text', () => {
    const entry = { title: '对张*丰的行政处罚决定', subjectType: 'natural_person', subjectName: '张*丰', summary: '张*丰未按规定……', decisionContent: '责令张*丰改正', matterName: '违规经营' };
    const { title, text } = searchableTexts('dual-publicity-records', entry);
    expect(title).not.toContain('张');
    expect(text).not.toContain('张');
    expect(text).toContain('违规经营');
  });

  it('reads prose fields, Q&A and positions, and masks numbers left in attachment text', () => {
    const { text } = searchableTexts('interpretations', { title: '解读', body: '正文内容', qa: [{ question: '为什么？', answer: '因为依法公开' }] });
    expect(text).toContain('正文内容');
    expect(text).toContain('因为依法公开');
    const attachment = searchableAttachmentText('联系人电话13912345678，身份证110101199003071234');
    expect(attachment).not.toMatch(/139|5678|1101011990/);
  });
});
