import { GUIDE_BODY } from './guide';

/**
 * Organizations of the demo, from the reference portal's guide: the top
 * organization with its guide, offices, hours and phones, some departments and
 * 团/镇. Codes are made-up demo 统一社会信用代码 values.
 */
export interface OrganizationSeed {
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  parentCode?: string;
  address?: string;
  postcode?: string;
  officeHours?: string;
  phone?: string;
  fax?: string;
  email?: string;
  website?: string;
  disclosureOffice?: string;
  guide?: string;
  sortOrder: number;
}

export const TOP_ORGANIZATION_CODE = '11659004MB1957720K';

export const ORGANIZATIONS: OrganizationSeed[] = [
  {
    code: TOP_ORGANIZATION_CODE,
    name: '第六师五家渠市',
    shortName: '师市',
    kind: 'people_government',
    address: '五家渠市长征东街603号',
    postcode: '831300',
    officeHours: '10:00—19:30（周一至周五，节假日除外）',
    phone: '0994-5685119',
    website: 'jq.gov.cn',
    disclosureOffice: '第六师办公室、五家渠市人民政府办公室',
    guide: GUIDE_BODY,
    sortOrder: 0,
  },
  {
    code: '11659004MB19577301',
    name: '五家渠市人民政府办公室',
    shortName: '市政府办',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    address: '五家渠市长征东街603号',
    postcode: '831300',
    officeHours: '10:00—19:30（周一至周五，节假日除外）',
    phone: '0994-5685119',
    disclosureOffice: '五家渠市人民政府办公室',
    sortOrder: 1,
  },
  {
    code: '11659004MB19577402',
    name: '第六师五家渠市数据局',
    shortName: '师市数据局',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    address: '五家渠市长征东街1303号',
    postcode: '831300',
    officeHours: '夏季 10:00—14:00、16:00—20:00；冬季 10:00—14:00、15:30—19:30（周一至周五，节假日除外）',
    phone: '0994-5685119',
    disclosureOffice: '第六师五家渠市数据局办公室',
    sortOrder: 2,
  },
  {
    code: '11659004MB19577503',
    name: '第六师五家渠市发展和改革委员会',
    shortName: '师市发改委',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    sortOrder: 3,
  },
  {
    code: '11659004MB19577604',
    name: '第六师五家渠市自然资源和规划局',
    shortName: '师市自然资源和规划局',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    sortOrder: 4,
  },
  {
    code: '11659004MB19577705',
    name: '第六师五家渠市市场监督管理局',
    shortName: '师市市场监管局',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    sortOrder: 5,
  },
  {
    code: '11659004MB19577806',
    name: '第六师五家渠市人力资源和社会保障局',
    shortName: '师市人社局',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    sortOrder: 6,
  },
  {
    code: '11659004MB19577907',
    name: '第六师五家渠市财政局',
    shortName: '师市财政局',
    kind: 'work_department',
    parentCode: TOP_ORGANIZATION_CODE,
    sortOrder: 7,
  },
  { code: '11659004MB19578008', name: '第六师一〇一团', shortName: '一〇一团', kind: 'regiment', parentCode: TOP_ORGANIZATION_CODE, sortOrder: 20 },
  { code: '11659004MB19578109', name: '第六师一〇二团', shortName: '一〇二团', kind: 'regiment', parentCode: TOP_ORGANIZATION_CODE, sortOrder: 21 },
  { code: '11659004MB1957821X', name: '五家渠市青湖镇', shortName: '青湖镇', kind: 'town', parentCode: TOP_ORGANIZATION_CODE, sortOrder: 22 },
];
