/** A JSON column's value: SQLite (and raw knex reads) give text, PostgreSQL's json type an object already. */
export const parseJson = <T = any>(value: unknown): T | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
