/**
 * 索引号 patterns. A pattern such as '{orgCode}/{year}-{seq:5}' renders to
 * '11659004MB0000001X/2025-00001'. Numbers are sequential per *scope*: the pattern
 * rendered with everything but the sequence, so the default pattern numbers per
 * organization and year.
 */
export interface IndexNumberFacts {
  orgCode: string;
  year: number;
  /** Content type short code, e.g. 'policy'. */
  typeCode?: string;
  categoryCode?: string;
}

const TOKEN_RE = /\{([a-zA-Z]+)(?::(\d+))?\}/g;
const KNOWN_TOKENS = new Set(['orgCode', 'year', 'seq', 'typeCode', 'categoryCode']);

export class IndexNumberPatternError extends Error {}

export interface ParsedPattern {
  pattern: string;
  seqWidth: number;
}

export function parseIndexNumberPattern(pattern: string): ParsedPattern {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new IndexNumberPatternError('索引号规则不能为空 / index number pattern is empty');
  }
  let seqCount = 0;
  let seqWidth = 1;
  for (const match of pattern.matchAll(TOKEN_RE)) {
    const [, name, width] = match;
    if (!KNOWN_TOKENS.has(name)) {
      throw new IndexNumberPatternError(`索引号规则含未知占位符 {${name}} / unknown token {${name}}`);
    }
    if (name === 'seq') {
      seqCount += 1;
      seqWidth = width ? Number(width) : 1;
      if (seqWidth < 1 || seqWidth > 12) throw new IndexNumberPatternError('流水号位数须在 1 到 12 之间 / seq width must be 1–12');
    } else if (width) {
      throw new IndexNumberPatternError(`只有 {seq} 可以指定位数 / only {seq} takes a width`);
    }
  }
  if (seqCount !== 1) {
    throw new IndexNumberPatternError('索引号规则必须恰好包含一个 {seq} / the pattern needs exactly one {seq}');
  }
  return { pattern, seqWidth };
}

function render(pattern: string, facts: IndexNumberFacts, seqText: string): string {
  return pattern.replace(TOKEN_RE, (_whole, name: string) => {
    switch (name) {
      case 'seq':
        return seqText;
      case 'orgCode':
        return facts.orgCode;
      case 'year':
        return String(facts.year);
      case 'typeCode':
        return facts.typeCode ?? '';
      case 'categoryCode':
        return facts.categoryCode ?? '';
      default:
        return '';
    }
  });
}

/** The key that numbers are sequential within. */
export function indexNumberScope(parsed: ParsedPattern, facts: IndexNumberFacts): string {
  return render(parsed.pattern, facts, '{seq}');
}

export function formatIndexNumber(parsed: ParsedPattern, facts: IndexNumberFacts, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer, got ${seq}`);
  const digits = String(seq);
  // A sequence that outgrows its width keeps all its digits rather than wrapping into a reused number.
  return render(parsed.pattern, facts, digits.padStart(parsed.seqWidth, '0'));
}
