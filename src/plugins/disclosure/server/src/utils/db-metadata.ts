import type { Core } from '@strapi/strapi';
import type { JoinTable } from '@strapi/database';

/** What raw SQL needs from Strapi's database metadata: table, column and join-table names of a model. */
export function dbMetadata(strapi: Core.Strapi) {
  const model = (uid: string) => strapi.db.metadata.get(uid);
  return {
    table: (uid: string) => model(uid).tableName,
    /** The column an attribute is stored in (relations have none: their name is returned). */
    column(uid: string, attribute: string): string {
      const found = model(uid).attributes[attribute];
      return (found && 'columnName' in found ? found.columnName : undefined) ?? attribute;
    },
    /** The link table of a relation stored in one (not a polymorphic one). */
    joinTable(uid: string, attribute: string): JoinTable {
      const found = model(uid).attributes[attribute];
      const link = found && 'joinTable' in found ? found.joinTable : undefined;
      if (!link || !('inverseJoinColumn' in link)) throw new Error(`${uid}.${attribute} has no join table`);
      return link;
    },
    /** The model a relation points to. */
    target(uid: string, attribute: string): string {
      const found = model(uid).attributes[attribute];
      if (!found || !('target' in found) || typeof found.target !== 'string') throw new Error(`${uid}.${attribute} is not a relation`);
      return found.target;
    },
  };
}
