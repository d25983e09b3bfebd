/**
 * 节假日与调休上班日: the working-day calendar as data. A year counts as entered
 * (no longer provisional) once it has at least one day here.
 */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'disclosure_calendar_days',
    info: { singularName: 'calendar-day', pluralName: 'calendar-days', displayName: '节假日安排', description: '国务院办公厅节假日安排通知中的放假日与调休上班日' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
    attributes: {
      date: { type: 'date', required: true, unique: true, pluginOptions: { disclosure: { label: '日期', labelEn: 'Date' } } },
      kind: { type: 'enumeration', enum: ['holiday', 'workday'], required: true, pluginOptions: { disclosure: { label: '类型', labelEn: 'Kind' } } },
      name: { type: 'string', required: true, maxLength: 50, pluginOptions: { disclosure: { label: '节日', labelEn: 'Holiday name' } } },
      source: { type: 'string', maxLength: 200, pluginOptions: { disclosure: { label: '依据通知', labelEn: 'Source notice' } } },
    },
  },
};
