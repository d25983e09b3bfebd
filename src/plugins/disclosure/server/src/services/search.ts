import type { Core } from '@strapi/strapi';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import type { Knex } from 'knex';
import { CONSUMER_TYPES, ConsumerType, ORGANIZATION_UID, PLUGIN_ID, PROACTIVE, typeOfUid } from '../constants';
import { REPRESENTATION_VERSION } from '../domain/consumer/representation';
import type { SiteScope } from '../domain/consumer/scope';
import {
  buildSnippet,
  ftsPhrase,
  highlightTerms,
  likePattern,
  searchableAttachmentText,
  searchableTexts,
  SEARCH_MAX_DEPTH,
  type SearchQuery,
  tsqueryLiteral,
  tsvectorLiteral,
} from '../domain/consumer/search';
import { legalDayOf } from '../domain/legal-date';
import { governedUids } from '../utils/content-type-uid';
import { dbMetadata } from '../utils/db-metadata';
import { getService } from '../utils/get-service';

export const SEARCH_TABLE = 'disclosure_search_documents';
const FTS_TABLE = 'disclosure_search_fts';
const ATTACHMENT_TEXT_TABLE = 'disclosure_attachment_texts';
/** Bumped with the representation, or when what a search row holds changes: every row is rebuilt once at boot. */
const SEARCH_VERSION = REPRESENTATION_VERSION * 100 + 1;
const STORE_KEY = { type: 'plugin', name: PLUGIN_ID, key: 'search-documents-version' };

/** Attachments larger than this are not read (KB, as the upload plugin records sizes). */
const MAX_FILE_KB = 20 * 1024;
/** Characters kept of one attachment's text, and of all of an entry's attachments. */
const MAX_FILE_TEXT = 100_000;
const MAX_ATTACHMENT_TEXT = 300_000;

let localeProblem: string | null = null;

/**
 * Why search cannot work properly on this database, or null: PostgreSQL's LC_CTYPE must be a UTF-8 locale (under
 * C, pg_trgm sees no trigrams in Chinese text). Set at boot (init); the readiness check reports it.
 */
export function searchLocaleProblem(): string | null {
  return localeProblem;
}

type Segmenter = { cut(text: string): string[]; cutForSearch(text: string): string[] };
let segmenter: Segmenter | null = null;

/** @node-rs/jieba, loaded once with its bundled dictionary (2.x: Jieba.withDict; 1.x: load()). */
export function jieba(): Segmenter {
  if (segmenter) return segmenter;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require('@node-rs/jieba');
  if (typeof mod.Jieba === 'function') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { dict } = require('@node-rs/jieba/dict');
    const instance = mod.Jieba.withDict(dict);
    segmenter = { cut: (text) => instance.cut(text, true), cutForSearch: (text) => instance.cutForSearch(text, true) };
  } else {
    mod.load();
    segmenter = { cut: (text) => mod.cut(text, true), cutForSearch: (text) => mod.cutForSearch(text, true) };
  }
  return segmenter!;
}

/** How long one attachment's extraction may run. */
const EXTRACTION_TIMEOUT_MS = 30_000;

/** The kind of text extraction a file takes, or null (not read). */
function extractionKind(name: string, mime: string | null): 'pdf' | 'docx' | null {
  const ext = path.extname(name).toLowerCase();
  if (mime === 'application/pdf' || ext === '.pdf') return 'pdf';
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' || ext === '.docx') return 'docx';
  return null;
}

/** Plain text of a PDF (unpdf) or DOCX (mammoth), extracted in a worker thread (workers/attachment-text.ts) with a time limit. */
function extractText(bytes: Buffer, kind: 'pdf' | 'docx'): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, '..', 'workers', 'attachment-text.js'), { workerData: { bytes: new Uint8Array(bytes), kind } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(Object.assign(new Error(`extraction took longer than ${EXTRACTION_TIMEOUT_MS / 1000} s`), { transient: true }));
    }, EXTRACTION_TIMEOUT_MS);
    worker.once('message', (message: { text?: string; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Exited without an answer (out of memory, a crash): a no-op when it answered or failed above.
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`extraction worker exited with code ${code}`), { transient: true }));
    });
  });
}

