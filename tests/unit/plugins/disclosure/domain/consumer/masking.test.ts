import { maskDeep, maskNameIn, maskPersonalNumbers, maskPersonName, naturalPersonName, publicSubject, publicText, searchText } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/masking';

describe('masking of personal names', () => {
  it('keeps the first and last character and stars the middle', () => {
    expect(maskPersonName('张三丰')).toBe('张*丰');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('买买提·艾力')).toBe('买****力');
  });

  it('keeps only the surname of a two-character name', () => {
    expect(maskPersonName('李四')).toBe('李*');
  });

  it('leaves a single character as it is and trims surrounding space', () => {
    expect(maskPersonName('王')).toBe('王');
    expect(maskPersonName('  张三丰 ')).toBe('张*丰');
    expect(maskPersonName('')).toBe('');
  });

  it('counts characters outside the basic plane as one each', () => {
    expect(maskPersonName('𠀀𠀁')).toBe('𠀀*');
    expect(maskPersonName('𠀀𠀁𠀂')).toBe('𠀀*𠀂');
  });

  it('gives null for an absent name', () => {
    expect(maskPersonName(null)).toBeNull();
    expect(maskPersonName(undefined)).toBeNull();
  });
});

describe('masking of ID and mobile numbers in free text', () => {
  it('masks an 18-digit ID number keeping the first 6 and last 4', () => {
    expect(maskPersonalNumbers('身份证号110105194912310021，住址')).toBe('身份证号110105********0021，住址');
  });

  it('masks an ID number ending in X or x', () => {
    expect(maskPersonalNumbers('证件号码：11010519491231002X')).toBe('证件号码：110105********002X');
    expect(maskPersonalNumbers('id 11010519491231002x.')).toBe('id 110105********002x.');
  });

  it('masks a mobile number keeping 3 + 4 digits', () => {
    expect(maskPersonalNumbers('联系电话13912345678')).toBe('联系电话139****5678');
    expect(maskPersonalNumbers('13912345678')).toBe('139****5678');
    expect(maskPersonalNumbers('tel: 19987654321 / 15500001111')).toBe('tel: 199****4321 / 155****1111');
  });

  it('masks a mobile number written in groups, keeping its separators', () => {
    expect(maskPersonalNumbers('电话139-1234-5678。')).toBe('电话139-****-5678。');
    expect(maskPersonalNumbers('电话 139 1234 5678')).toBe('电话 139 **** 5678');
    expect(maskPersonalNumbers('编号 2139-1234-5678')).toBe('编号 2139-1234-5678');
  });

  it('masks every occurrence and both kinds in one text', () => {
    expect(maskPersonalNumbers('当事人张某（身份证号110105194912310021，电话13912345678），另一人18600001234')).toBe(
      '当事人张某（身份证号110105********0021，电话139****5678），另一人186****1234'
    );
  });

  it('does not mangle numbers embedded in longer digit strings', () => {
    // 19 and 12 digits: neither an ID number nor a mobile number.
    expect(maskPersonalNumbers('流水号1110105194912310021')).toBe('流水号1110105194912310021');
    expect(maskPersonalNumbers('编号139123456789')).toBe('编号139123456789');
    expect(maskPersonalNumbers('订单2013912345678')).toBe('订单2013912345678');
    // An ID number followed by more digits or letters is not an ID number.
    expect(maskPersonalNumbers('1101051949123100211')).toBe('1101051949123100211');
    expect(maskPersonalNumbers('A110105194912310021')).toBe('A110105194912310021');
  });

  it('leaves numbers that are not ID or mobile numbers alone', () => {
    // Month 13 is no birth date; 12x is no mobile prefix; 10 digits is too short.
    expect(maskPersonalNumbers('110105194913310021')).toBe('110105194913310021');
    expect(maskPersonalNumbers('12912345678')).toBe('12912345678');
    expect(maskPersonalNumbers('1391234567')).toBe('1391234567');
    expect(maskPersonalNumbers('师市发〔2024〕12号，罚款5000元')).toBe('师市发〔2024〕12号，罚款5000元');
  });

  it('gives null for absent text and is idempotent', () => {
    expect(maskPersonalNumbers(null)).toBeNull();
    expect(maskPersonalNumbers(undefined)).toBeNull();
    const once = maskPersonalNumbers('110105194912310021 13912345678');
    expect(maskPersonalNumbers(once)).toBe(once);
  });
});

