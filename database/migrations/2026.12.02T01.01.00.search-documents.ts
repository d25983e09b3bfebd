import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

/**
 * Full-text search over released content (services/search.ts): one row per released 主动公开 entry with its title as
 * shown (masked), its searchable texts (masked personal data taken out) and its attachments' text, and the cache of extracted attachment text by file digest.
 *
 * PostgreSQL: the segmented text as a weighted tsvector (GIN), and the plain text under a pg_trgm GIN index for
 * substrings the segmenter splits. pg_trgm is an extension: when it cannot be created (no privilege, not installed)
 * the table is created without that index and the service says so at every start (substring search then scans).
 * SQLite: an FTS5 table with the trigram tokenizer, rowid = the document row's id.
 *
 * Idempotent (IF NOT EXISTS); the tables are the plugin's own, so it does not depend on Strapi's schema sync.
 */
export async function up(knex: Knex) {
  const postgres = knex.client.dialect === 'postgresql';
  if (postgres) {
    try {
      // A savepoint: a refused CREATE EXTENSION must not abort the migration's transaction.
      await knex.transaction((trx) => trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm'));
    } catch (error) {
      // Reported by the service at boot (services/search.ts); the trigram index is skipped below.
      void error;
    }
    await knex.raw(`CREATE TABLE IF NOT EXISTS disclosure_search_documents (
      id bigserial PRIMARY KEY,
      type varchar(64) NOT NULL,
      document_id varchar(255) NOT NULL,
      organization_id integer,
      category_id integer,
      released_on date,
      published_at timestamp(6),
      index_number varchar(255),
      title text NOT NULL,
      title_text text NOT NULL DEFAULT '',
      body text NOT NULL DEFAULT '',
      attachment_text text NOT NULL DEFAULT '',
      tokens tsvector NOT NULL,
      updated_at timestamp(6) NOT NULL DEFAULT now(),
      UNIQUE (type, document_id)
    )`);
    await knex.raw('CREATE INDEX IF NOT EXISTS disclosure_search_documents_tokens_idx ON disclosure_search_documents USING gin (tokens)');
    await knex.raw('CREATE INDEX IF NOT EXISTS disclosure_search_documents_org_idx ON disclosure_search_documents (organization_id, released_on)');
    const { rows } = await knex.raw(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    if (rows.length > 0) {
      // One expression over every searchable text, so one index answers a substring anywhere.
      await knex.raw(
        `CREATE INDEX IF NOT EXISTS disclosure_search_documents_trgm_idx ON disclosure_search_documents USING gin ((title_text || ' ' || body || ' ' || attachment_text) gin_trgm_ops)`
      );
    }
    await knex.raw(`CREATE TABLE IF NOT EXISTS disclosure_attachment_texts (
      sha256 varchar(64) PRIMARY KEY,
      text text NOT NULL DEFAULT '',
      error text,
      extracted_at timestamp(6) NOT NULL DEFAULT now()
    )`);
    return;
  }
  await knex.raw(`CREATE TABLE IF NOT EXISTS disclosure_search_documents (
    id integer PRIMARY KEY AUTOINCREMENT,
    type varchar(64) NOT NULL,
    document_id varchar(255) NOT NULL,
    organization_id integer,
    category_id integer,
    released_on date,
    published_at datetime,
    index_number varchar(255),
    title text NOT NULL,
    title_text text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    attachment_text text NOT NULL DEFAULT '',
    updated_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (type, document_id)
  )`);
  await knex.raw('CREATE INDEX IF NOT EXISTS disclosure_search_documents_org_idx ON disclosure_search_documents (organization_id, released_on)');
  await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS disclosure_search_fts USING fts5(title, body, attachment_text, tokenize = 'trigram')`);
  await knex.raw(`CREATE TABLE IF NOT EXISTS disclosure_attachment_texts (
    sha256 varchar(64) PRIMARY KEY,
    text text NOT NULL DEFAULT '',
    error text,
    extracted_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP
  )`);
}
