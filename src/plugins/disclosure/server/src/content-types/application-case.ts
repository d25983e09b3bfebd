import { CASE_KINDS, CASE_RESULTS } from '../domain/application-vocabulary';

const label = (zh: string, en: string) => ({ disclosure: { label: zh, labelEn: en } });

/** 政府信息公开行政复议、行政诉讼案件 linked to an application (the annual report's section 四). Private like applications. */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'disclosure_application_cases',
    info: { singularName: 'application-case', pluralName: 'application-cases', displayName: '行政复议与行政诉讼', description: '政府信息公开行政复议、行政诉讼案件' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      application: { type: 'relation', relation: 'manyToOne', target: 'plugin::disclosure.application', pluginOptions: label('关联申请', 'Application') },
      kind: { type: 'enumeration', enum: [...CASE_KINDS], required: true, pluginOptions: label('案件类型', 'Kind') },
      caseNumber: { type: 'string', maxLength: 100, pluginOptions: label('案号', 'Case number') },
      filedOn: { type: 'date', required: true, pluginOptions: label('立案日期', 'Filed on') },
      result: { type: 'enumeration', enum: [...CASE_RESULTS], required: true, default: 'pending', pluginOptions: label('结果', 'Result') },
      decidedOn: { type: 'date', pluginOptions: label('审结日期', 'Decided on') },
      note: { type: 'text', maxLength: 2000, pluginOptions: label('备注', 'Note') },
    },
  },
};
