/**
 * Enumeration values are English identifiers (Strapi requires ASCII enum values);
 * this is their one table of user-facing names. The admin uses it to show the
 * Chinese terms in selects, the glossary lists it, and a test checks that every
 * enum value of every schema has an entry here.
 */
export interface Term {
  zh: string;
  en: string;
}

export const VOCABULARY: Record<string, Term> = {
  other: { zh: '其他', en: 'Other' },

  // 机构类型
  people_government: { zh: '人民政府', en: "People's government" },
  work_department: { zh: '工作部门', en: 'Working department' },
  department_agency: { zh: '部门管理机构', en: 'Department-administered agency' },
  regiment: { zh: '团场', en: 'Regiment (团场)' },
  town: { zh: '镇', en: 'Town' },
  subdistrict: { zh: '街道', en: 'Subdistrict' },

  // 年度报告统计范围
  subtree: { zh: '本机构及下属机构', en: 'With subordinate organizations' },
  alone: { zh: '仅本机构', en: 'This organization only' },

  // 有效性
  valid: { zh: '有效', en: 'In force' },
  expired: { zh: '失效', en: 'Expired' },
  repealed: { zh: '废止', en: 'Repealed' },
  amended: { zh: '已修改', en: 'Amended' },

  // 文件类型
  administrative_regulation: { zh: '行政法规', en: 'Administrative regulation' },
  rule: { zh: '规章', en: 'Rule' },
  normative_document: { zh: '行政规范性文件', en: 'Administrative normative document' },
  other_document: { zh: '其他文件', en: 'Other document' },

  // 解读形式
  text: { zh: '文字解读', en: 'Text' },
  graphic: { zh: '图解', en: 'Graphic' },
  audio_video: { zh: '音视频', en: 'Audio or video' },
  qa: { zh: '问答', en: 'Questions and answers' },
  media: { zh: '媒体解读', en: 'Media interpretation' },

  // 双公示
  administrative_license: { zh: '行政许可', en: 'Administrative licence' },
  administrative_penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  administrative_coercion: { zh: '行政强制', en: 'Administrative coercion' },
  natural_person: { zh: '自然人', en: 'Natural person' },
  legal_person: { zh: '法人', en: 'Legal person' },
  individual_business: { zh: '个体工商户', en: 'Individual business' },
  unincorporated_organization: { zh: '非法人组织', en: 'Unincorporated organization' },

  // 政府采购
  procurement_intention: { zh: '采购意向', en: 'Procurement intention' },
  procurement_notice: { zh: '采购公告', en: 'Procurement notice' },
  correction_notice: { zh: '更正公告', en: 'Correction notice' },
  award_result: { zh: '中标(成交)结果公告', en: 'Award result' },
  contract_notice: { zh: '合同公告', en: 'Contract notice' },
  termination_notice: { zh: '终止公告', en: 'Termination notice' },
  open_tender: { zh: '公开招标', en: 'Open tender' },
  invited_tender: { zh: '邀请招标', en: 'Invited tender' },
  competitive_negotiation: { zh: '竞争性谈判', en: 'Competitive negotiation' },
  competitive_consultation: { zh: '竞争性磋商', en: 'Competitive consultation' },
  inquiry: { zh: '询价', en: 'Request for quotation' },
  single_source: { zh: '单一来源', en: 'Single source' },
  framework_agreement: { zh: '框架协议', en: 'Framework agreement' },

  // 招录招聘
  civil_servant: { zh: '公务员招录', en: 'Civil-service recruitment' },
  public_institution: { zh: '事业单位招聘', en: 'Public-institution recruitment' },
  recruitment_notice: { zh: '招聘公告', en: 'Recruitment notice' },
  proposed_hiring: { zh: '拟录用公示', en: 'Proposed hiring publicity' },
  result_notice: { zh: '结果公告', en: 'Result notice' },

  // 公开属性
  proactive: { zh: '主动公开', en: 'Proactive disclosure' },
  on_request: { zh: '依申请公开', en: 'Disclosure on request' },
  exempt: { zh: '不予公开', en: 'Not disclosed' },

  // 节假日安排
  holiday: { zh: '节假日', en: 'Holiday' },
  workday: { zh: '调休上班日', en: 'Make-up working day' },

  // 不公开理由（《条例》第十四条至第十六条）
  state_secret: { zh: '国家秘密（第十四条）', en: 'State secret (Art. 14)' },
  prohibited_by_law: { zh: '法律、行政法规禁止公开（第十四条）', en: 'Prohibited by law (Art. 14)' },
  endangers_security: { zh: '危及国家安全、公共安全、经济安全、社会稳定（第十四条）', en: 'Endangers security or stability (Art. 14)' },
  trade_secret: { zh: '商业秘密（第十五条）', en: 'Trade secret (Art. 15)' },
  personal_privacy: { zh: '个人隐私（第十五条）', en: 'Personal privacy (Art. 15)' },
  internal_affairs: { zh: '内部事务信息（第十六条）', en: 'Internal affairs (Art. 16)' },
  process_information: { zh: '过程性信息（第十六条）', en: 'Process information (Art. 16)' },
  enforcement_case_file: { zh: '行政执法案卷信息（第十六条）', en: 'Enforcement case file (Art. 16)' },
};

export const termOf = (value: string): Term | undefined => VOCABULARY[value];
