import { ApplicantKind, REPLY_OUTCOMES, ReplyOutcome } from './application-vocabulary';
import { isLegalDate, LegalDate } from './legal-date';

/**
 * 政府信息公开申请答复告知书: one printable HTML page per reply, with what 条例 第三十六条 requires for each outcome
 * (the decision, its reason and legal basis, where to get published information, which organ is responsible) and
 * the notice of the right to 行政复议 (行政复议法 2023 第二十条: 60 days) and 行政诉讼 (行政诉讼法 第四十六条: 6 months).
 * Every value from the input is HTML-escaped; the page loads nothing from outside.
 */

export interface ReplyDetails {
  /** Where the information is already published (第三十六条第一项): a site section, URL, gazette issue. */
  publishedAt?: string | null;
  /** The organ responsible for the information, with its contact (第三十六条第五项). */
  rightOrgan?: string | null;
  /** The reason given to the applicant (第三十六条第三项: 说明理由). */
  reason?: string | null;
  /** A further legal basis: the specific law for withhold.prohibited_by_law, the clause for a withheld part. */
  legalBasis?: string | null;
  /** What was withheld from a partly disclosed reply (第三十七条). */
  partialNote?: string | null;
}

export interface ReplyLetterInput {
  organizationName: string;
  trackingCode: string;
  applicantName: string;
  /** Addresses an organization as 贵单位 rather than 您. */
  applicantKind?: ApplicantKind | null;
  receivedOn: LegalDate;
  /** Null in a preview before the reply is issued: the date is left blank to be filled in. */
  repliedOn?: LegalDate | null;
  requested: { title: string; documentNumber?: string | null; description?: string | null };
  outcome: ReplyOutcome;
  details?: ReplyDetails | null;
  fee?: { amountYuan: number } | null;
  /** The 行政复议机关 and the court to name in the remedy notice; generic wording when not configured. */
  reviewOrgan?: string | null;
  court?: string | null;
}

export class ReplyLetterError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
    this.name = 'ReplyLetterError';
  }
}

export const REGULATION = '《中华人民共和国政府信息公开条例》';
const FEE_MEASURES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';
export const REVIEW_LAW_BASIS = '《中华人民共和国行政复议法》第二十条';
export const LITIGATION_LAW_BASIS = '《中华人民共和国行政诉讼法》第四十六条';

interface Decision {
  /** The decision, addressed to the applicant ('您' is replaced for organizations). */
  text: string;
  /** Articles of the 条例. */
  articles: string[];
  /** Other instruments. */
  also?: string[];
}

const withheld = (what: string, articles: string[]): Decision => ({
  text: `经审查，您申请获取的政府信息${what}，本机关决定不予公开。`,
  articles: [...articles, '第三十六条第三项'],
});

