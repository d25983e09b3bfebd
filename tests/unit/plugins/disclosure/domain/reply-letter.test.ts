import { REPLY_OUTCOMES, ReplyOutcome } from '../../../../../src/plugins/disclosure/server/src/domain/application-vocabulary';
import { renderReplyLetter, ReplyLetterError, ReplyLetterInput, replyLegalBasis } from '../../../../../src/plugins/disclosure/server/src/domain/reply-letter';

const base: ReplyLetterInput = {
  organizationName: '五家渠市住房和城乡建设局',
  trackingCode: 'YSQ-2026-7K3M9Q',
  applicantName: '张三',
  receivedOn: '2026-09-30',
  repliedOn: '2026-11-03',
  requested: { title: '2025年城市更新项目补偿标准', documentNumber: '五建发〔2025〕12号', description: '老城区片区的补偿标准' },
  outcome: 'disclose',
  details: {},
};

/** The letter's visible text, tags dropped and entities decoded, for assertions about wording. */
const visible = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const REMEDY = /如对本答复不服，可以自收到本告知书之日起六十日内向.+申请行政复议，或者自收到本告知书之日起六个月内向.+提起行政诉讼（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）/;

describe('the 答复告知书 page', () => {
  const html = renderReplyLetter(base);

  it('is a complete printable A4 page with Chinese serif fonts', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>政府信息公开申请答复告知书</title>');
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/font-family: "仿宋_GB2312", [^;]*"FangSong"[^;]*serif;/);
    expect(html).toMatch(/font-family: "方正小标宋简体", [^;]*"SimSun"[^;]*serif;/);
    expect(html).not.toMatch(/<script|<link|src=|@import/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
  });

  it('names the organ, the applicant, the code, the date received, what was asked, the seal line and the date', () => {
    const text = visible(html);
    expect(text).toContain('五家渠市住房和城乡建设局政府信息公开申请答复告知书');
    expect(text).toContain('申请编号：YSQ-2026-7K3M9Q');
    expect(text).toContain('张三：');
    expect(text).toContain('本机关于2026年9月30日收到您提出的政府信息公开申请（申请编号：YSQ-2026-7K3M9Q），申请获取“2025年城市更新项目补偿标准”（文号：五建发〔2025〕12号）。申请内容描述：老城区片区的补偿标准。现答复如下：');
    expect(text).toContain('五家渠市住房和城乡建设局（印章）');
    expect(text).toContain('2026年11月3日');
    expect(text).toMatch(REMEDY);
  });

  it('addresses an organization as 贵单位', () => {
    const text = visible(renderReplyLetter({ ...base, applicantKind: 'commercial_enterprise', applicantName: '新疆某某建设有限公司', outcome: 'unable.not_held' }));
    expect(text).toContain('收到贵单位提出的');
    expect(text).toContain('经检索，本机关没有贵单位所申请公开的政府信息');
    expect(text).not.toMatch(/您/);
  });

  it('leaves the date blank in a preview and omits what was not given', () => {
    const text = visible(renderReplyLetter({ ...base, repliedOn: null, requested: { title: '补偿标准' } }));
    expect(text).toContain('　　年　　月　　日');
    expect(text).not.toContain('文号');
    expect(text).not.toContain('申请内容描述');
  });

  it('names the review organ and the court when given', () => {
    expect(visible(renderReplyLetter({ ...base, reviewOrgan: '五家渠市人民政府', court: '五家渠垦区人民法院' }))).toContain(
      '六十日内向五家渠市人民政府申请行政复议，或者自收到本告知书之日起六个月内向五家渠垦区人民法院提起行政诉讼'
    );
    expect(visible(html)).toContain('六十日内向依法负有行政复议职责的行政复议机关申请行政复议，或者自收到本告知书之日起六个月内向有管辖权的人民法院提起行政诉讼');
  });
});

