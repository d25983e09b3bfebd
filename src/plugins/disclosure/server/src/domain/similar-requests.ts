/**
 * 条例 第四十四条: several applicants asking the same organ for the same information suggest publishing it
 * proactively. Two applications ask for the same thing when they link the same entry, or when their texts are
 * similar: the Sørensen–Dice coefficient of the character bigrams of the normalized text. Bigrams suit Chinese,
 * which has no spaces to split words on, and need no dictionary or dependency; normalizing first (width, case,
 * punctuation, whitespace, the filler every request carries like 关于/申请公开/请求提供/的) keeps the score about
 * what is asked for. Numbers are the exception to fuzziness: two texts whose numbers contradict (2024年 vs 2025年,
 * 〔2025〕3号 vs 〔2025〕5号) ask for different documents however alike the rest reads. Groups are the connected
 * components of "same entry or similar enough" (single linkage). Titles that share long boilerplate and differ in a
 * few characters still score high, so the result is a suggestion for staff to judge, never an automatic action.
 */

export interface RequestItem<Id extends string | number = string> {
  id: Id;
  text: string;
  /** The linked entry ('uid:documentId'), when the application names one. */
  entryKey?: string | null;
}

export interface SimilarGroup<Id extends string | number = string> {
  /** Stable for the same first application: 'entry:<entryKey>' or 'text:<first id>'. */
  key: string;
  ids: Id[];
  /** The entry most of the group links, if any does. */
  entryKey?: string;
  /** The first application's text, as written. */
  sampleText: string;
}

export interface GroupOptions {
  /** Dice similarity in (0, 1] from which two texts ask for the same information. */
  threshold: number;
  /** Smallest group worth suggesting (≥ 2). */
  minGroupSize: number;
}

// Longest first, so 申请公开 goes before 申请 and 公开.
const FILLER = [
  '申请公开', '请求公开', '要求公开', '依申请公开', '请予公开', '予以公开', '申请提供', '请求提供', '要求提供', '请予提供',
  '政府信息公开', '政府信息', '相关信息', '有关信息', '信息公开', '请公开', '请提供', '贵单位', '贵机关', '贵局', '贵委', '贵办', '贵院',
  '关于', '有关', '相关', '本人', '我们', '申请', '请求', '要求', '提供', '公开', '我', '的',
].sort((a, b) => b.length - a.length);
const FILLER_RE = new RegExp(FILLER.join('|'), 'g');
const NOISE_RE = /[\s\p{P}\p{S}]+/gu;

/** The text reduced to what is asked for. */
export function normalizeRequestText(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(NOISE_RE, '')
    .replace(FILLER_RE, '');
}

function bigrams(normalized: string): Set<string> {
  const chars = [...normalized];
  if (chars.length === 1) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i] + chars[i + 1]);
  return out;
}

interface Profile {
  grams: Set<string>;
  numbers: Set<string>;
}

function profile(text: string): Profile {
  const numbers = new Set((String(text ?? '').normalize('NFKC').match(/\d+/g) ?? []).map((digits) => digits.replace(/^0+(?=\d)/, '')));
  return { grams: bigrams(normalizeRequestText(text)), numbers };
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));

function similarity({ grams: a, numbers: na }: Profile, { grams: b, numbers: nb }: Profile): number {
  if (a.size === 0 || b.size === 0) return 0;
  // One may name fewer numbers than the other (年份 only vs 年份 and 文号), but not different ones.
  if (na.size > 0 && nb.size > 0 && !subset(na, nb) && !subset(nb, na)) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Dice similarity of two request texts after normalization, 0…1 (0 when their numbers contradict). */
export function requestSimilarity(a: string, b: string): number {
  return similarity(profile(a), profile(b));
}

/** Groups of at least minGroupSize applications asking for the same information, largest first. */
export function groupSimilarRequests<Id extends string | number = string>(items: RequestItem<Id>[], { threshold, minGroupSize }: GroupOptions): SimilarGroup<Id>[] {
  if (!Array.isArray(items)) throw new TypeError('items must be an array');
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be a number in (0, 1], got ${threshold}`);
  if (!Number.isInteger(minGroupSize) || minGroupSize < 2) throw new RangeError(`minGroupSize must be a whole number ≥ 2, got ${minGroupSize}`);

  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Join under the earlier item, so a group's root is its first application.
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  const profiles = items.map((item) => profile(item.text));
  const firstWithEntry = new Map<string, number>();
  items.forEach((item, i) => {
    if (!item.entryKey) return;
    const first = firstWithEntry.get(item.entryKey);
    if (first === undefined) firstWithEntry.set(item.entryKey, i);
    else union(first, i);
  });
  // Pairwise: the open applications of one organ are hundreds, not millions.
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) if (find(i) !== find(j) && similarity(profiles[i], profiles[j]) >= threshold) union(i, j);
  }

  const members = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  });
  return [...members.entries()]
    .filter(([, group]) => group.length >= minGroupSize)
    .sort(([rootA, a], [rootB, b]) => b.length - a.length || rootA - rootB)
    .map(([root, group]) => {
      const entryCounts = new Map<string, number>();
      for (const i of group) if (items[i].entryKey) entryCounts.set(items[i].entryKey as string, (entryCounts.get(items[i].entryKey as string) ?? 0) + 1);
      // Most linked; among equals the first linked (Map keeps insertion order).
      const entryKey = [...entryCounts.entries()].reduce<[string, number] | null>((best, cur) => (best && best[1] >= cur[1] ? best : cur), null)?.[0];
      return {
        key: entryKey ? `entry:${entryKey}` : `text:${items[root].id}`,
        ids: group.map((i) => items[i].id),
        ...(entryKey ? { entryKey } : {}),
        sampleText: String(items[root].text ?? '').trim(),
      };
    });
}