const DECISIONS: Record<ReplyOutcome, (details: ReplyDetails) => Decision> = {
  disclose: ({ publishedAt }) =>
    publishedAt
      ? { text: `您申请获取的政府信息已经主动公开，您可以通过以下方式、途径获取：${publishedAt}。`, articles: ['第三十六条第一项'] }
      : { text: '经审查，您申请获取的政府信息属于可以公开的政府信息，本机关予以公开，现按照您申请的形式向您提供该政府信息。', articles: ['第三十六条第二项'] },
  partial: ({ partialNote }) => ({
    text: `经审查，您申请获取的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。本机关向您提供可以公开的政府信息内容${
      partialNote ? `；不予公开的内容为：${partialNote}` : ''
    }。`,
    articles: ['第三十七条'],
  }),
  'withhold.state_secret': () => withheld('属于依法确定为国家秘密的政府信息', ['第十四条']),
  'withhold.prohibited_by_law': () => withheld('属于法律、行政法规禁止公开的政府信息', ['第十四条']),
  'withhold.three_safeties': () => withheld('公开后可能危及国家安全、公共安全、经济安全、社会稳定', ['第十四条']),
  'withhold.third_party': () => withheld('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', ['第十五条']),
  'withhold.internal_affairs': () => withheld('属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等）', ['第十六条第一款']),
  'withhold.process_information': () => withheld('属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息', ['第十六条第二款']),
  'withhold.enforcement_file': () => withheld('属于行政执法案卷信息', ['第十六条第二款']),
  'withhold.administrative_inquiry': () => ({
    text: '经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息（行政查询事项），请依照有关法律、行政法规的规定办理。',
    articles: ['第三十六条第七项'],
  }),
  'unable.not_held': ({ rightOrgan }) =>
    rightOrgan
      ? { text: `经审查，您申请获取的政府信息不属于本机关负责公开。负责公开该政府信息的行政机关为：${rightOrgan}，请向其提出申请。`, articles: ['第三十六条第五项'] }
      : { text: '经检索，本机关没有您所申请公开的政府信息，该政府信息不存在。', articles: ['第三十六条第四项'] },
  'unable.needs_creation': () => ({
    text: '经审查，本机关没有您所申请的现成信息，提供该信息需要对现有政府信息进行加工、分析，本机关不予提供。',
    articles: ['第三十八条'],
  }),
  'unable.unclear_after_correction': () => ({
    text: '本机关已告知您对申请作出补正，经补正，您的申请内容仍不明确，本机关无法确定您所申请的政府信息，无法提供。',
    articles: ['第二十九条第二款', '第三十条'],
  }),
  'reject.petition': () => ({
    text: '经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等事项，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。',
    articles: ['第三十九条第一款'],
  }),
  'reject.duplicate': () => ({
    text: '本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同的政府信息，本机关不予重复处理。',
    articles: ['第三十六条第六项'],
  }),
  'reject.publication': ({ publishedAt }) => ({
    text: `经审查，您申请获取的是政府公报、报刊、书籍等公开出版物，本机关不作为政府信息公开申请处理${publishedAt ? `。您可以通过以下途径获取：${publishedAt}` : ''}。`,
    articles: ['第三十九条第二款'],
  }),
  'reject.abusive': () => ({
    text: '您申请公开政府信息的数量、频次明显超过合理范围，经要求您说明理由，本机关认为申请理由不合理，不予处理。',
    articles: ['第三十五条'],
  }),
  'reject.confirmation': () => ({
    text: '经审查，您的申请系要求本机关确认或者重新出具您已获取的信息，不属于提供已制作或者获取的政府信息，本机关不作为政府信息公开申请处理。',
    articles: ['第二条', '第三十八条'],
  }),
  'other.no_correction': () => ({
    text: '本机关已告知您对申请作出补正，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。',
    articles: ['第三十条'],
  }),
  'other.fee_unpaid': () => ({
    text: '本机关已向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。',
    articles: ['第四十二条'],
    also: [FEE_MEASURES],
  }),
  'other.other': () => ({ text: '经审查，本机关对您的申请作如下处理：', articles: [] }),
};

