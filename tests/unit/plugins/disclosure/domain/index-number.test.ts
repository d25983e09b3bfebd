import {
  formatIndexNumber,
  indexNumberScope,
  IndexNumberPatternError,
  parseIndexNumberPattern,
} from '../../../../../src/plugins/disclosure/server/src/domain/index-number';

const facts = { orgCode: '11659004MB1957720K', year: 2025, typeCode: 'policy', categoryCode: 'lzyj' };

describe('索引号 patterns', () => {
  it('render the default pattern with a zero-padded sequence', () => {
    const pattern = parseIndexNumberPattern('{orgCode}/{year}-{seq:5}');
    expect(formatIndexNumber(pattern, facts, 1)).toBe('11659004MB1957720K/2025-00001');
    expect(formatIndexNumber(pattern, facts, 12345)).toBe('11659004MB1957720K/2025-12345');
  });

  it('keep every digit when a sequence outgrows its width instead of wrapping into a used number', () => {
    const pattern = parseIndexNumberPattern('{orgCode}-{seq:2}');
    expect(formatIndexNumber(pattern, facts, 100)).toBe('11659004MB1957720K-100');
  });

  it('support type and category codes', () => {
    const pattern = parseIndexNumberPattern('{orgCode}/{categoryCode}/{typeCode}/{year}/{seq:3}');
    expect(formatIndexNumber(pattern, facts, 7)).toBe('11659004MB1957720K/lzyj/policy/2025/007');
  });

  it('number per organization and year under the default pattern', () => {
    const pattern = parseIndexNumberPattern('{orgCode}/{year}-{seq:5}');
    expect(indexNumberScope(pattern, facts)).toBe(indexNumberScope(pattern, { ...facts, typeCode: 'interpretation' }));
    expect(indexNumberScope(pattern, facts)).not.toBe(indexNumberScope(pattern, { ...facts, year: 2026 }));
    expect(indexNumberScope(pattern, facts)).not.toBe(indexNumberScope(pattern, { ...facts, orgCode: 'OTHER' }));
  });

  it.each([
    ['', /不能为空/],
    ['{orgCode}/{year}', /恰好包含一个 \{seq\}/],
    ['{seq}-{seq}', /恰好包含一个 \{seq\}/],
    ['{orgCode}/{month}-{seq}', /未知占位符 \{month\}/],
    ['{year:4}-{seq}', /只有 \{seq\} 可以指定位数/],
    ['{seq:0}', /位数须在 1 到 12 之间/],
  ])('reject the pattern %p', (pattern, message) => {
    expect(() => parseIndexNumberPattern(pattern)).toThrow(IndexNumberPatternError);
    expect(() => parseIndexNumberPattern(pattern)).toThrow(message);
  });

  it('refuse a non-positive sequence', () => {
    const pattern = parseIndexNumberPattern('{seq}');
    expect(() => formatIndexNumber(pattern, facts, 0)).toThrow(RangeError);
  });
});