/**
 * Full-text search over released 主动公开 entries: one row per entry (disclosure_search_documents), written in the
 * release's transaction from the public representation (masked) and the attachments' text, removed at withdrawal.
 * PostgreSQL ranks @node-rs/jieba's segmentation in a weighted tsvector (title A, text B, attachments C) and finds
 * substrings the segmenter split through a pg_trgm index; SQLite uses FTS5's trigram tokenizer (LIKE under 3
 * characters).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const postgres = () => strapi.db.dialect.client === 'postgres';
  const { table, column } = dbMetadata(strapi);
  const api = () => getService('consumer-api', strapi);
  let trigramIndex = false;

  /** An attachment's text: from the cache by the bytes' digest, or extracted now and cached; '' when unreadable. */
  async function attachmentText(db: Knex, file: { name: string; url: string; mime: string | null; size: number | null }): Promise<string> {
    if (typeof file.url !== 'string' || !file.url.startsWith('/')) {
      // Files kept by a remote provider (no local path) are not read at release.
      return '';
    }
    const kind = extractionKind(file.name ?? '', file.mime);
    if (!kind) return '';
    if (file.size !== null && file.size > MAX_FILE_KB) {
      strapi.log.info(`[disclosure] search: attachment ${file.name} (${Math.round(file.size)} KB) is over ${MAX_FILE_KB} KB; its text is not indexed`);
      return '';
    }
    const root = path.resolve(strapi.dirs.static.public);
    const filePath = path.resolve(root, `.${file.url}`);
    if (!filePath.startsWith(`${root}${path.sep}`)) return '';
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      strapi.log.warn(`[disclosure] search: cannot read attachment ${file.url}: ${(error as Error).message}`);
      return '';
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const cached = await db(ATTACHMENT_TEXT_TABLE).where({ sha256 }).first('text');
    if (cached) return cached.text ?? '';
    let text = '';
    let failure: string | null = null;
    try {
      text = (await extractText(bytes, kind)).slice(0, MAX_FILE_TEXT);
    } catch (error) {
      failure = (error as Error).message ?? String(error);
      strapi.log.warn(`[disclosure] search: text of attachment ${file.name} could not be extracted (${failure}); the entry is indexed without it`);
      // A timeout or a crashed worker may pass next time (the next release, or a rebuild): not remembered.
      if ((error as { transient?: boolean }).transient) return '';
    }
    // PostgreSQL text cannot hold NUL.
    text = text.replace(/\u0000/g, '');
    await db(ATTACHMENT_TEXT_TABLE).insert({ sha256, text, error: failure }).onConflict('sha256').ignore();
    return text;
  }

  async function removeRow(db: Knex, type: ConsumerType, documentId: string) {
    if (!postgres()) {
      const row = await db(SEARCH_TABLE).where({ type, document_id: documentId }).first('id');
      if (row) await db(FTS_TABLE).where('rowid', row.id).del();
    }
    await db(SEARCH_TABLE).where({ type, document_id: documentId }).del();
  }

  /** The entry's row from its released version (as the public sees it), or no row when it has none. */
  async function indexDocument(db: Knex, type: ConsumerType, documentId: string) {
    const loaded = await api().loadPublic(type, documentId, db);
    if (!loaded) return removeRow(db, type, documentId);
    const { entry } = loaded;
    const { title, text } = searchableTexts(type, entry);
    const files = (Array.isArray(entry.attachments) ? entry.attachments : []) as { name: string; url: string; mime: string | null; size: number | null }[];
    let attachments = '';
    for (const file of files) {
      const extracted = await attachmentText(db, file);
      if (extracted) attachments += `${attachments ? '\n' : ''}${extracted}`;
      if (attachments.length >= MAX_ATTACHMENT_TEXT) break;
    }
    attachments = searchableAttachmentText(attachments.slice(0, MAX_ATTACHMENT_TEXT));
    const row: Record<string, unknown> = {
      type,
      document_id: documentId,
      organization_id: loaded.organizationId,
      category_id: loaded.categoryId,
      released_on: entry.releasedOn ?? null,
      published_at: entry.releasedAt ? new Date(entry.releasedAt as string) : null,
      index_number: entry.indexNumber ?? null,
      // As shown (张*丰); what is searched (title_text) has the masked data taken out.
      title: typeof entry.title === 'string' ? entry.title : title,
      title_text: title,
      body: text,
      attachment_text: attachments,
      updated_at: new Date(),
    };
    if (postgres()) {
      const cut = jieba();
      const vector = tsvectorLiteral([
        { tokens: cut.cutForSearch(title), weight: 'A' },
        { tokens: cut.cutForSearch(text), weight: 'B' },
        { tokens: cut.cutForSearch(attachments), weight: 'C' },
      ]);
      row.tokens = db.raw('?::tsvector', [vector]);
      await db(SEARCH_TABLE).insert(row).onConflict(['type', 'document_id']).merge();
      return;
    }
    await db(SEARCH_TABLE).insert(row).onConflict(['type', 'document_id']).merge();
    const { id } = await db(SEARCH_TABLE).where({ type, document_id: documentId }).first('id');
    await db(FTS_TABLE).where('rowid', id).del();
    await db(FTS_TABLE).insert({ rowid: id, title, body: text, attachment_text: attachments });
  }

  const governedTypes = () => {
    const governed = new Set(governedUids(strapi));
    return (Object.keys(CONSUMER_TYPES) as ConsumerType[]).filter((t) => governed.has(CONSUMER_TYPES[t].uid));
  };

  /** Released 主动公开 documentIds of a type, optionally only those without a search row. */
  const releasedIds = (type: ConsumerType, missingOnly: boolean) => {
    const uid = CONSUMER_TYPES[type].uid;
    const q = knex()(`${table(uid)} as e`).whereNotNull('e.published_at').where(`e.${column(uid, 'disclosureAttribute')}`, PROACTIVE).distinct('e.document_id');
    if (missingOnly) q.whereNotExists((sub: Knex.QueryBuilder) => sub.select(knex().raw('1')).from(`${SEARCH_TABLE} as s`).where('s.type', type).whereRaw('s.document_id = e.document_id'));
    return q.orderBy('e.document_id');
  };

  return {
    /** At boot: the database's locale and pg_trgm, said clearly when search cannot work as it should. */
    async init() {
      if (!postgres()) return;
      const { rows } = await knex().raw('SELECT datctype FROM pg_database WHERE datname = current_database()');
      const ctype = String(rows[0]?.datctype ?? '');
      localeProblem = /utf-?8/i.test(ctype)
        ? null
        : `数据库的 LC_CTYPE 为“${ctype}”，不是 UTF-8 区域设置（如 C.UTF-8）：中文全文检索的三元组为空，子串检索不可用 / the database's LC_CTYPE is "${ctype}", not a UTF-8 locale (such as C.UTF-8): pg_trgm finds no trigrams in Chinese text; recreate the database with LC_CTYPE C.UTF-8`;
      if (localeProblem) strapi.log.error(`[disclosure] search: ${localeProblem}`);
      const trgm = await knex().raw(`SELECT 1 FROM pg_indexes WHERE tablename = ? AND indexname = 'disclosure_search_documents_trgm_idx'`, [SEARCH_TABLE]);
      trigramIndex = trgm.rows.length > 0;
      if (!trigramIndex) {
        strapi.log.error(
          '[disclosure] search: the pg_trgm extension could not be created (CREATE EXTENSION pg_trgm needs a superuser or the extension installed): substring search runs without its index (slow on large catalogues). Run CREATE EXTENSION pg_trgm as a superuser and restart.'
        );
      }
    },

    /** Indexes a document's released version (or removes its row); call inside the transaction that released it. */
    async index(trx: Knex, uid: string, documentId: string) {
      const type = typeOfUid(uid);
      if (type) await indexDocument(trx, type, documentId);
    },

    /** Removes a withdrawn document's row; call inside the withdrawal's transaction. */
    async remove(trx: Knex, uid: string, documentId: string) {
      const type = typeOfUid(uid);
      if (type) await removeRow(trx, type, documentId);
    },

    /**
     * At boot, idempotent: released entries without a row get one, rows of entries no longer released go; after a
     * change of SEARCH_VERSION every row is rebuilt once.
     */
    async backfill() {
      const stored = Number((await strapi.store.get(STORE_KEY)) ?? 0);
      const stale = stored !== SEARCH_VERSION;
      let written = 0;
      for (const type of governedTypes()) {
        const ids: string[] = (await releasedIds(type, !stale)).map((r: any) => r.document_id);
        for (let i = 0; i < ids.length; i += 100) {
          await strapi.db.connection.transaction(async (trx) => {
            for (const documentId of ids.slice(i, i + 100)) await indexDocument(trx, type, documentId);
          });
        }
        written += ids.length;
        // Rows whose entry is no longer released (withdrawn while this code was not running).
        const uid = CONSUMER_TYPES[type].uid;
        const orphans = await knex()(`${SEARCH_TABLE} as s`)
          .where('s.type', type)
          .whereNotExists((sub: Knex.QueryBuilder) =>
            sub.select(knex().raw('1')).from(`${table(uid)} as e`).whereRaw('e.document_id = s.document_id').whereNotNull('e.published_at').where(`e.${column(uid, 'disclosureAttribute')}`, PROACTIVE)
          )
          .select('s.document_id');
        for (const { document_id } of orphans) await removeRow(knex(), type, document_id);
        written += orphans.length;
      }
      if (stale) await strapi.store.set({ ...STORE_KEY, value: SEARCH_VERSION });
      if (written > 0) await getService('consumer-cache', strapi).announceNow('catalogue');
      return written;
    },

    /** Ranked hits in the site's scope, with snippets from the masked text. */
    async search(query: SearchQuery, scope: SiteScope) {
      const consumer = api();
      const organizationIds = query.organization ? await consumer.resolveFilter('organization', query.organization) : undefined;
      const categoryIds = query.category ? await consumer.resolveFilter('category', query.category) : undefined;
      const q = query.q.trim();
      const chars = Array.from(q).length;
      const pattern = likePattern(q);
      const scoped = (builder: Knex.QueryBuilder) => {
        builder.whereIn('s.organization_id', scope.organizationIds.length ? scope.organizationIds : [-1]);
        if (scope.categoryIds) builder.whereIn('s.category_id', scope.categoryIds.length ? scope.categoryIds : [-1]);
        if (organizationIds) builder.whereIn('s.organization_id', organizationIds);
        if (categoryIds) builder.whereIn('s.category_id', categoryIds);
        if (query.type) builder.where('s.type', query.type);
        if (query.from) builder.where('s.released_on', '>=', query.from);
        if (query.to) builder.where('s.released_on', '<=', query.to);
        return builder;
      };
      const tokens = postgres() ? jieba().cut(q) : [];
      const tsquery = postgres() ? tsqueryLiteral(tokens) : null;
      let matches: Knex.QueryBuilder;
      if (postgres()) {
        const haystack = `(s.title_text || ' ' || s.body || ' ' || s.attachment_text)`;
        // The segmented words (all of them), or the text as typed anywhere (the trigram index, from 3 characters:
        // shorter patterns have no trigram to look up, and the words answer them).
        const useSubstring = chars >= 3 || !tsquery;
        matches = scoped(knex()(`${SEARCH_TABLE} as s`)).where((w: Knex.QueryBuilder) => {
          if (tsquery) w.orWhereRaw('s.tokens @@ ?::tsquery', [tsquery]);
          if (useSubstring) w.orWhereRaw(`${haystack} ILIKE ? ESCAPE '\\'`, [pattern]);
        });
        // A title containing the query as typed ranks above any body hit.
        const titleBonus = `CASE WHEN s.title_text ILIKE ? ESCAPE '\\' THEN 1 ELSE 0 END`;
        const score = tsquery ? knex().raw(`(ts_rank(s.tokens, ?::tsquery) + ${titleBonus}) AS score`, [tsquery, pattern]) : knex().raw(`(${titleBonus}) AS score`, [pattern]);
        matches.select('s.id', score, 's.published_at');
      } else if (chars >= 3) {
        matches = scoped(knex()(FTS_TABLE).join(`${SEARCH_TABLE} as s`, 's.id', `${FTS_TABLE}.rowid`))
          .whereRaw(`${FTS_TABLE} MATCH ?`, [ftsPhrase(q)])
          .select('s.id', knex().raw(`(-bm25(${FTS_TABLE}, 10.0, 2.0, 1.0) + CASE WHEN s.title_text LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END) AS score`, [pattern]), 's.published_at');
      } else {
        matches = scoped(knex()(`${SEARCH_TABLE} as s`))
          .where((w: Knex.QueryBuilder) => w.whereRaw(`s.title_text LIKE ? ESCAPE '\\'`, [pattern]).orWhereRaw(`s.body LIKE ? ESCAPE '\\'`, [pattern]).orWhereRaw(`s.attachment_text LIKE ? ESCAPE '\\'`, [pattern]))
          .select('s.id', knex().raw(`(CASE WHEN s.title_text LIKE ? ESCAPE '\\' THEN 1.0 WHEN s.body LIKE ? ESCAPE '\\' THEN 0.5 ELSE 0.25 END) AS score`, [pattern, pattern]), 's.published_at');
      }
      const offset = (query.page - 1) * query.pageSize;
      const page = knex()
        .from(matches.clone().as('m'))
        .orderBy([{ column: 'm.score', order: 'desc' }, { column: 'm.published_at', order: 'desc' }, { column: 'm.id', order: 'desc' }])
        .limit(query.pageSize)
        .offset(offset)
        .select('m.id', 'm.score');
      const counted = knex().from(matches.clone().clearSelect().select('s.id').limit(SEARCH_MAX_DEPTH + 1).as('c')).count({ n: '*' });
      const [hits, [{ n }]] = await Promise.all([page, counted]);
      const ids = hits.map((h: any) => h.id);
      const rows = ids.length
        ? await knex()(`${SEARCH_TABLE} as s`)
            .leftJoin(`${table(ORGANIZATION_UID)} as o`, 'o.id', 's.organization_id')
            .whereIn('s.id', ids)
            .select('s.id', 's.type', 's.document_id', 's.title', 's.title_text', 's.index_number', 's.released_on', 's.body', 's.attachment_text', 'o.document_id as org_document_id', 'o.name as org_name', 'o.code as org_code')
        : [];
      const byId = new Map(rows.map((r: any) => [r.id, r]));
      const terms = highlightTerms(q, tokens);
      const counted_ = Number(n);
      const totalCapped = counted_ > SEARCH_MAX_DEPTH;
      const total = totalCapped ? SEARCH_MAX_DEPTH : counted_;
      return {
        data: hits.map((hit: any) => {
          const r: any = byId.get(hit.id);
          return {
            type: r.type,
            documentId: r.document_id,
            title: r.title,
            indexNumber: r.index_number ?? null,
            releasedOn: legalDayOf(r.released_on),
            organization: r.org_document_id ? { documentId: r.org_document_id, name: r.org_name, code: r.org_code ?? null } : null,
            // Field by field (texts are stored one field or line per line): the snippet shows the field with the hit.
            snippet: buildSnippet([...String(r.body ?? '').split('\n'), ...String(r.attachment_text ?? '').split('\n'), r.title_text], terms),
            score: Math.round(Number(hit.score) * 10000) / 10000,
          };
        }),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize), ...(totalCapped ? { totalCapped } : {}) } },
      };
    },
  };
};
