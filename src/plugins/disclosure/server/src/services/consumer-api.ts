import type { Core } from '@strapi/strapi';
import { createHash } from 'crypto';
import type { Knex } from 'knex';
import { CATEGORY_UID, CONSUMER_TYPES, ConsumerType, ORGANIZATION_UID, PLUGIN_ID, PROACTIVE, TOPIC_UID, WORKFLOW_STATE_TABLE } from '../constants';
import { EntryRef, EntryRow, forSite, PUBLIC_FIELDS, represent, Tombstone } from '../domain/consumer/representation';
import { inScope, SiteScope } from '../domain/consumer/scope';
import { queryKey, type ListQuery } from '../domain/consumer/list-query';
import { decodeListCursor, encodeListCursor, queryDigest } from '../domain/consumer/list-cursor';
import type { ConsumerLimits } from '../config';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { dbMetadata } from '../utils/db-metadata';

const POLICY_UID = CONSUMER_TYPES.policies.uid;
const INTERPRETATION_UID = CONSUMER_TYPES.interpretations.uid;

const SORT_COLUMNS: Record<string, string> = { releasedAt: 'published_at', title: 'title', indexNumber: 'index_number', formedOrChangedAt: 'formed_or_changed_at' };

/** Catalogue columns every governed table has, selected for list items. */
const CATALOGUE_COLUMNS = ['id', 'document_id', 'title', 'index_number', 'slug', 'summary', 'keywords', 'formed_or_changed_at', 'released_on', 'published_at'];

/** What a 双公示 row must carry for its natural person's name to be masked in any shape. */
const PERSON_FIELDS = new Set(['subjectType', 'subjectName']);

/** Public fields stored as columns of the entry's own table (the rest are relations, components or media). */
const COLUMN_KINDS = new Set(['scalar', 'enum', 'date', 'datetime', 'decimal', 'integer', 'report']);