describe('maskDeep', () => {
  it('masks strings at any depth in objects and arrays', () => {
    const input = {
      title: '关于13912345678的公告',
      qa: [{ question: '身份证110105194912310021', answer: null }],
      nested: { list: ['13912345678', { deeper: '11010519491231002X' }] },
    };
    expect(maskDeep(input)).toEqual({
      title: '关于139****5678的公告',
      qa: [{ question: '身份证110105********0021', answer: null }],
      nested: { list: ['139****5678', { deeper: '110105********002X' }] },
    });
  });

  it('leaves numbers, booleans and null as they are', () => {
    expect(maskDeep({ amount: 13912345678, flag: true, none: null, list: [1, false, null] })).toEqual({ amount: 13912345678, flag: true, none: null, list: [1, false, null] });
    expect(maskDeep(13912345678)).toBe(13912345678);
    expect(maskDeep(null)).toBeNull();
    expect(maskDeep(undefined)).toBeUndefined();
  });

  it('masks a top-level string and does not change its input', () => {
    expect(maskDeep('13912345678')).toBe('139****5678');
    const input = { a: ['13912345678'] };
    maskDeep(input);
    expect(input).toEqual({ a: ['13912345678'] });
  });
});

describe('the public subject of a 双公示 record', () => {
  it('shows a natural person only by masked name', () => {
    expect(publicSubject({ subjectType: 'natural_person', subjectName: '张三丰', legalRepresentative: '张三丰', unifiedSocialCreditCode: '110105194912310021' })).toEqual({
      subjectType: 'natural_person',
      subjectName: '张*丰',
      legalRepresentative: null,
      unifiedSocialCreditCode: null,
    });
    expect(publicSubject({ subjectType: 'natural_person', subjectName: null })).toEqual({ subjectType: 'natural_person', subjectName: null, legalRepresentative: null, unifiedSocialCreditCode: null });
  });

  it('shows legal persons, individual businesses and organizations as recorded', () => {
    const company = { subjectType: 'legal_person', subjectName: '五家渠市某某建材有限公司', legalRepresentative: '李四', unifiedSocialCreditCode: '91659004MA77XXXX1K' };
    expect(publicSubject(company)).toEqual(company);
    expect(publicSubject({ subjectType: 'individual_business', subjectName: '王五小吃店', legalRepresentative: '王五' })).toEqual({
      subjectType: 'individual_business',
      subjectName: '王五小吃店',
      legalRepresentative: '王五',
      unifiedSocialCreditCode: null,
    });
  });
});

describe('a natural person’s name in free text', () => {
  it('is the subject’s name only for a natural person with a name of two characters or more', () => {
    expect(naturalPersonName({ subjectType: 'natural_person', subjectName: ' 张三丰 ' })).toBe('张三丰');
    expect(naturalPersonName({ subjectType: 'natural_person', subjectName: '王' })).toBeNull();
    expect(naturalPersonName({ subjectType: 'natural_person', subjectName: null })).toBeNull();
    expect(naturalPersonName({ subjectType: 'legal_person', subjectName: '某某公司' })).toBeNull();
  });

  it('is masked at every occurrence, like the name itself', () => {
    expect(maskNameIn('张三丰违规，责令张三丰改正', '张三丰')).toBe('张*丰违规，责令张*丰改正');
    expect(maskNameIn('李四占道经营', '李四')).toBe('李*占道经营');
    expect(maskNameIn('无关的文字', '张三丰')).toBe('无关的文字');
    expect(maskNameIn('王某违规', '王')).toBe('王某违规');
    expect(maskNameIn(null, '张三丰')).toBeNull();
  });

  it('is masked together with personal numbers in public text', () => {
    expect(publicText('张三丰（电话13912345678）', '张三丰')).toBe('张*丰（电话139****5678）');
    expect(publicText('电话13912345678')).toBe('电话139****5678');
  });
});

describe('search text', () => {
  it('leaves out every masked number and masked name whole, keeping the rest', () => {
    const text = searchText(['张*丰违规 139****5678 占道', '证件110105********0021号', null, ''], '张*丰');
    expect(text).toBe(' 违规   占道\n证件 号');
    for (const part of ['139', '5678', '110105', '0021', '张', '丰']) expect(text).not.toContain(part);
  });

  it('leaves out a masked grouped mobile number whole too', () => {
    expect(searchText(['电话139-****-5678和139 **** 5678'])).toBe('电话 和 ');
  });

  it('joins fields with a line break so no match spans two fields', () => {
    expect(searchText(['规划', '通知'])).toBe('规划\n通知');
  });
});
