import { INDEX_NUMBER_TABLE, INDEX_SEQUENCE_TABLE } from '../constants';

/** Database-only models (no content-manager, no API) behind the 索引号 generator. */
export const indexSequenceModel = {
  uid: 'plugin::disclosure.index-sequence',
  singularName: 'index-sequence',
  tableName: INDEX_SEQUENCE_TABLE,
  attributes: {
    id: { type: 'increments' },
    scope: { type: 'string', column: { notNullable: true } },
    lastValue: { type: 'integer', column: { notNullable: true } },
  },
  indexes: [{ name: 'disclosure_index_sequences_scope_uq', columns: ['scope'], type: 'unique' }],
};

export const indexNumberModel = {
  uid: 'plugin::disclosure.index-number',
  singularName: 'index-number',
  tableName: INDEX_NUMBER_TABLE,
  attributes: {
    id: { type: 'increments' },
    value: { type: 'string', column: { notNullable: true } },
    scope: { type: 'string', column: { notNullable: true } },
    seq: { type: 'integer', column: { notNullable: true } },
    contentType: { type: 'string', column: { notNullable: true } },
    documentId: { type: 'string', column: { notNullable: true } },
    assignedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'disclosure_index_numbers_value_uq', columns: ['value'], type: 'unique' },
    { name: 'disclosure_index_numbers_document_idx', columns: ['content_type', 'document_id'] },
  ],
};
