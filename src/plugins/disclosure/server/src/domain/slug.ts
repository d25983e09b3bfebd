import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';

export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** '关于印发《充电基础设施专项规划》的通知' → 'guan-yu-yin-fa-chong-dian-ji-chu-she-shi-zhuan-xiang-gui-hua-de-tong-zhi' */
export function slugFromTitle(title: string): string {
  // Punctuation separates words ('〔2024〕12号' is 2024 and 12, not 202412).
  const words = (title ?? '').replace(/[^\p{L}\p{N}]+/gu, ' ');
  const syllables = pinyin(words, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const joined = syllables.flatMap((part) => part.split(/\s+/)).filter(Boolean).join(' ');
  let slug = slugify(joined, { lower: true, strict: true, trim: true, replacement: '-' }).replace(/-+/g, '-');
  if (slug.length > SLUG_MAX_LENGTH) {
    slug = slug.slice(0, SLUG_MAX_LENGTH);
    const cut = slug.lastIndexOf('-');
    if (cut > SLUG_MAX_LENGTH / 2) slug = slug.slice(0, cut);
  }
  slug = slug.replace(/^-+|-+$/g, '');
  return slug || 'wen-jian';
}

/** The first of base, base-2, base-3 … that is not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
