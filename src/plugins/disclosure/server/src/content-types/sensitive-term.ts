/** 错敏词: terms that are wrong or outdated in official text; release checks warn on them. */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'disclosure_sensitive_terms',
    info: { singularName: 'sensitive-term', pluralName: 'sensitive-terms', displayName: '错敏词', description: '发布前检查时提示的错误或过时用语' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
    attributes: {
      term: { type: 'string', required: true, unique: true, maxLength: 100, pluginOptions: { disclosure: { label: '用语', labelEn: 'Term' } } },
      suggestion: { type: 'string', maxLength: 100, pluginOptions: { disclosure: { label: '建议改为', labelEn: 'Suggestion' } } },
      note: { type: 'text', pluginOptions: { disclosure: { label: '说明', labelEn: 'Note' } } },
    },
  },
};

/** A small sample: former names of State Council bodies renamed in the 2018 reform. */
export const SAMPLE_SENSITIVE_TERMS = [
  { term: '国家质检总局', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家工商总局', suggestion: '国家市场监督管理总局', note: '2018年机构改革后不再保留' },
  { term: '国家卫生计生委', suggestion: '国家卫生健康委员会', note: '2018年机构改革后不再保留' },
  { term: '环境保护部', suggestion: '生态环境部', note: '2018年机构改革后不再保留' },
  { term: '农业部', suggestion: '农业农村部', note: '2018年机构改革后不再保留' },
  { term: '国家林业局', suggestion: '国家林业和草原局', note: '2018年机构改革后不再保留' },
];
