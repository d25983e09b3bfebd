/**
 * Demo 依申请公开 applications to 第六师五家渠市 offices, one in each stage an office sees most: an online
 * application waiting for confirmation of receipt, a letter received, a 补正 asked of a company, a third-party
 * consultation for a law firm, a reply (予以公开), and one closed because no correction came. Names, numbers and
 * addresses are invented. `steps` are handling actions (services/application-handling.ts `act`), dated in working
 * days before the seed day so that every clock is realistic whenever the demo runs.
 */
export interface DemoApplicationStep {
  action: string;
  /** Payload fields; a `{ workingDaysAgo: n }` value becomes the date n working days before the seed day. */
  payload: Record<string, unknown>;
}

export interface DemoApplication {
  /** Receiving organization, by code (data/organizations.ts). */
  organization: string;
  channel: 'online' | 'letter' | 'in_person' | 'fax' | 'email';
  /** Working days before the seed day the office had it in hand (online: when it confirms receipt, if it has). */
  receivedWorkingDaysAgo: number | null;
  fields: Record<string, unknown>;
  steps: DemoApplicationStep[];
}

export const ago = (workingDaysAgo: number) => ({ workingDaysAgo });

export const DEMO_APPLICATIONS: DemoApplication[] = [
  {
    organization: '11659004MB19577301',
    channel: 'online',
    receivedWorkingDaysAgo: null,
    fields: {
      applicantKind: 'natural_person',
      applicantName: '王丽娟',
      idType: 'resident_id',
      idNumber: '659004198703152426',
      phone: '13899620417',
      email: 'wanglijuan1987@example.cn',
      requestedTitle: '五家渠市2025年城镇老旧小区改造项目清单及资金安排',
      requestedDescription: '青湖路街道辖区内纳入2025年改造计划的小区名单、改造内容和各级资金安排',
      purpose: '了解本人居住小区是否纳入改造计划',
      preferredForm: 'electronic',
      deliveryMethod: 'email',
    },
    steps: [],
  },
  {
    organization: '11659004MB19577604',
    channel: 'letter',
    receivedWorkingDaysAgo: 2,
    fields: {
      applicantKind: 'natural_person',
      applicantName: '马永福',
      idType: 'resident_id',
      idNumber: '659004196905210617',
      phone: '0994-5823146',
      postalAddress: '新疆五家渠市一〇一团二连 17 号',
      postalCode: '831300',
      requestedTitle: '一〇一团二连土地承包经营权确权登记公示材料',
      requestedDocumentNumber: null,
      requestedDescription: '2023 年确权登记时二连的地块分布图和公示名单',
      preferredForm: 'paper',
      deliveryMethod: 'post',
    },
    steps: [],
  },
  {
    organization: '11659004MB19577806',
    channel: 'in_person',
    receivedWorkingDaysAgo: 4,
    fields: {
      applicantKind: 'commercial_enterprise',
      applicantName: '新疆青湖建材有限公司',
      contactPerson: '刘海涛',
      idType: 'unified_social_credit_code',
      idNumber: '91659004MA78K3P21X',
      phone: '13709946281',
      postalAddress: '新疆五家渠市工业园区建材路 9 号',
      postalCode: '831300',
      requestedTitle: '关于企业稳岗补贴的文件',
      requestedDescription: '稳岗补贴的申领条件',
      preferredForm: 'paper',
      deliveryMethod: 'pickup',
    },
    steps: [
      { action: 'start', payload: {} },
      {
        action: 'request_correction',
        payload: { requestedOn: ago(3), request: '所需信息的名称不够明确：请写明所需文件的年度（如 2024 年或 2025 年）、文号，或说明是失业保险稳岗返还还是其他补贴。' },
      },
    ],
  },
  {
    organization: '11659004MB19577503',
    channel: 'email',
    receivedWorkingDaysAgo: 10,
    fields: {
      applicantKind: 'legal_service_institution',
      applicantName: '新疆五家渠天诚律师事务所',
      contactPerson: '赵敏',
      idType: 'unified_social_credit_code',
      idNumber: '31650000MD0172845Q',
      phone: '0994-5871260',
      email: 'tiancheng.law@example.cn',
      requestedTitle: '五家渠市城区集中供热项目特许经营协议',
      requestedDocumentNumber: null,
      requestedDescription: '2019 年签订的城区集中供热特许经营协议及其补充协议',
      purpose: '代理委托人办理供热收费纠纷',
      preferredForm: 'electronic',
      deliveryMethod: 'email',
    },
    steps: [
      { action: 'start', payload: {} },
      { action: 'start_consultation', payload: { party: '五家渠市热力有限责任公司', kind: 'third_party', sentOn: ago(7) } },
    ],
  },
  {
    organization: '11659004MB19577907',
    channel: 'online',
    receivedWorkingDaysAgo: 15,
    fields: {
      applicantKind: 'natural_person',
      applicantName: '李红梅',
      idType: 'resident_id',
      idNumber: '659004199108233048',
      phone: '18099413725',
      email: 'lihongmei91@example.cn',
      requestedTitle: '第六师五家渠市2024年一般公共预算执行情况',
      requestedDescription: '包括教育、卫生健康支出的决算数',
      preferredForm: 'electronic',
      deliveryMethod: 'email',
    },
    steps: [
      { action: 'start', payload: {} },
      { action: 'reply', payload: { outcome: 'disclose', repliedOn: ago(6), details: { publishedAt: '第六师五家渠市政府门户网站“财政预决算”栏目' } } },
    ],
  },
  {
    organization: '11659004MB19577705',
    channel: 'letter',
    receivedWorkingDaysAgo: 40,
    fields: {
      applicantKind: 'natural_person',
      applicantName: '张志强',
      idType: 'resident_id',
      idNumber: '659004198011040031',
      phone: '15299487360',
      postalAddress: '新疆五家渠市长征西街 126 号 3 栋 2 单元',
      postalCode: '831300',
      requestedTitle: '食品抽检相关情况',
      preferredForm: 'paper',
      deliveryMethod: 'post',
    },
    steps: [
      { action: 'start', payload: {} },
      {
        action: 'request_correction',
        payload: { requestedOn: ago(38), dueOn: ago(23), request: '请写明所需信息对应的抽检年度、食品类别或抽检公告的名称，以便查找。' },
      },
      { action: 'close_no_correction', payload: {} },
    ],
  },
];
