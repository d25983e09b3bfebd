import type { UID } from '@strapi/strapi';
import { addMonths, type LegalDate } from '../../plugins/disclosure/server/src/domain/legal-date';
import { REGULATION_711_BODY } from './regulation-711';

/**
 * Days relative to the seed's run: the demo releases its entries on the day it runs, so the dates its statutory
 * windows count from are placed that many working days earlier (the domain calendar counts them), and later events
 * (a registration period, a bid opening) after it.
 */
export interface ReleaseDays {
  /** The latest working day n working days before the release. */
  before(n: number): LegalDate;
  /** The n-th working day after the release. */
  after(n: number): LegalDate;
  /** The Beijing instant at that day and time, e.g. at('2026-03-02', '10:00'). */
  at(day: LegalDate, time: string): string;
}

/**
 * Demo entries written from the reference portal's facts. Organizations are named
 * by code, categories and topics by code. `published: false` leaves a draft.
 */
export interface EntrySeed {
  uid: UID.ContentType;
  published: boolean;
  /** For an unpublished entry: how far into review it has gone (default: a plain draft). */
  reviewStage?: number;
  publishingOrganization: string;
  category?: string;
  topics?: string[];
  data: Record<string, unknown>;
  /** Fields dated from the release (formation, decision and the like), resolved when the seed runs. */
  dates?: (days: ReleaseDays) => Record<string, unknown>;
  /**
   * Released after its statutory window on purpose, with this reason (the workflow requires one): the demo shows
   * what 超期发布 looks like. Every other entry is released within its window.
   */
  lateReason?: string;
  /** Relation fields naming organizations by code. */
  organizations?: Record<string, string | string[]>;
  /** Relation fields naming policies by title. */
  policies?: Record<string, string>;
}

const TOP = '11659004MB1957720K';
const STATE_COUNCIL = '11100000000013127G';
const DRC = '11659004MB19577503';
const DATA_BUREAU = '11659004MB19577402';
const MARKET = '11659004MB19577705';
const HR = '11659004MB19577806';
const FINANCE = '11659004MB19577907';

export const REGULATION_TITLE = '中华人民共和国政府信息公开条例';
export const CHARGING_PLAN_TITLE = '第六师五家渠市电动汽车充电基础设施专项规划（2024—2030年）';

