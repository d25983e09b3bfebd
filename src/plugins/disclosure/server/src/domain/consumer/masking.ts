/**
 * Masking of personal data in what the consumer API shows. Pure: the same input always gives the same output.
 *
 * 双公示 records about a natural person show the name with its middle masked (张三丰 → 张*丰, 李四 → 李*),
 * never an ID number; any 身份证号 or mobile number left in free text by mistake is masked as well, as a second
 * line of defence behind the release checks.
 */

const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
/** A mobile number written in groups: 139-1234-5678, 139 1234 5678. */
const GROUPED_MOBILE = /(?<![0-9A-Za-z])(1[3-9]\d)([ -])\d{4}([ -])(\d{4})(?![0-9A-Za-z])/g;

/** 张三丰 → 张*丰, 李四 → 李*, 欧阳娜娜 → 欧**娜; a single character stays as it is. */
export function maskPersonName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Masks ID numbers (keeping the first 6 and last 4) and mobile numbers, plain or grouped (keeping 3 + 4), inside free text. */
export function maskPersonalNumbers(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text
    .replace(ID_NUMBER, (id) => `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`)
    .replace(MOBILE, (mobile) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`)
    .replace(GROUPED_MOBILE, '$1$2****$3$4');
}

/** Applies a string transform (by default maskPersonalNumbers) to every string in a JSON-like value. */
export function maskDeep<T>(value: T, mask: (text: string) => string | null = maskPersonalNumbers): T {
  if (typeof value === 'string') return mask(value) as unknown as T;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, mask)) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) out[key] = maskDeep(field, mask);
    return out as T;
  }
  return value;
}

/**
 * The full name a 双公示 record must not show: its subject's, when the subject is a natural person and the name has
 * at least two characters (a single character cannot be masked). Null otherwise.
 */
export function naturalPersonName(subject: Pick<DualPublicitySubject, 'subjectType' | 'subjectName'>): string | null {
  if (subject.subjectType !== 'natural_person' || typeof subject.subjectName !== 'string') return null;
  const name = subject.subjectName.trim();
  return Array.from(name).length >= 2 ? name : null;
}

/** Every occurrence of a person's full name in a text, masked the way the name itself is shown (张三丰 → 张*丰). */
export function maskNameIn(text: string | null | undefined, name: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  if (!name || Array.from(name).length < 2) return text;
  return text.split(name).join(maskPersonName(name)!);
}

/** A text as the public sees it: personal numbers masked, and the natural person's name (if any) masked wherever it occurs. */
export function publicText(text: string | null | undefined, personName: string | null = null): string | null {
  return maskNameIn(maskPersonalNumbers(text), personName);
}

const MASKED_ID = /[1-9]\d{5}\*{8}\d{3}[0-9Xx]/g;
const MASKED_MOBILE = /1[3-9]\d[ -]?\*{4}[ -]?\d{4}/g;

/**
 * What the list filter `q` may match for an entry: its public (already masked) strings with every masked personal
 * datum taken out whole, so that not even the digits or characters a mask leaves visible (139****5678, 张*丰) can be
 * found by searching. Fields are joined by a line break so that no match spans two fields by accident.
 */
export function searchText(publicTexts: (string | null | undefined)[], maskedPersonName: string | null = null): string {
  return publicTexts
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .map((text) => {
      const numbersOut = text.replace(MASKED_ID, ' ').replace(MASKED_MOBILE, ' ');
      return maskedPersonName ? numbersOut.split(maskedPersonName).join(' ') : numbersOut;
    })
    .join('\n');
}

export interface DualPublicitySubject {
  subjectType: string | null;
  subjectName: string | null;
  legalRepresentative?: string | null;
  unifiedSocialCreditCode?: string | null;
}

/**
 * What a 双公示 record may show about its subject: a natural person's name masked and nothing else identifying;
 * legal persons, individual businesses and organizations as recorded.
 */
export function publicSubject(subject: DualPublicitySubject): Required<DualPublicitySubject> {
  if (subject.subjectType === 'natural_person') {
    return { subjectType: subject.subjectType, subjectName: maskPersonName(subject.subjectName), legalRepresentative: null, unifiedSocialCreditCode: null };
  }
  return {
    subjectType: subject.subjectType,
    subjectName: subject.subjectName,
    legalRepresentative: subject.legalRepresentative ?? null,
    unifiedSocialCreditCode: subject.unifiedSocialCreditCode ?? null,
  };
}
