import { firstFreeSlug, SLUG_MAX_LENGTH, SLUG_PATTERN, slugFromTitle } from '../../../../../src/plugins/disclosure/server/src/domain/slug';

describe('slugs from Chinese titles', () => {
  it('spell the title in toneless pinyin', () => {
    expect(slugFromTitle('政务信息公开指南')).toBe('zheng-wu-xin-xi-gong-kai-zhi-nan');
    expect(slugFromTitle('关于印发《充电基础设施专项规划》的通知')).toBe('guan-yu-yin-fa-chong-dian-ji-chu-she-shi-zhuan-xiang-gui-hua-de-tong-zhi');
  });

  it('keep digits and Latin letters, drop punctuation', () => {
    expect(slugFromTitle('2025年GDP统计公报（第1号）')).toBe('2025-nian-gdp-tong-ji-gong-bao-di-1-hao');
    expect(slugFromTitle('师市发〔2024〕12号')).toBe('shi-shi-fa-2024-12-hao');
  });

  it('write ü as v', () => {
    expect(slugFromTitle('绿色出行')).toBe('lv-se-chu-xing');
  });

  it('are short enough for a URL and always valid', () => {
    const slug = slugFromTitle('第六师五家渠市人民政府办公室关于进一步做好新时代政务公开标准化规范化工作持续提升基层政务公开质量的实施意见');
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('fall back to a fixed word when the title has nothing to spell', () => {
    expect(slugFromTitle('《》——')).toBe('wen-jian');
    expect(slugFromTitle('')).toBe('wen-jian');
  });

  it('take the first free numbered variant', () => {
    expect(firstFreeSlug('tong-zhi', new Set())).toBe('tong-zhi');
    expect(firstFreeSlug('tong-zhi', new Set(['tong-zhi', 'tong-zhi-2']))).toBe('tong-zhi-3');
  });
});