/**
 * The consumer API's read path: released (published), 主动公开 rows only, limited to a site's scope, shaped by the
 * domain's whitelist. All plain SQL: a list pages on narrow rows and reads the wide columns, topics and
 * cross-references of that page only, in one statement, beside its (memoized, capped) count; a detail reads its row
 * with its relations, components, media and cross-references in one statement.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const { table, column, joinTable: joinOf, target } = dbMetadata(strapi);
  const like = () => (strapi.db.dialect.client === 'postgres' ? 'ilike' : 'like');
  const countCap = () => {
    const { listCountCap, listMaxDepth } = strapi.plugin(PLUGIN_ID).config('consumer') as ConsumerLimits;
    return Math.min(listCountCap, listMaxDepth);
  };
  // List cursors are signed with the app's first key: a consumer can neither forge nor edit one.
  const cursorSecret = () => `list-cursor:${(strapi.config.get('server.app.keys') as string[])[0]}`;


  /**
   * Runs a read outside any transaction. On PostgreSQL as a named prepared statement: these statements join half a
   * dozen tables, and planning them costs more than running them; a prepared statement is planned on its first
   * executions on a connection, then runs on its cached plan. The name is the text's hash, so a shape is prepared
   * once per connection.
   */
  async function read(query: any): Promise<any[]> {
    if (strapi.db.dialect.client !== 'postgres') return query;
    const { sql, bindings } = query.toSQL().toNative();
    const client = knex().client;
    const connection = await client.acquireConnection();
    try {
      const name = `gongkai_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
      return (await connection.query({ name, text: sql, values: bindings })).rows;
    } finally {
      await client.releaseConnection(connection);
    }
  }

  /*
   * Related values are read in the row's own statement, as correlated subqueries that build JSON (one per dialect):
   * a list page or a detail is one round trip however many relations the type has. Names come from Strapi's
   * metadata and literals from constants, never from a request.
   */
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const pairsOf = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([key, sql]) => `${literal(key)}, ${sql}`)
      .join(', ');
  /** A JSON array of objects, '[]' when there are none. */
  const jsonArray = (fields: Record<string, string>, from: string, where: string, orderBy: string) =>
    strapi.db.dialect.client === 'postgres'
      ? `(SELECT coalesce(json_agg(json_build_object(${pairsOf(fields)}) ORDER BY ${orderBy}), '[]'::json) FROM ${from} WHERE ${where})`
      : `(SELECT coalesce(json_group_array(json(j)), '[]') FROM (SELECT json_object(${pairsOf(fields)}) AS j FROM ${from} WHERE ${where} ORDER BY ${orderBy}))`;
  /** The first matching object as JSON, or null. */
  const jsonObject = (fields: Record<string, string>, from: string, where: string, orderBy: string) =>
    `(SELECT ${strapi.db.dialect.client === 'postgres' ? 'json_build_object' : 'json_object'}(${pairsOf(fields)}) FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT 1)`;
  /** PostgreSQL hands JSON back parsed, SQLite as text. */
  const fromJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));
  const refFields = (alias: string) => ({ documentId: `${alias}.document_id`, name: `${alias}.name`, code: `${alias}.code` });
  /** The one rule for what the public sees: the released row of a 主动公开 entry (as SQL for subqueries, or a builder step). */
  const releasedWhere = (uid: string, alias: string) => `${alias}.published_at IS NOT NULL AND ${alias}.${ident(column(uid, 'disclosureAttribute'))} = ${literal(PROACTIVE)}`;
  const released = (uid: string, alias = 'e') => (q: Knex.QueryBuilder) => q.whereRaw(releasedWhere(uid, alias));

  /** A row's topics, ordered by code. */
  function topicsSql(uid: string) {
    const link = joinOf(uid, 'topics');
    return jsonArray(refFields('t'), `${ident(link.name)} tl JOIN ${ident(table(TOPIC_UID))} t ON t.id = tl.${ident(link.inverseJoinColumn.name)}`, `tl.${ident(link.joinColumn.name)} = e.id`, 't.code, t.id');
  }

  /** A cross-reference to a released entry, with its scope (dropped per site by forSite). */
  function crossRefFields(uid: string, alias: string, ol: string, cl: string) {
    return {
      documentId: `${alias}.document_id`,
      title: `${alias}.title`,
      indexNumber: `${alias}.index_number`,
      slug: `${alias}.slug`,
      _organizationId: `${ol}.${ident(joinOf(uid, 'publishingOrganization').inverseJoinColumn.name)}`,
      _categoryId: `${cl}.${ident(joinOf(uid, 'category').inverseJoinColumn.name)}`,
    };
  }
  const scopeJoins = (uid: string, alias: string, ol: string, cl: string) => {
    const org = joinOf(uid, 'publishingOrganization');
    const cat = joinOf(uid, 'category');
    return `LEFT JOIN ${ident(org.name)} ${ol} ON ${ol}.${ident(org.joinColumn.name)} = ${alias}.id LEFT JOIN ${ident(cat.name)} ${cl} ON ${cl}.${ident(cat.joinColumn.name)} = ${alias}.id`;
  };

  /** A policy's released interpretations (linked from any row of the policy), oldest release first. */
  function interpretationsSql() {
    const link = joinOf(INTERPRETATION_UID, 'policy');
    const from = `${ident(table(INTERPRETATION_UID))} i JOIN ${ident(link.name)} l ON l.${ident(link.joinColumn.name)} = i.id JOIN ${ident(table(POLICY_UID))} p ON p.id = l.${ident(link.inverseJoinColumn.name)} ${scopeJoins(INTERPRETATION_UID, 'i', 'iol', 'icl')}`;
    return jsonArray(crossRefFields(INTERPRETATION_UID, 'i', 'iol', 'icl'), from, `p.document_id = e.document_id AND ${releasedWhere(INTERPRETATION_UID, 'i')}`, 'i.published_at, i.id');
  }

  /** An interpretation's policy, when that policy is released (its released row, whichever row the link names). */
  function policySql() {
    const link = joinOf(INTERPRETATION_UID, 'policy');
    const policies = ident(table(POLICY_UID));
    const from = `${ident(link.name)} l JOIN ${policies} p0 ON p0.id = l.${ident(link.inverseJoinColumn.name)} JOIN ${policies} p ON p.document_id = p0.document_id ${scopeJoins(POLICY_UID, 'p', 'pol', 'pcl')}`;
    return jsonObject(crossRefFields(POLICY_UID, 'p', 'pol', 'pcl'), from, `l.${ident(link.joinColumn.name)} = e.id AND ${releasedWhere(POLICY_UID, 'p')}`, 'p.id');
  }

  /** Relations, components and media of the row `e`, as JSON. */
  function relatedSql(uid: string, field: { name: string; kind: string }) {
    if (field.kind === 'media') {
      const fields = { name: 'f.name', url: 'f.url', mime: 'f.mime', size: 'f.size' };
      const from = `files_related_mph m JOIN ${ident(table('plugin::upload.file'))} f ON f.id = m.file_id`;
      return jsonArray(fields, from, `m.related_id = e.id AND m.related_type = ${literal(uid)} AND m.field = ${literal(field.name)}`, 'm."order", m.id');
    }
    const link = joinOf(uid, field.name);
    const targetUid = target(uid, field.name);
    const targetTable = ident(table(targetUid));
    if (field.kind === 'qa' || field.kind === 'positions') {
      const names = field.kind === 'qa' ? ['question', 'answer'] : ['name', 'headcount', 'requirements'];
      const fields = Object.fromEntries(names.map((n) => [n, `c.${ident(column(targetUid, n))}`]));
      const from = `${ident(link.name)} l JOIN ${targetTable} c ON c.id = l.${ident(link.inverseJoinColumn.name)}`;
      return jsonArray(fields, from, `l.${ident(link.joinColumn.name)} = e.id AND l.field = ${literal(field.name)}`, `l.${ident(link.orderColumnName ?? 'order')}, l.id`);
    }
    const from = `${ident(link.name)} l JOIN ${targetTable} t ON t.id = l.${ident(link.inverseJoinColumn.name)}`;
    const where = `l.${ident(link.joinColumn.name)} = e.id`;
    const orderBy = link.orderColumnName ? `l.${ident(link.orderColumnName)}, t.id` : 't.id';
    return field.kind === 'ref' ? jsonObject(refFields('t'), from, where, orderBy) : jsonArray(refFields('t'), from, where, orderBy);
  }

  /** Cross-references a single-type read carries: a policy's interpretations, an interpretation's policy. */
  const crossRefsSql = (type: ConsumerType, db: any) =>
    type === 'policies' ? [db.raw(`${interpretationsSql()} as interpretations_json`)] : type === 'interpretations' ? [db.raw(`${policySql()} as policy_json`)] : [];

  /** The cross-references as the representation takes them; interpretations once each. */
  function crossRefs(row: Record<string, unknown>, wide: any) {
    if (wide.interpretations_json !== undefined) {
      const seen = new Set<string>();
      row.interpretations = (fromJson(wide.interpretations_json) as EntryRef[])
        .filter((r) => !seen.has(r.documentId) && seen.add(r.documentId))
        .map((r) => ({ documentId: r.documentId, type: 'interpretations', title: r.title, indexNumber: r.indexNumber, slug: r.slug, _organizationId: r._organizationId ?? null, _categoryId: r._categoryId ?? null }));
    }
    if (wide.policy_json !== undefined) {
      const p = fromJson(wide.policy_json) as EntryRef | null;
      row.policy = p ? { documentId: p.documentId, type: 'policies', title: p.title, indexNumber: p.indexNumber, slug: p.slug, _organizationId: p._organizationId ?? null, _categoryId: p._categoryId ?? null } : null;
    }
  }

  /** Resolves an organization/category/topic filter (documentId or code) to ids, with subtrees for trees. */
  async function resolveReference(uid: string, value: string, field: string, withSubtree: boolean): Promise<number[]> {
    const rows = await knex()(table(uid)).select('id').where('document_id', value).orWhere('code', value);
    if (rows.length === 0) {
      const names: Record<string, string> = { organization: '机构', category: '公开目录分类', topic: '主题分类' };
      throw disclosureError(400, 'UNKNOWN_REFERENCE', `${names[field]}“${value}”不存在`, `unknown ${field} "${value}"`, {}, [field]);
    }
    const ids = rows.map((r: any) => r.id);
    if (!withSubtree) return ids;
    return getService('consumer-sites', strapi).subtree(uid === ORGANIZATION_UID ? 'organization' : 'category', ids);
  }

  type Filters = { organizationIds?: number[]; categoryIds?: number[]; topicIds?: number[]; query: ListQuery };

  /**
   * One type's released rows in scope with the filters applied, on narrow columns only (the entry table and its
   * organization/category link rows): paging and counting run on this, the wide columns are joined for one page.
   */
  function narrowQuery(type: ConsumerType, scope: SiteScope, filters: Filters) {
    const uid = CONSUMER_TYPES[type].uid;
    const org = joinOf(uid, 'publishingOrganization');
    const cat = joinOf(uid, 'category');
    const orgId = `ol.${org.inverseJoinColumn.name}`;
    const catId = `cl.${cat.inverseJoinColumn.name}`;
    const { query } = filters;
    const q = knex()(`${table(uid)} as e`)
      .join(`${org.name} as ol`, `ol.${org.joinColumn.name}`, 'e.id')
      .where(released(uid))
      .whereIn(orgId, scope.organizationIds.length ? scope.organizationIds : [-1]);
    if (scope.categoryIds || filters.categoryIds) q.join(`${cat.name} as cl`, `cl.${cat.joinColumn.name}`, 'e.id');
    if (scope.categoryIds) q.whereIn(catId, scope.categoryIds.length ? scope.categoryIds : [-1]);
    if (filters.organizationIds) q.whereIn(orgId, filters.organizationIds);
    if (filters.categoryIds) q.whereIn(catId, filters.categoryIds);
    const { topicIds } = filters;
    if (topicIds) {
      const topics = joinOf(uid, 'topics');
      q.whereExists((sub: Knex.QueryBuilder) => sub.select(knex().raw('1')).from(topics.name).whereRaw('?? = e.id', [`${topics.name}.${topics.joinColumn.name}`]).whereIn(topics.inverseJoinColumn.name, topicIds));
    }
    if (query.from) q.where('e.released_on', '>=', query.from);
    if (query.to) q.where('e.released_on', '<=', query.to);
    if (query.validity && type === 'policies') q.where(`e.${column(uid, 'validity')}`, query.validity);
    if (query.q) {
      // Only the released row's public search text (masked as shown, see search-index): never the raw columns.
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.where(`e.${column(uid, 'publicSearchText')}`, like(), pattern);
    }
    return q;
  }

  /** Released rows of one type with their catalogue columns, organization, category and version; callers pick the rows. */
  function wideRows(type: ConsumerType, extraColumns: (string | Knex.Raw)[], db: Knex = knex()) {
    const uid = CONSUMER_TYPES[type].uid;
    const org = joinOf(uid, 'publishingOrganization');
    const cat = joinOf(uid, 'category');
    return db(`${table(uid)} as e`)
      .join(`${org.name} as ol`, `ol.${org.joinColumn.name}`, 'e.id')
      .join(`${table(ORGANIZATION_UID)} as o`, 'o.id', `ol.${org.inverseJoinColumn.name}`)
      .leftJoin(`${cat.name} as cl`, `cl.${cat.joinColumn.name}`, 'e.id')
      .leftJoin(`${table(CATEGORY_UID)} as c`, 'c.id', `cl.${cat.inverseJoinColumn.name}`)
      .leftJoin(`${WORKFLOW_STATE_TABLE} as ws`, (j: Knex.JoinClause) => j.on('ws.target_document_id', 'e.document_id').andOnVal('ws.target_uid', uid))
      .where(released(uid))
      .select(
        db.raw('? as type', [type]),
        ...CATALOGUE_COLUMNS.map((c) => `e.${c}`),
        ...extraColumns,
        'o.document_id as org_document_id',
        'o.name as org_name',
        'o.code as org_code',
        'c.document_id as cat_document_id',
        'c.name as cat_name',
        'c.code as cat_code',
        'ws.released_hash as version',
        db.raw(`${topicsSql(uid)} as topics_json`)
      );
  }

  /**
   * The row as the representation reads it. Completed in place (the row is this read's own): copying a row of thirty
   * columns with a spread made V8 build a dictionary-mode object, about 10 kB of garbage per row of a list.
   */
  const toRow = (r: any): EntryRow =>
    Object.assign(r, {
      documentId: r.document_id,
      indexNumber: r.index_number,
      formedOrChangedAt: r.formed_or_changed_at,
      releasedOn: r.released_on,
      publishedAt: r.published_at,
      organization: r.org_document_id ? { documentId: r.org_document_id, name: r.org_name, code: r.org_code ?? null } : null,
      category: r.cat_document_id ? { documentId: r.cat_document_id, name: r.cat_name, code: r.cat_code ?? null } : null,
      topics: fromJson(r.topics_json) ?? [],
    });

  return {
    /** An organization or category filter (documentId or code) as ids with their subtrees, as lists resolve it (search uses it too). */
    resolveFilter: (field: 'organization' | 'category', value: string) => resolveReference(field === 'organization' ? ORGANIZATION_UID : CATEGORY_UID, value, field, true),

    async list(types: ConsumerType[], query: ListQuery, scope: SiteScope) {
      const filters = {
        query,
        organizationIds: query.organization ? await resolveReference(ORGANIZATION_UID, query.organization, 'organization', true) : undefined,
        categoryIds: query.category ? await resolveReference(CATEGORY_UID, query.category, 'category', true) : undefined,
        topicIds: query.topic ? await resolveReference(TOPIC_UID, query.topic, 'topic', false) : undefined,
      };
      const single = types.length === 1;
      // A summary of a 双公示 record still needs its subject: a natural person's name is masked in the title too.
      const needed = (type: ConsumerType, f: { name: string; inList?: boolean }) => (single ? f.inList : type === 'dual-publicity-records' && PERSON_FIELDS.has(f.name));
      const extra = (type: ConsumerType) => PUBLIC_FIELDS[type].filter((f) => needed(type, f)).map((f) => `e.${column(CONSUMER_TYPES[type].uid, f.name)} as ${f.name}`);
      const [field, direction] = query.sort.split(':');
      const sortColumn = SORT_COLUMNS[field];
      // Keyset pagination runs on the released order only: published_at is set on every released row, and the
      // partial index (published_at, id) serves it; a page then costs a page however deep it lies.
      const keyset = field === 'releasedAt';
      const tieColumn = single ? 'id' : 'document_id';
      const digest = queryDigest(queryKey({ ...query, page: undefined, cursor: undefined, types: types.join(',') }));
      const after = query.cursor ? decodeListCursor(query.cursor, cursorSecret(), digest) : undefined;
      if (after === null || (after && !keyset)) {
        throw disclosureError(400, 'INVALID_CURSOR', '游标无效：请使用同一查询上一页 meta.pagination.nextCursor 的值', 'invalid cursor; use meta.pagination.nextCursor of the same query', {}, ['cursor']);
      }
      // PostgreSQL returns timestamps rounded to the millisecond: the cursor keeps the exact text, read back as the column's type.
      const exactKey = strapi.db.dialect.client === 'postgres' ? knex().raw('e.published_at::text as cursor_key') : 'e.published_at as cursor_key';
      const operator = direction === 'desc' ? '<' : '>';
      // The page's (type, id) in order, from the narrow rows of every type, one row more to know whether a next page exists.
      const keys = types.map((type) => {
        // One type reads its document_id and cursor key with the wide row: the keys of the page (and the rows an offset
        // skips) then come from the released-order index alone, without visiting the table.
        const part = narrowQuery(type, scope, filters).select(knex().raw('? as type', [type]), 'e.id', `e.${sortColumn} as sort_key`, ...(single ? [] : ['e.document_id', exactKey]));
        if (after) part.whereRaw(`(e.published_at, e.${tieColumn}) ${operator} (?, ?)`, [after.releasedAt, after.tieBreaker]);
        return part;
      });
      // Unwrapped: SQLite takes no parentheses around the members of a UNION.
      const union = keys.slice(1).reduce((acc: any, part: any) => acc.unionAll(part), keys[0]);
      const pageNumber = after ? after.page : query.page;
      const pageQuery = (single ? union : knex().from(union.as('u')).select('*'))
        .orderBy(single ? `e.${sortColumn}` : 'sort_key', direction)
        .orderBy(single ? 'e.id' : 'document_id', direction)
        .limit(query.pageSize + 1)
        .offset(after ? 0 : (query.page - 1) * query.pageSize);
      // Counting is exact up to listCountCap, then reported as capped: an exact count would read every in-scope row
      // on every request, and a page must cost what a page costs.
      const cap = countCap();
      const capped = async (type: ConsumerType) => (await read(knex().from(narrowQuery(type, scope, filters).select('e.id').limit(cap + 1).as('c')).count({ n: '*' })))[0];
      // The total does not depend on the page, its size or the order: one count per scope and filters per catalogue generation.
      const countKey = createHash('sha256')
        .update(JSON.stringify([scope.organizationIds, scope.categoryIds, cap, queryKey({ ...query, page: undefined, cursor: undefined, pageSize: undefined, sort: undefined, types: types.join(',') })]))
        .digest('base64url');
      const countAll = async () => (await Promise.all(types.map(capped))).reduce((sum: number, c: any) => sum + Number(c?.n ?? 0), 0);
      // One type: the page's wide rows in the same statement as its keys (one round trip less per request).
      const widePage = () => wideRows(types[0], [...extra(types[0]), exactKey, ...crossRefsSql(types[0], knex())]);
      const pageRows = !single
        ? pageQuery
        : strapi.db.dialect.client === 'postgres'
          ? // Each key of the page drives its wide row (LATERAL): the statement runs on its generic plan, which cannot
            // know the page size, and must not turn into hash joins over every in-scope row.
            knex()
              .select('w.*')
              .from(pageQuery.as('p'))
              .joinRaw('CROSS JOIN LATERAL ? AS w', [widePage().whereRaw('e.id = p.id')])
              .orderBy('p.sort_key', direction)
              .orderBy('p.id', direction)
          : widePage().whereIn('e.id', knex().from(pageQuery.as('p')).select('p.id')).orderBy(`e.${sortColumn}`, direction).orderBy('e.id', direction);
      const [fetched, counted] = await Promise.all([read(pageRows), getService('consumer-cache', strapi).memo(`count|${countKey}`, async () => String(await countAll())).then(Number)]);
      const page = fetched.slice(0, query.pageSize);
      const totalCapped = counted > cap;
      const total = totalCapped ? cap : counted;
      const last: any = page[page.length - 1];
      const nextCursor =
        keyset && fetched.length > query.pageSize
          ? encodeListCursor({ releasedAt: last.cursor_key instanceof Date ? last.cursor_key.toISOString() : last.cursor_key, tieBreaker: single ? last.id : last.document_id, page: pageNumber + 1, query: digest }, cursorSecret())
          : null;
      const wide = single
        ? [page]
        : await Promise.all(
            types.filter((type) => page.some((r: any) => r.type === type)).map((type) => read(wideRows(type, extra(type)).whereIn('e.id', page.filter((r: any) => r.type === type).map((r: any) => r.id))))
          );
      const byKey = new Map(wide.flat().map((r: any) => [`${r.type}:${r.id}`, r]));
      const rows = page.map((r: any) => byKey.get(`${r.type}:${r.id}`)).filter(Boolean);
      const entries: EntryRow[] = rows.map((r: any) => {
        const entry = toRow(r);
        crossRefs(entry, r);
        return entry;
      });
      const visible = (o: number | null | undefined, c: number | null | undefined) => inScope(scope, o, c);
      return {
        data: entries.map((row) => forSite(represent(row.type as string, CONSUMER_TYPES[row.type as ConsumerType].label, row, single ? 'item' : 'summary'), visible)),
        meta: { pagination: { page: pageNumber, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize), ...(totalCapped ? { totalCapped } : {}), nextCursor } },
      };
    },

    /**
     * The full public representation of a document's released version, whatever scope (the feed stores it once
     * for all sites), or null when it has no released 主动公开 version. Inside a release, pass its transaction:
     * plain SQL does not join it by itself.
     */
    async loadPublic(type: ConsumerType, documentId: string, db: Knex = knex()): Promise<{ entry: Record<string, unknown>; organizationId: number | null; categoryId: number | null } | null> {
      const uid = CONSUMER_TYPES[type].uid;
      const fields = PUBLIC_FIELDS[type];
      const columns = fields.filter((f) => COLUMN_KINDS.has(f.kind)).map((f) => `e.${column(uid, f.name)} as ${f.name}`);
      const relations = fields.filter((f) => !COLUMN_KINDS.has(f.kind)).map((f) => db.raw(`${relatedSql(uid, f)} as ??`, [`${f.name}_json`]));
      const orgColumn = `ol.${joinOf(uid, 'publishingOrganization').inverseJoinColumn.name} as organization_id`;
      const catColumn = `cl.${joinOf(uid, 'category').inverseJoinColumn.name} as category_id`;
      // One statement: the row, its relations, components, media and cross-references.
      const query = wideRows(type, [...columns, ...relations, ...crossRefsSql(type, db), orgColumn, catColumn], db).where('e.document_id', documentId);
      // Inside a transaction (a release recording its feed event) the read must see the transaction's writes.
      const [wide] = db === knex() ? await read(query) : await query.limit(1);
      if (!wide) return null;
      const entryRow = toRow(wide);
      for (const f of fields) if (!COLUMN_KINDS.has(f.kind)) entryRow[f.name] = fromJson(wide[`${f.name}_json`]);
      crossRefs(entryRow, wide);
      return {
        entry: represent(type, CONSUMER_TYPES[type].label, entryRow, 'detail'),
        organizationId: wide.organization_id ?? null,
        categoryId: wide.category_id ?? null,
      };
    },

    /**
     * One entry by documentId, slug or 索引号 for a site: the entry, or 410 with a tombstone when it was withdrawn
     * (and was in the site's scope), or 404 — for unknown and out-of-scope entries alike.
     */
    async detail(type: ConsumerType, by: 'documentId' | 'slug' | 'indexNumber', key: string, scope: SiteScope) {
      const uid = CONSUMER_TYPES[type].uid;
      const notFound = () => disclosureError(404, 'ENTRY_NOT_FOUND', '信息不存在或不在本网站的公开范围内', 'no such entry in this site’s scope', {}, [by]);
      const keyColumn = { documentId: 'document_id', slug: 'slug', indexNumber: 'index_number' }[by];
      // By documentId the released version is read straight away; a slug or 索引号 resolves through released rows
      // only: a draft's (an unreleased correction's) values must not answer.
      const documentId = by === 'documentId' ? key : (await knex()(table(uid)).where(keyColumn, key).whereNotNull('published_at').first('document_id'))?.document_id;
      const loaded = documentId ? await this.loadPublic(type, documentId) : null;
      if (loaded) {
        if (!inScope(scope, loaded.organizationId, loaded.categoryId)) throw notFound();
        return forSite(loaded.entry, (o, c) => inScope(scope, o, c));
      }
      // Not released: a withdrawn entry answers with its tombstone, found by the keys it had when it was withdrawn.
      const feed = getService('feed', strapi);
      const last = by === 'documentId' ? await feed.lastEvent(uid, key) : await feed.withdrawnWith(uid, by, key);
      if (last?.event === 'withdrawn' && inScope(scope, last.previous_organization_id, last.previous_category_id)) {
        const tombstone: Tombstone = typeof last.tombstone === 'string' ? JSON.parse(last.tombstone) : last.tombstone;
        throw disclosureError(410, 'ENTRY_WITHDRAWN', '该信息已撤回', 'the entry was withdrawn', { tombstone }, [by]);
      }
      throw notFound();
    },

    /**
     * Released rows of one type as their list item shows them (masked), with the rows' ids: what the search text is
     * derived from. `pick` narrows the rows (one document, or those not indexed yet). Inside a release, pass its
     * transaction.
     */
    async publicItems(type: ConsumerType, pick: (query: any) => void, db: Knex = knex()): Promise<{ id: number; item: Record<string, unknown> }[]> {
      const uid = CONSUMER_TYPES[type].uid;
      const columns = PUBLIC_FIELDS[type].filter((f) => f.inList).map((f) => `e.${column(uid, f.name)} as ${f.name}`);
      const query = wideRows(type, columns, db);
      pick(query);
      const rows = await query;
      return rows.map((r: any) => ({ id: r.id as number, item: represent(type, CONSUMER_TYPES[type].label, toRow(r), 'item') }));
    },

    async organizations(scope: SiteScope) {
      const rows = await strapi.db.query(ORGANIZATION_UID).findMany({
        where: { id: { $in: scope.organizationIds.length ? scope.organizationIds : [-1] } },
        populate: { parent: { select: ['documentId'] } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      return rows.map(REFERENCE_REPRESENTATION[ORGANIZATION_UID]);
    },

    async categories(scope: SiteScope) {
      const rows = await strapi.db.query(CATEGORY_UID).findMany({
        where: scope.categoryIds ? { id: { $in: scope.categoryIds.length ? scope.categoryIds : [-1] } } : {},
        populate: { parent: { select: ['documentId'] } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      return rows.map(REFERENCE_REPRESENTATION[CATEGORY_UID]);
    },

    async topics() {
      const rows = await strapi.db.query(TOPIC_UID).findMany({ populate: { parent: { select: ['documentId'] } }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
      return rows.map(REFERENCE_REPRESENTATION[TOPIC_UID]);
    },

    /**
     * One organization, category or topic as the lists show it, with its id and its parent's (what the taxonomy
     * feed scopes by); null when it does not exist. Inside a transaction, reads what it wrote.
     */
    async referenceItem(uid: ReferenceUid, documentId: string): Promise<{ id: number; parentId: number | null; item: Record<string, unknown> } | null> {
      const row = await strapi.db.query(uid).findOne({ where: { documentId }, populate: { parent: { select: ['id', 'documentId'] } } });
      return row ? { id: row.id, parentId: row.parent?.id ?? null, item: REFERENCE_REPRESENTATION[uid](row) } : null;
    },
  };
};

type ReferenceUid = typeof ORGANIZATION_UID | typeof CATEGORY_UID | typeof TOPIC_UID;

const ORGANIZATION_FIELDS = ['name', 'shortName', 'code', 'kind', 'address', 'postcode', 'officeHours', 'phone', 'fax', 'email', 'website', 'disclosureOffice', 'guide', 'sortOrder'];

/** Reference data as consumers read it: the lists (/organizations, /categories, /topics) and the taxonomy feed alike. */
export const REFERENCE_REPRESENTATION: Record<ReferenceUid, (row: any) => Record<string, unknown>> = {
  [ORGANIZATION_UID]: (row) => ({
    documentId: row.documentId,
    ...Object.fromEntries(ORGANIZATION_FIELDS.map((f) => [f, row[f] ?? null])),
    parent: row.parent?.documentId ?? null,
  }),
  [CATEGORY_UID]: (row) => ({
    documentId: row.documentId,
    name: row.name,
    code: row.code ?? null,
    description: row.description ?? null,
    legalBasis: row.legalBasis ?? null,
    parent: row.parent?.documentId ?? null,
    sortOrder: row.sortOrder ?? null,
  }),
  [TOPIC_UID]: (row) => ({ documentId: row.documentId, name: row.name, code: row.code ?? null, parent: row.parent?.documentId ?? null, sortOrder: row.sortOrder ?? null }),
};