export const ENTRIES: EntrySeed[] = [
  {
    uid: 'api::policy.policy',
    published: true,
    publishingOrganization: TOP,
    category: 'lzyj-xzfg',
    topics: ['t02'],
    organizations: { issuingOrganizations: [STATE_COUNCIL] },
    data: {
      title: REGULATION_TITLE,
      documentNumber: '国务院令第711号',
      documentKind: 'administrative_regulation',
      validity: 'valid',
      writtenDate: '2019-04-03',
      effectiveDate: '2019-05-15',
      keywords: '政府信息公开 条例',
      summary: '为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，建设法治政府而制定的行政法规。',
      body: REGULATION_711_BODY,
    },
    dates: ({ before }) => ({ formedOrChangedAt: before(3) }),
  },
  {
    uid: 'api::policy.policy',
    published: true,
    publishingOrganization: DRC,
    category: 'lzyj',
    topics: ['t10', 't07'],
    organizations: { issuingOrganizations: [TOP] },
    data: {
      title: CHARGING_PLAN_TITLE,
      documentKind: 'other_document',
      validity: 'valid',
      expiryDate: '2030-12-31',
      keywords: '充电基础设施 新能源汽车 专项规划',
      summary: '按照“车桩相随、适度超前”的原则，部署至2030年师市电动汽车充电基础设施建设布局。',
      body:
        '按照“车桩相随、适度超前”的原则，至2030年，第六师需建成充电桩7652个，满足15801辆新能源汽车充电需求；五家渠市需建成充电桩6876个，满足10315辆新能源汽车充电需求。\n\n' +
        '规划拟选址公共充换电站共5座，其中3座位于中心城区，1座位于青湖商贸园，1座位于经开区的东工业园。',
    },
    // Signed six working days before its release: 成文日期, 施行日期 and 形成日期 alike.
    dates: ({ before }) => ({
      documentNumber: `师市发改发〔${before(6).slice(0, 4)}〕35号`,
      writtenDate: before(6),
      effectiveDate: before(6),
      formedOrChangedAt: before(6),
    }),
  },
  {
    uid: 'api::interpretation.interpretation',
    published: true,
    publishingOrganization: DRC,
    category: 'lzyj-zcjd',
    topics: ['t10'],
    policies: { policy: CHARGING_PLAN_TITLE },
    data: {
      title: '《第六师五家渠市电动汽车充电基础设施专项规划（2024—2030年）》政策解读',
      form: 'qa',
      interpreter: '第六师五家渠市发展和改革委员会',
      summary: '以问答形式解读规划目标、充换电站布局、公用充电设施配置和供电系统要求。',
      qa: [
        {
          question: '规划目标是什么？',
          answer:
            '按照“车桩相随、适度超前”的原则，至2030年，第六师需建成充电桩7652个，满足15801辆新能源汽车充电需求；五家渠市需建成充电桩6876个，满足10315辆新能源汽车充电需求。形成以公交、出租、环卫、物流、公务等专用车辆充电基础设施为主，以公共停车场设置充电桩、独立充换电站等公用设施为辅，以充电智能服务平台为支撑的新能源汽车充电基础设施服务体系。',
        },
        {
          question: '充换电站规划布局在哪些地方？',
          answer: '规划拟选址公共充换电站共5座，其中3座位于中心城区，1座位于青湖商贸园，1座位于经开区的东工业园。规划充换电站均为远期建设项目。',
        },
        {
          question: '公用充电设施如何配置？',
          answer:
            '居住小区按快慢桩之比2:1的比例进行配置，公共停车场按快慢桩之比3:1的比例进行配置，公共服务设施按快慢桩之比4:1的比例进行配置，景区按快慢桩之比4:1的比例进行配置。加油加气站点充电场所全部采用快充桩。',
        },
        { question: '供电系统配置在哪些方面有要求？', answer: '在电源配置、供电线路和电能质量等方面在规划中均有细化要求。' },
      ],
    },
    // Written while the plan was in review; its window (3 working days) runs from the plan's release.
    dates: ({ before }) => ({ formedOrChangedAt: before(2) }),
  },
  {
    uid: 'api::dual-publicity-record.dual-publicity-record',
    published: true,
    publishingOrganization: MARKET,
    category: 'sgs-xzxk',
    topics: ['t09'],
    organizations: { decidingOrganization: MARKET },
    data: {
      title: '食品经营许可决定（五家渠市青湖商贸有限公司）',
      kind: 'administrative_license',

      subjectName: '五家渠市青湖商贸有限公司',
      subjectType: 'legal_person',
      unifiedSocialCreditCode: '91659004MA7XQ2K81B',
      legalRepresentative: '李建国',
      matterName: '食品经营许可',
      legalBasis: '《中华人民共和国食品安全法》第三十五条',
      decisionContent: '准予食品经营许可，经营项目：预包装食品销售（含冷藏冷冻食品）。',
    },
    // 双公示: 7 working days from the decision.
    dates: ({ before }) => ({
      decisionNumber: `师市市监食许〔${before(2).slice(0, 4)}〕118号`,
      decisionDate: before(2),
      validFrom: before(2),
      validUntil: addMonths(before(2), 60),
      formedOrChangedAt: before(2),
    }),
  },
  {
    uid: 'api::dual-publicity-record.dual-publicity-record',
    published: true,
    publishingOrganization: MARKET,
    category: 'sgs-xzcf',
    topics: ['t09'],
    organizations: { decidingOrganization: MARKET },
    data: {
      title: '行政处罚决定（张某某销售过期食品案）',
      kind: 'administrative_penalty',

      subjectName: '张某某',
      subjectType: 'natural_person',
      // Demo value; never leaves the admin (private field).
      idNumber: '659004199001010000',
      matterName: '销售超过保质期的食品',
      legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
      decisionContent: '没收违法所得，并处罚款。',
      penaltyAmount: 0.5,
      confiscationAmount: 0.032,
    },
    // No 公示截止日期 given: the longest public period allowed for a 行政处罚 (three years) is set.
    dates: ({ before }) => ({
      decisionNumber: `师市市监处罚〔${before(4).slice(0, 4)}〕21号`,
      decisionDate: before(4),
      formedOrChangedAt: before(4),
    }),
  },
  {
    uid: 'api::procurement-notice.procurement-notice',
    published: true,
    publishingOrganization: FINANCE,
    category: 'zfcg',
    topics: ['t04'],
    data: {
      title: '第六师五家渠市政务信息公开平台运维服务项目公开招标公告',
      noticeType: 'procurement_notice',
      projectName: '第六师五家渠市政务信息公开平台运维服务项目',
      projectCode: 'LSWJQ-CG-017',
      budgetAmount: 86.5,
      purchaser: '第六师五家渠市数据局',
      agency: '新疆某招标代理有限公司',
      method: 'open_tender',
      body: '采购需求：政务信息公开平台运维、安全加固与数据迁移服务，服务期一年。',
    },
    // Bids are due no sooner than 20 days after the notice (《政府采购法实施条例》); opened at the deadline.
    dates: ({ before, after, at }) => ({
      formedOrChangedAt: before(2),
      submissionDeadline: at(after(16), '10:30'),
      openingTime: at(after(16), '10:30'),
    }),
  },
  {
    uid: 'api::procurement-notice.procurement-notice',
    published: true,
    publishingOrganization: FINANCE,
    category: 'zfcg',
    topics: ['t04'],
    data: {
      title: '第六师五家渠市政务信息公开平台运维服务项目中标结果公告',
      noticeType: 'award_result',
      projectName: '第六师五家渠市政务信息公开平台运维服务项目',
      projectCode: 'LSWJQ-CG-017',
      budgetAmount: 86.5,
      purchaser: '第六师五家渠市数据局',
      method: 'open_tender',
      resultSupplier: '五家渠某信息技术有限公司',
      resultAmount: 79.8,
    },
    // A 中标结果 is due 2 working days after the supplier is chosen.
    dates: ({ before }) => ({ decisionDate: before(1), formedOrChangedAt: before(1) }),
  },
  {
    uid: 'api::recruitment-notice.recruitment-notice',
    published: true,
    publishingOrganization: HR,
    category: 'zlzp',
    topics: ['t15'],
    data: {
      title: '第六师五家渠市事业单位公开招聘工作人员公告',
      kind: 'public_institution',
      employer: '第六师五家渠市所属事业单位',
      stage: 'recruitment_notice',
      positions: [
        { name: '数据管理岗', headcount: 2, requirements: '全日制本科及以上学历，计算机类专业' },
        { name: '综合文字岗', headcount: 1, requirements: '全日制本科及以上学历，中国语言文学类专业' },
      ],
      body: '报名方式：网上报名。咨询电话：0994-5685119。',
    },
    dates: ({ before, after, at }) => ({
      formedOrChangedAt: before(5),
      registrationStart: at(after(5), '10:00'),
      registrationEnd: at(after(9), '19:30'),
      examDate: after(20),
    }),
  },
  {
    uid: 'api::disclosure-item.disclosure-item',
    published: true,
    publishingOrganization: DATA_BUREAU,
    category: 'jgjj',
    topics: ['t01'],
    data: {
      title: '第六师五家渠市数据局机构职能',
      summary: '数据局的主要职能、内设机构、办公地址和联系方式。',
      body: '办公地址：五家渠市长征东街1303号。办公时间：夏季10:00—14:00、16:00—20:00；冬季10:00—14:00、15:30—19:30（周一至周五，节假日除外）。联系电话：0994-5685119。',
    },
    // Changed (an office-hours update) eight working days before its release.
    dates: ({ before }) => ({ formedOrChangedAt: before(8) }),
  },
  {
    uid: 'api::disclosure-item.disclosure-item',
    published: true,
    publishingOrganization: TOP,
    category: 'tjxx',
    topics: ['t03'],
    data: {
      title: '第六师五家渠市国民经济和社会发展统计公报',
      body: '师市经济运行总体平稳、稳中有进。（演示数据）',
    },
    // Four working days past its window of 20.
    dates: ({ before }) => ({ formedOrChangedAt: before(24) }),
    lateReason: '统计数据须经上级统计部门核定，核定意见晚于预期送达（演示数据）',
  },
  {
    // An annual report (条例 第四十九条): its figures are generated from the data when it is submitted.
    uid: 'api::annual-report.annual-report',
    published: false,
    reviewStage: 1,
    publishingOrganization: TOP,
    category: 'gknb',
    topics: ['t02'],
    data: {
      title: '第六师五家渠市2025年政府信息公开工作年度报告',
      summary: '2025年度政府信息公开工作情况、主动公开和依申请公开情况、存在的问题及改进情况。',
      year: 2025,
      scope: 'subtree',
      overview: '2025年，师市认真贯彻落实《中华人民共和国政府信息公开条例》……（演示数据，正在保密审查）',
      problems: '（演示数据）',
      otherMatters: '（演示数据）',
      feesWanYuan: 0,
    },
    dates: ({ before }) => ({ formedOrChangedAt: before(4) }),
  },
  {
    uid: 'api::disclosure-item.disclosure-item',
    published: false,
    publishingOrganization: TOP,
    category: 'zfhy',
    topics: ['t02'],
    data: {
      title: '师市政府第十二次常务会议纪要（送审稿）',
      disclosureAttribute: 'exempt',
      exemptionReason: 'process_information',
      body: '（送审稿，未经审核，不对外公开）',
    },
    dates: ({ before }) => ({ formedOrChangedAt: before(1) }),
  },
];

export const STATE_COUNCIL_ORGANIZATION = {
  code: STATE_COUNCIL,
  name: '中华人民共和国国务院',
  shortName: '国务院',
  kind: 'people_government',
  sortOrder: 100,
};
