import { maskPersonName } from './consumer/masking';

/**
 * Checks run on an entry's text before it enters review and before release:
 * personal data blocks (unless a reviewer overrides with a reason), sensitive or
 * outdated terms warn, and anything not 主动公开 can never be released.
 */
export type FindingKind = 'id_number' | 'mobile_number' | 'bank_card' | 'sensitive_term' | 'not_proactive' | 'person_name_in_title';

export interface Finding {
  kind: FindingKind;
  severity: 'block' | 'warn';
  /** Field path, e.g. ['qa', 1, 'answer']. */
  path: (string | number)[];
  /** Character offset in the field's text. */
  position: number;
  /** The match with its middle masked, safe to show and to log. */
  excerpt: string;
  message: string;
  messageEn: string;
}

export interface SensitiveTerm {
  term: string;
  /** What to write instead, if any. */
  suggestion?: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: 17 digits, then a check character from the weighted sum mod 11, with a real birth date. */
export function isValidIdNumber(candidate: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(candidate)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(candidate[i]), 0);
  if (ID_CHECK[sum % 11] !== candidate[17].toUpperCase()) return false;
  const y = Number(candidate.slice(6, 10));
  const m = Number(candidate.slice(10, 12));
  const d = Number(candidate.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export const mask = (value: string) => (value.length <= 4 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`);

/** Digit runs not glued to other letters or digits: IDs (may end in X), mobiles, card numbers. */
const CONTIGUOUS = /(?<![0-9A-Za-z])\d{11,19}[Xx]?(?![0-9A-Za-z])/g;
/** Numbers written in groups: '6222 0202 0000 1234 567', '139-1234-5678'. */
const GROUPED_CARD = /(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?!\d)/g;
const GROUPED_MOBILE = /(?<!\d)1[3-9]\d[ -]\d{4}[ -]\d{4}(?!\d)/g;

function personalData(text: string, path: (string | number)[]): Finding[] {
  const findings: Finding[] = [];
  const hit = (kind: FindingKind, at: number, value: string, zh: string, en: string) =>
    findings.push({ kind, severity: 'block', path, position: at, excerpt: mask(value), message: `${zh}（第${at + 1}个字符处）`, messageEn: `${en} at character ${at + 1}` });
  for (const match of text.matchAll(CONTIGUOUS)) {
    const value = match[0];
    const at = match.index ?? 0;
    if (value.length === 18 && isValidIdNumber(value)) hit('id_number', at, value, '含有居民身份证号码', 'contains a resident ID number');
    else if (/^1[3-9]\d{9}$/.test(value)) hit('mobile_number', at, value, '含有手机号码', 'contains a mobile phone number');
    else if (/^\d{16,19}$/.test(value) && passesLuhn(value)) hit('bank_card', at, value, '含有银行卡号', 'contains a bank card number');
  }
  for (const match of text.matchAll(GROUPED_CARD)) {
    const value = match[0].replace(/[ -]/g, '');
    if (value.length >= 16 && passesLuhn(value)) hit('bank_card', match.index ?? 0, value, '含有银行卡号', 'contains a bank card number');
  }
  for (const match of text.matchAll(GROUPED_MOBILE)) {
    hit('mobile_number', match.index ?? 0, match[0].replace(/[ -]/g, ''), '含有手机号码', 'contains a mobile phone number');
  }
  return findings.sort((a, b) => a.position - b.position);
}

function sensitiveTerms(text: string, path: (string | number)[], terms: SensitiveTerm[]): Finding[] {
  const findings: Finding[] = [];
  for (const { term, suggestion } of terms) {
    if (!term) continue;
    let at = text.indexOf(term);
    while (at !== -1) {
      findings.push({
        kind: 'sensitive_term',
        severity: 'warn',
        path,
        position: at,
        excerpt: term,
        message: `含有需核实的用语“${term}”${suggestion ? `，建议改为“${suggestion}”` : ''}（第${at + 1}个字符处）`,
        messageEn: `contains the flagged term "${term}"${suggestion ? `; suggested: "${suggestion}"` : ''}`,
      });
      at = text.indexOf(term, at + term.length);
    }
  }
  return findings;
}

export interface TextField {
  path: (string | number)[];
  text: string;
}

export interface CheckInput {
  disclosureAttribute?: string | null;
  texts: TextField[];
  terms: SensitiveTerm[];
  /** The natural person a 双公示 record is about: their full name (masked when published) should not be in the title. */
  personName?: string | null;
}

/** The title names the natural person: it is masked when published, but a title should not need that. */
function personNameInTitle(texts: TextField[], personName: string | null | undefined): Finding[] {
  if (!personName || Array.from(personName).length < 2) return [];
  const title = texts.find((t) => t.path.length === 1 && t.path[0] === 'title');
  const at = title ? title.text.indexOf(personName) : -1;
  if (at === -1) return [];
  const masked = maskPersonName(personName)!;
  return [
    {
      kind: 'person_name_in_title',
      severity: 'warn',
      path: ['title'],
      position: at,
      excerpt: masked,
      message: `名称中含有自然人姓名（${masked}），公开时将显示为“${masked}”；建议名称不写当事人姓名（第${at + 1}个字符处）`,
      messageEn: `the title contains the natural person's name (${masked}); it is masked when published, but should be left out of the title`,
    },
  ];
}

export function runReleaseChecks({ disclosureAttribute, texts, terms, personName }: CheckInput): Finding[] {
  const findings: Finding[] = [];
  if ((disclosureAttribute ?? 'proactive') !== 'proactive') {
    findings.push({
      kind: 'not_proactive',
      severity: 'block',
      path: ['disclosureAttribute'],
      position: 0,
      excerpt: String(disclosureAttribute),
      message: '公开属性不是“主动公开”，不能发布',
      messageEn: 'only proactive (主动公开) entries can be released',
    });
  }
  for (const { path, text } of texts) {
    findings.push(...personalData(text, path), ...sensitiveTerms(text, path, terms));
  }
  findings.push(...personNameInTitle(texts, personName));
  return findings;
}

/** Blocking findings a reviewer may override with a reason (never the not-proactive one). */
export const overridable = (finding: Finding) => finding.severity === 'block' && finding.kind !== 'not_proactive';