/** The legal basis sentence for an outcome, e.g. '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项'. Empty for other.other without one. */
export function replyLegalBasis(outcome: ReplyOutcome, details: ReplyDetails = {}): string {
  const decision = DECISIONS[outcome](details);
  const parts = [...(decision.articles.length ? [`${REGULATION}${decision.articles.join('、')}`] : []), ...(decision.also ?? [])];
  if (details.legalBasis) parts.push(details.legalBasis);
  return parts.join('、');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const chineseDate = (date: LegalDate) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function text(value: unknown, field: string, required: boolean): string {
  if (value === null || value === undefined || value === '') {
    if (required) throw new ReplyLetterError(field, `${field} is required`);
    return '';
  }
  if (typeof value !== 'string') throw new ReplyLetterError(field, `${field} must be a string`);
  if (required && value.trim() === '') throw new ReplyLetterError(field, `${field} is required`);
  return value.trim();
}

const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { background: #f2f2f2; }
body { margin: 0; color: #000; font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; line-height: 1.75; }
.page { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; }
h1 { margin: 0 0 8mm; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 22pt; font-weight: normal; line-height: 1.4; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.code { text-align: right; text-indent: 0; font-size: 14pt; }
p.salutation { text-indent: 0; margin-top: 4mm; }
.signature { margin-top: 16mm; text-align: right; }
.signature p { text-indent: 0; text-align: right; }
@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; } }
`;

/** The complete HTML page of the 答复告知书. Throws ReplyLetterError on missing or impossible input. */
export function renderReplyLetter(input: ReplyLetterInput): string {
  if (!input || typeof input !== 'object') throw new ReplyLetterError('', 'input must be an object');
  const organizationName = text(input.organizationName, 'organizationName', true);
  const trackingCode = text(input.trackingCode, 'trackingCode', true);
  const applicantName = text(input.applicantName, 'applicantName', true);
  if (!isLegalDate(input.receivedOn)) throw new ReplyLetterError('receivedOn', `receivedOn must be a 'YYYY-MM-DD' date`);
  const repliedOn = input.repliedOn ?? null;
  if (repliedOn !== null && !isLegalDate(repliedOn)) throw new ReplyLetterError('repliedOn', `repliedOn must be a 'YYYY-MM-DD' date`);
  if (!(REPLY_OUTCOMES as readonly string[]).includes(input.outcome)) throw new ReplyLetterError('outcome', `unknown outcome ${String(input.outcome)}`);
  const requested = input.requested ?? ({} as ReplyLetterInput['requested']);
  const title = text(requested.title, 'requested.title', true);
  const documentNumber = text(requested.documentNumber, 'requested.documentNumber', false);
  const description = text(requested.description, 'requested.description', false);
  const details: ReplyDetails = {};
  for (const key of ['publishedAt', 'rightOrgan', 'reason', 'legalBasis', 'partialNote'] as const) {
    const value = text(input.details?.[key], `details.${key}`, false);
    if (value) details[key] = value;
  }
  const amountYuan = input.fee?.amountYuan ?? 0;
  if (typeof amountYuan !== 'number' || !Number.isFinite(amountYuan) || amountYuan < 0) throw new ReplyLetterError('fee.amountYuan', 'fee.amountYuan must be a number ≥ 0');
  const reviewOrgan = text(input.reviewOrgan, 'reviewOrgan', false) || '依法负有行政复议职责的行政复议机关';
  const court = text(input.court, 'court', false) || '有管辖权的人民法院';

  const you = input.applicantKind && input.applicantKind !== 'natural_person' ? '贵单位' : '您';
  const address = (s: string) => s.replace(/您/g, you);
  const decision = DECISIONS[input.outcome](details);
  const basis = replyLegalBasis(input.outcome, details);

  const requestLine =
    `本机关于${chineseDate(input.receivedOn)}收到${you}提出的政府信息公开申请（申请编号：${trackingCode}），申请获取“${title}”` +
    `${documentNumber ? `（文号：${documentNumber}）` : ''}。${description ? `申请内容描述：${description}。` : ''}现答复如下：`;
  const paragraphs = [
    address(decision.text),
    ...(details.reason ? [`${input.outcome === 'disclose' ? '说明' : '理由'}：${details.reason}${/[。！？.!?]$/.test(details.reason) ? '' : '。'}`] : []),
    ...(basis ? [`法律依据：${basis}。`] : []),
    ...(amountYuan > 0 ? [`依据${REGULATION}第四十二条和${FEE_MEASURES}，本申请收取信息处理费人民币${amountYuan}元。`] : []),
    `如对本答复不服，可以自收到本告知书之日起六十日内向${reviewOrgan}申请行政复议，或者自收到本告知书之日起六个月内向${court}提起行政诉讼（${REVIEW_LAW_BASIS}、${LITIGATION_LAW_BASIS}）。`,
    '特此告知。',
  ];

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开申请答复告知书</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page">
<h1>${escapeHtml(organizationName)}<br>政府信息公开申请答复告知书</h1>
<p class="code">申请编号：${escapeHtml(trackingCode)}</p>
<p class="salutation">${escapeHtml(applicantName)}：</p>
<p>${escapeHtml(requestLine)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<div class="signature">
<p>${escapeHtml(organizationName)}（印章）</p>
<p>${repliedOn ? chineseDate(repliedOn) : '　　年　　月　　日'}</p>
</div>
</main>
</body>
</html>
`;
}
