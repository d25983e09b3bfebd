/**
 * Reference data the disclosure catalogue is built on: the 15 proactive-disclosure
 * categories of the 第六师五家渠市政务信息公开指南, each mapped to the items of
 * 《条例》第二十条, and the 22 top-level classes of the 国务院公文主题分类.
 */
export interface CategorySeed {
  code: string;
  name: string;
  description: string;
  statutoryItems: number[];
  children?: { code: string; name: string; description?: string }[];
}

const ART20 = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
export const legalBasisOf = (items: number[]) => `《中华人民共和国政府信息公开条例》第二十条第${items.map((n) => `（${ART20[n]}）`).join('、')}项`;

export const CATEGORIES: CategorySeed[] = [
  {
    code: 'lzyj',
    name: '履职依据',
    description: '行政法规、政府规章和规范性文件',
    statutoryItems: [1],
    children: [
      { code: 'lzyj-xzfg', name: '行政法规' },
      { code: 'lzyj-gz', name: '规章' },
      { code: 'lzyj-gfxwj', name: '行政规范性文件' },
      { code: 'lzyj-zcjd', name: '政策解读', description: '对政策文件的解读' },
    ],
  },
  { code: 'jgjj', name: '机关简介', description: '领导组成、机构设置和主要职能', statutoryItems: [2] },
  { code: 'zfgzbg', name: '政府工作报告', description: '历年政府工作报告', statutoryItems: [3] },
  { code: 'zfhy', name: '政府会议', description: '政府全体会议和常务会议情况', statutoryItems: [15] },
  { code: 'tjxx', name: '统计信息', description: '统计公报和统计数据', statutoryItems: [4] },
  { code: 'sfgk', name: '收费公开', description: '行政事业性收费和经营服务性收费信息', statutoryItems: [8] },
  {
    code: 'sgs',
    name: '双公示',
    description: '行政许可、行政处罚、行政强制和其他管理服务事项',
    statutoryItems: [5, 6],
    children: [
      { code: 'sgs-xzxk', name: '行政许可' },
      { code: 'sgs-xzcf', name: '行政处罚' },
    ],
  },
  { code: 'zfcg', name: '政府采购', description: '政府集中采购政策法规、项目目录、标准及实施情况', statutoryItems: [9] },
  { code: 'zdxm', name: '重大项目', description: '重大建设项目批准结果信息', statutoryItems: [10] },
  { code: 'tpfp', name: '脱贫扶贫', description: '脱贫扶贫信息', statutoryItems: [11] },
  { code: 'ggws', name: '公共卫生', description: '公共卫生知识日常普及工作信息', statutoryItems: [13] },
  { code: 'scjg', name: '市场监管', description: '市场监管规则和标准、日常监管信息', statutoryItems: [13] },
  { code: 'jyxx', name: '教育信息', description: '义务教育招生方案、招生范围、招生程序、报名条件、学校情况、咨询方式', statutoryItems: [11] },
  { code: 'zlzp', name: '招录招聘', description: '公务员招录和事业人员招聘信息', statutoryItems: [14] },
  // 条例 第四十九条、第五十条: every organ's annual report is filed here (an annual report entry always is).
  { code: 'gknb', name: '政府信息公开年报', description: '政府信息公开工作年度报告', statutoryItems: [15] },
  { code: 'qt', name: '其他', description: '法律、法规、规章规定应主动公开的其他有关信息', statutoryItems: [15] },
];

export const TOPICS: string[] = [
  '国务院组织机构',
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '其他',
];

export const topicCode = (index: number) => `t${String(index + 1).padStart(2, '0')}`;
