import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INDEX_NUMBER_TABLE, INDEX_SEQUENCE_TABLE, PLUGIN_ID } from '../constants';
import { formatIndexNumber, indexNumberScope, parseIndexNumberPattern, IndexNumberFacts } from '../domain/index-number';

/**
 * Hands out 索引号. The sequence row is bumped with one upsert inside the caller's
 * transaction, so concurrent creates in the same scope queue on that row and a
 * rolled-back create gives its number back unseen; every committed number is
 * recorded in the ledger (unique), so none is ever handed out twice.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const parsed = () => parseIndexNumberPattern(strapi.plugin(PLUGIN_ID).config('indexNumber.pattern') as string);
  const table = (trx: Knex.Transaction, name: string) => {
    const schema = strapi.db.getSchemaName();
    return schema ? trx(name).withSchema(schema) : trx(name);
  };

  return {
    preview(facts: IndexNumberFacts, seq: number) {
      return formatIndexNumber(parsed(), facts, seq);
    },

    async allocate(trx: Knex.Transaction, facts: IndexNumberFacts, target: { uid: string; documentId: string }): Promise<string> {
      const pattern = parsed();
      const scope = indexNumberScope(pattern, facts);
      const rows = await table(trx, INDEX_SEQUENCE_TABLE)
        .insert({ scope, last_value: 1 })
        .onConflict('scope')
        .merge({ last_value: trx.raw('??.?? + 1', [INDEX_SEQUENCE_TABLE, 'last_value']) })
        .returning('last_value');
      const seq = Number(typeof rows[0] === 'object' ? rows[0].last_value : rows[0]);
      const value = formatIndexNumber(pattern, facts, seq);
      await table(trx, INDEX_NUMBER_TABLE).insert({
        value,
        scope,
        seq,
        content_type: target.uid,
        document_id: target.documentId,
        assigned_at: new Date(),
      });
      return value;
    },
  };
};
