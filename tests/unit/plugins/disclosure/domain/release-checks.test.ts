import { isValidIdNumber, mask, passesLuhn, runReleaseChecks } from '../../../../../src/plugins/disclosure/server/src/domain/release-checks';

// 11010519491231002X is the standard's own worked example; 110101199003071234 has a wrong check digit.
const VALID_ID = '11010519491231002X';
const check = (text: string, attribute = 'proactive') => runReleaseChecks({ disclosureAttribute: attribute, texts: [{ path: ['body'], text }], terms: [{ term: '国家质检总局', suggestion: '国家市场监督管理总局' }] });

describe('personal data', () => {
  it('validates the ID check digit and birth date', () => {
    expect(isValidIdNumber(VALID_ID)).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300025')).toBe(false);
  });

  it('blocks a valid ID number with its field and position, masked', () => {
    const [finding] = check(`当事人身份证号${VALID_ID}，特此公告。`);
    expect(finding).toMatchObject({ kind: 'id_number', severity: 'block', path: ['body'], position: 7, excerpt: '110*************2X' });
    expect(finding.message).toBe('含有居民身份证号码（第8个字符处）');
  });

  it('ignores an 18-digit number whose check digit is wrong', () => {
    expect(check('编号110105194912310021')).toEqual([]);
  });

  // Each has a correct check digit, so only the birth-date rule can reject it: a number no one can be born under
  // is not an ID number and must not block a release (nor count as one in the masked excerpt).
  it.each([
    ['110105194902300020', '30 February'],
    ['110105194902290029', '29 February of a common year'],
    ['110105194913010029', 'month 13'],
    ['110105189912310023', 'born before 1900'],
  ])('ignores %s, whose check digit is right but whose birth date (%s) is impossible', (value) => {
    expect(isValidIdNumber(value)).toBe(false);
    expect(check(`编号${value}`).filter((f) => f.kind === 'id_number')).toEqual([]);
  });

  it('blocks mobile numbers, plain or grouped, but not landlines or longer numbers', () => {
    expect(check('联系人手机13912345678').map((f) => f.kind)).toEqual(['mobile_number']);
    expect(check('手机 139-1234-5678').map((f) => f.kind)).toEqual(['mobile_number']);
    expect(check('联系电话：0994-5685119')).toEqual([]);
    expect(check('项目编号 2139123456789')).toEqual([]);
  });

  it('blocks bank card numbers that pass Luhn', () => {
    expect(passesLuhn('6222020200001234560')).toBe(false);
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(check('收款账号4111111111111111').map((f) => f.kind)).toEqual(['bank_card']);
    expect(check('收款账号 4111 1111 1111 1111').map((f) => f.kind)).toEqual(['bank_card']);
    expect(check('流水号4111111111111112')).toEqual([]);
  });
});

describe('other checks', () => {
  it('warns about flagged terms with a suggestion', () => {
    const [finding] = check('原国家质检总局发布');
    expect(finding).toMatchObject({ kind: 'sensitive_term', severity: 'warn', position: 1 });
    expect(finding.message).toContain('建议改为“国家市场监督管理总局”');
  });

  it('blocks anything not 主动公开', () => {
    expect(check('正文', 'on_request')).toEqual([expect.objectContaining({ kind: 'not_proactive', severity: 'block', path: ['disclosureAttribute'] })]);
  });

  it('warns when a 双公示 record’s title names its natural person, showing the name masked', () => {
    const texts = [{ path: ['title'], text: '关于张三丰违规占道经营的处罚决定' }, { path: ['decisionContent'], text: '当事人张三丰' }];
    const findings = runReleaseChecks({ disclosureAttribute: 'proactive', texts, terms: [], personName: '张三丰' });
    expect(findings).toEqual([expect.objectContaining({ kind: 'person_name_in_title', severity: 'warn', path: ['title'], position: 2, excerpt: '张*丰' })]);
    expect(findings[0].message).toContain('名称中含有自然人姓名');
    expect(findings[0].message).not.toContain('张三丰');
    expect(runReleaseChecks({ disclosureAttribute: 'proactive', texts: [{ path: ['title'], text: '占道经营处罚决定' }], terms: [], personName: '张三丰' })).toEqual([]);
    expect(runReleaseChecks({ disclosureAttribute: 'proactive', texts, terms: [], personName: null })).toEqual([]);
  });

  it('masks all but the ends', () => {
    expect(mask('13912345678')).toBe('139******78');
  });
});
