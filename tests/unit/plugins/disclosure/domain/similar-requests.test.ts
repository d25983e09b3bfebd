import { groupSimilarRequests, normalizeRequestText, requestSimilarity } from '../../../../../src/plugins/disclosure/server/src/domain/similar-requests';

const CHARGING = 'api::policy.policy:k8v2m1charging';

const applications = [
  { id: 'a1', text: '关于申请公开2025年五家渠市城市更新项目补偿标准的申请' },
  { id: 'a2', text: '请求提供五家渠市2025年城市更新项目补偿标准' },
  { id: 'a3', text: '申请公开：2025年城市更新项目补偿标准（五家渠市）' },
  { id: 'a4', text: '申请公开2024年城市更新项目补偿标准' },
  { id: 'a5', text: '申请公开第六师2024年财政预算执行情况' },
  { id: 'a6', text: '请求提供第六师五家渠市2024年度财政预算执行情况报告' },
  { id: 'a7', text: '请求提供青湖路道路改造工程环境影响评价报告' },
  { id: 'a8', text: '关于青湖路改造工程环评报告的公开申请' },
  { id: 'e1', text: '充电桩那个规划', entryKey: CHARGING },
  { id: 'e2', text: '请提供充电设施规划全文', entryKey: CHARGING },
  { id: 'e3', text: '关于电动汽车充电基础设施专项规划（2025—2030年）的政府信息公开申请', entryKey: CHARGING },
];

describe('normalizing a request', () => {
  it('keeps what is asked for, without punctuation, spaces, width or filler', () => {
    expect(normalizeRequestText('关于申请公开 2025年五家渠市城市更新项目补偿标准的申请。')).toBe('2025年五家渠市城市更新项目补偿标准');
    expect(normalizeRequestText('请求提供：《五家渠市２０２５年城市更新项目补偿标准》')).toBe('五家渠市2025年城市更新项目补偿标准');
    expect(normalizeRequestText('')).toBe('');
  });
});

describe('similarity of two requests (bigram Dice)', () => {
  it('is 1 for the same request worded with different filler, and symmetric', () => {
    expect(requestSimilarity('申请公开青湖路改造工程环评报告', '请求提供青湖路改造工程环评报告的相关信息')).toBe(1);
    expect(requestSimilarity(applications[0].text, applications[1].text)).toBeCloseTo(requestSimilarity(applications[1].text, applications[0].text), 10);
  });

  it('scores reworded requests for the same information high and different information low', () => {
    expect(requestSimilarity(applications[1].text, applications[2].text)).toBeGreaterThan(0.9);
    expect(requestSimilarity(applications[0].text, applications[4].text)).toBeLessThan(0.2);
    expect(requestSimilarity(applications[6].text, applications[0].text)).toBe(0);
  });

  it('is 0 when the numbers contradict, however alike the rest', () => {
    expect(requestSimilarity('申请公开2025年城市更新项目补偿标准', '申请公开2024年城市更新项目补偿标准')).toBe(0);
    expect(requestSimilarity('申请公开五政发〔2025〕3号文件', '申请公开五政发〔2025〕5号文件')).toBe(0);
    // Naming fewer numbers is not a contradiction.
    expect(requestSimilarity('申请公开五政发〔2025〕3号文件', '申请公开2025年五政发文件')).toBeGreaterThan(0.6);
  });

  it('is 0 for a request that is only filler', () => {
    expect(requestSimilarity('申请公开', '申请公开')).toBe(0);
  });
});

describe('grouping applications that ask for the same information (第四十四条)', () => {
  it('groups by linked entry and by similar text, largest first, only groups big enough', () => {
    expect(groupSimilarRequests(applications, { threshold: 0.6, minGroupSize: 3 })).toEqual([
      { key: 'text:a1', ids: ['a1', 'a2', 'a3'], sampleText: '关于申请公开2025年五家渠市城市更新项目补偿标准的申请' },
      { key: `entry:${CHARGING}`, ids: ['e1', 'e2', 'e3'], entryKey: CHARGING, sampleText: '充电桩那个规划' },
    ]);
  });

  it('lists pairs when two are enough', () => {
    const groups = groupSimilarRequests(applications, { threshold: 0.6, minGroupSize: 2 });
    // The 2024 补偿标准 request (a4) stays apart from the 2025 ones.
    expect(groups.map((g) => g.ids)).toEqual([
      ['a1', 'a2', 'a3'],
      ['e1', 'e2', 'e3'],
      ['a5', 'a6'],
      ['a7', 'a8'],
    ]);
  });

  it('a stricter threshold splits what a looser one joined', () => {
    expect(groupSimilarRequests(applications, { threshold: 0.8, minGroupSize: 2 }).map((g) => g.ids)).toEqual([
      ['a1', 'a2', 'a3'],
      ['e1', 'e2', 'e3'],
    ]);
  });

  it('an unlinked request joins the group of the entry its text matches', () => {
    const items = [
      { id: 1, text: '申请公开五家渠市充电基础设施专项规划', entryKey: CHARGING },
      { id: 2, text: '申请公开五家渠市城市更新项目补偿标准', entryKey: 'api::policy.policy:other' },
      { id: 3, text: '请求提供五家渠市充电基础设施专项规划' },
      { id: 4, text: '申请公开城市更新项目补偿标准', entryKey: 'api::policy.policy:other' },
    ];
    expect(groupSimilarRequests(items, { threshold: 0.8, minGroupSize: 2 })).toEqual([
      { key: `entry:${CHARGING}`, ids: [1, 3], entryKey: CHARGING, sampleText: '申请公开五家渠市充电基础设施专项规划' },
      { key: 'entry:api::policy.policy:other', ids: [2, 4], entryKey: 'api::policy.policy:other', sampleText: '申请公开五家渠市城市更新项目补偿标准' },
    ]);
  });

  it('never groups empty texts with each other', () => {
    expect(groupSimilarRequests([{ id: 'x', text: '' }, { id: 'y', text: '  ' }, { id: 'z', text: '申请公开' }], { threshold: 0.1, minGroupSize: 2 })).toEqual([]);
    expect(groupSimilarRequests([], { threshold: 0.6, minGroupSize: 3 })).toEqual([]);
  });

  it.each([
    [{ threshold: 0, minGroupSize: 3 }],
    [{ threshold: 1.2, minGroupSize: 3 }],
    [{ threshold: NaN, minGroupSize: 3 }],
    [{ threshold: 0.6, minGroupSize: 1 }],
    [{ threshold: 0.6, minGroupSize: 2.5 }],
  ])('refuses options %j', (options) => {
    expect(() => groupSimilarRequests(applications, options)).toThrow(RangeError);
  });
});