describe('escaping', () => {
  it('escapes every value taken from the application', () => {
    const html = renderReplyLetter({
      ...base,
      organizationName: '局<i>',
      trackingCode: 'A"B',
      applicantName: '<script>alert("x")</script>',
      requested: { title: '<img src=x onerror=alert(1)>', documentNumber: "'; drop", description: 'a & b' },
      outcome: 'withhold.third_party',
      details: { reason: '<b>商业秘密</b>', legalBasis: '<a href="javascript:x">法</a>', publishedAt: '<svg onload=x>' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;：');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&#39;; drop');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('A&quot;B');
    expect(html).toContain('理由：&lt;b&gt;商业秘密&lt;/b&gt;。');
  });
});

describe('each outcome states its decision and legal basis', () => {
  const cases: [ReplyOutcome, ReplyLetterInput['details'], string, RegExp][] = [
    ['disclose', {}, '《中华人民共和国政府信息公开条例》第三十六条第二项', /本机关予以公开/],
    ['disclose', { publishedAt: '五家渠市人民政府门户网站“法定主动公开内容—规划信息”栏目' }, '《中华人民共和国政府信息公开条例》第三十六条第一项', /已经主动公开，您可以通过以下方式、途径获取：五家渠市人民政府门户网站“法定主动公开内容—规划信息”栏目/],
    ['partial', { partialNote: '被征收人身份证号码', legalBasis: '《中华人民共和国政府信息公开条例》第十五条' }, '《中华人民共和国政府信息公开条例》第三十七条、《中华人民共和国政府信息公开条例》第十五条', /向您提供可以公开的政府信息内容；不予公开的内容为：被征收人身份证号码/],
    ['withhold.state_secret', {}, '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项', /国家秘密/],
    ['withhold.prohibited_by_law', { legalBasis: '《中华人民共和国统计法》第三十九条' }, '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项、《中华人民共和国统计法》第三十九条', /法律、行政法规禁止公开/],
    ['withhold.three_safeties', {}, '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项', /国家安全、公共安全、经济安全、社会稳定/],
    ['withhold.third_party', {}, '《中华人民共和国政府信息公开条例》第十五条、第三十六条第三项', /第三方合法权益/],
    ['withhold.internal_affairs', {}, '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第三项', /内部事务信息/],
    ['withhold.process_information', {}, '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项', /过程性信息/],
    ['withhold.enforcement_file', {}, '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项', /行政执法案卷信息/],
    ['withhold.administrative_inquiry', {}, '《中华人民共和国政府信息公开条例》第三十六条第七项', /依照有关法律、行政法规的规定办理/],
    ['unable.not_held', {}, '《中华人民共和国政府信息公开条例》第三十六条第四项', /该政府信息不存在/],
    ['unable.not_held', { rightOrgan: '五家渠市自然资源局（电话：0994-5800000）' }, '《中华人民共和国政府信息公开条例》第三十六条第五项', /不属于本机关负责公开。负责公开该政府信息的行政机关为：五家渠市自然资源局（电话：0994-5800000）/],
    ['unable.needs_creation', {}, '《中华人民共和国政府信息公开条例》第三十八条', /加工、分析/],
    ['unable.unclear_after_correction', {}, '《中华人民共和国政府信息公开条例》第二十九条第二款、第三十条', /经补正，您的申请内容仍不明确/],
    ['reject.petition', {}, '《中华人民共和国政府信息公开条例》第三十九条第一款', /信访、投诉、举报/],
    ['reject.duplicate', {}, '《中华人民共和国政府信息公开条例》第三十六条第六项', /不予重复处理/],
    ['reject.publication', { publishedAt: '《五家渠市人民政府公报》2025年第3期' }, '《中华人民共和国政府信息公开条例》第三十九条第二款', /公开出版物.*您可以通过以下途径获取：《五家渠市人民政府公报》2025年第3期/],
    ['reject.abusive', {}, '《中华人民共和国政府信息公开条例》第三十五条', /数量、频次明显超过合理范围/],
    ['reject.confirmation', {}, '《中华人民共和国政府信息公开条例》第二条、第三十八条', /确认或者重新出具/],
    ['other.no_correction', {}, '《中华人民共和国政府信息公开条例》第三十条', /逾期未补正，视为放弃申请/],
    ['other.fee_unpaid', {}, '《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', /逾期未按收费通知要求缴纳信息处理费/],
    ['other.other', { reason: '申请人撤回申请', legalBasis: '《某某规定》第五条' }, '《某某规定》第五条', /申请人撤回申请/],
  ];

  it.each(cases)('%s %j', (outcome, details, basis, decision) => {
    const text = visible(renderReplyLetter({ ...base, outcome, details }));
    expect(replyLegalBasis(outcome, details ?? {})).toBe(basis);
    expect(text).toContain(`法律依据：${basis}。`);
    expect(text).toMatch(decision);
    expect(text).toMatch(REMEDY);
  });

  it('covers every outcome', () => {
    expect(new Set(cases.map(([outcome]) => outcome))).toEqual(new Set(REPLY_OUTCOMES));
  });

  it('states no basis for other.other without one, the remedy still', () => {
    const text = visible(renderReplyLetter({ ...base, outcome: 'other.other', details: { reason: '申请人撤回申请' } }));
    expect(text).not.toContain('法律依据');
    expect(text).toContain('理由：申请人撤回申请。');
    expect(text).toMatch(REMEDY);
  });

  it('gives the reason of a refusal (第三十六条第三项)', () => {
    expect(visible(renderReplyLetter({ ...base, outcome: 'withhold.third_party', details: { reason: '涉及申请人以外自然人的家庭住址' } }))).toContain('理由：涉及申请人以外自然人的家庭住址。');
  });
});

describe('the fee', () => {
  it('is stated when there is one', () => {
    expect(visible(renderReplyLetter({ ...base, fee: { amountYuan: 720 } }))).toContain(
      '依据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请收取信息处理费人民币720元。'
    );
  });
  it('is not mentioned when nothing is due', () => {
    expect(visible(renderReplyLetter({ ...base, fee: { amountYuan: 0 } }))).not.toContain('信息处理费');
    expect(visible(renderReplyLetter({ ...base, fee: null }))).not.toContain('信息处理费');
  });
});

describe('refuses input it cannot print', () => {
  it.each([
    ['organizationName', { organizationName: '' }],
    ['applicantName', { applicantName: '   ' }],
    ['trackingCode', { trackingCode: undefined }],
    ['receivedOn', { receivedOn: '2026-02-30' }],
    ['repliedOn', { repliedOn: '2026/11/03' }],
    ['outcome', { outcome: 'withhold.other' }],
    ['requested.title', { requested: { title: '' } }],
    ['details.reason', { details: { reason: 42 } }],
    ['fee.amountYuan', { fee: { amountYuan: -1 } }],
    ['fee.amountYuan', { fee: { amountYuan: NaN } }],
  ])('%s', (field, patch) => {
    expect(() => renderReplyLetter({ ...base, ...(patch as object) } as ReplyLetterInput)).toThrow(expect.objectContaining({ name: 'ReplyLetterError', field }));
  });

  it('refuses no input', () => {
    expect(() => renderReplyLetter(undefined as never)).toThrow(ReplyLetterError);
  });
});
