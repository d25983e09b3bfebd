import type { Core } from '@strapi/strapi';
import { CATEGORY_UID, CONSUMER_TYPES, ConsumerType, FEED_EVENT_TABLE, ORGANIZATION_UID, PROACTIVE, TOPIC_UID, WORKFLOW_STATE_TABLE } from '../constants';
import { EntryRef, EntryRow, forSite, PUBLIC_FIELDS, Ref, represent, Tombstone } from '../domain/consumer/representation';
import { inScope, SiteScope, subtreeIds } from '../domain/consumer/scope';
import type { ListQuery } from '../domain/consumer/list-query';
import { disclosureError } from '../utils/disclosure-error';

const POLICY_UID = CONSUMER_TYPES.policies.uid;
const INTERPRETATION_UID = CONSUMER_TYPES.interpretations.uid;

export const typeOfUid = (uid: string): ConsumerType | undefined =>
  (Object.keys(CONSUMER_TYPES) as ConsumerType[]).find((type) => CONSUMER_TYPES[type].uid === uid);

const SORT_COLUMNS: Record<string, string> = { releasedAt: 'published_at', title: 'title', indexNumber: 'index_number', formedOrChangedAt: 'formed_or_changed_at' };

/** Catalogue columns every governed table has, selected for list items. */
const CATALOGUE_COLUMNS = ['id', 'document_id', 'title', 'index_number', 'slug', 'summary', 'keywords', 'formed_or_changed_at', 'released_on', 'published_at'];

/** Relations and components a detail needs, by attribute name (only those the type has are used). */
const DETAIL_POPULATE: Record<string, unknown> = {
  publishingOrganization: { select: ['id', 'documentId', 'name', 'code'] },
  category: { select: ['id', 'documentId', 'name', 'code'] },
  topics: { select: ['documentId', 'name', 'code'], orderBy: { code: 'asc' } },
  issuingOrganizations: { select: ['documentId', 'name', 'code'] },
  decidingOrganization: { select: ['documentId', 'name', 'code'] },
  policy: { select: ['documentId'] },
  attachments: true,
  qa: true,
  positions: true,
};

const ref = (row: any): Ref | null => (row ? { documentId: row.documentId ?? row.document_id, name: row.name, code: row.code ?? null } : null);

/**
 * The consumer API's read path: released (published), 主动公开 rows only, limited to a site's scope, shaped by the
 * domain's whitelist. Lists run as a few plain SQL queries (catalogue columns, one page, total by window function);
 * details load the full entry through the query engine.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid) as any;
  const column = (uid: string, attribute: string) => meta(uid).attributes[attribute]?.columnName ?? attribute;
  const joinOf = (uid: string, attribute: string) => meta(uid).attributes[attribute].joinTable as { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  const table = (uid: string) => meta(uid).tableName as string;
  const like = () => (strapi.db.dialect.client === 'postgres' ? 'ilike' : 'like');

  const released = (uid: string, alias = 'e') => (q: any) => q.whereNotNull(`${alias}.published_at`).andWhere(`${alias}.${column(uid, 'disclosureAttribute')}`, PROACTIVE);

  /** Resolves an organization/category/topic filter (documentId or code) to ids, with subtrees for trees. */
  async function resolveReference(uid: string, value: string, field: string, withSubtree: boolean): Promise<number[]> {
    const rows = await knex()(table(uid)).select('id').where('document_id', value).orWhere('code', value);
    if (rows.length === 0) {
      const names: Record<string, string> = { organization: '机构', category: '公开目录分类', topic: '主题分类' };
      throw disclosureError(400, 'UNKNOWN_REFERENCE', `${names[field]}“${value}”不存在`, `unknown ${field} "${value}"`, {}, [field]);
    }
    const ids = rows.map((r: any) => r.id);
    if (!withSubtree) return ids;
    const parent = joinOf(uid, 'parent');
    const all = await knex()(table(uid)).leftJoin(parent.name, `${parent.name}.${parent.joinColumn.name}`, `${table(uid)}.id`).select(`${table(uid)}.id as id`, `${parent.name}.${parent.inverseJoinColumn.name} as parent_id`);
    return subtreeIds(all.map((r: any) => ({ id: r.id, parentId: r.parent_id ?? null })), ids);
  }

  /** One type's released rows in scope, with the filters applied (no ordering/paging). */
  function baseQuery(type: ConsumerType, scope: SiteScope, filters: { organizationIds?: number[]; categoryIds?: number[]; topicIds?: number[]; query: ListQuery }, extraColumns: string[]) {
    const uid = CONSUMER_TYPES[type].uid;
    const org = joinOf(uid, 'publishingOrganization');
    const cat = joinOf(uid, 'category');
    const { query } = filters;
    const q = knex()(`${table(uid)} as e`)
      .join(`${org.name} as ol`, `ol.${org.joinColumn.name}`, 'e.id')
      .join(`${table(ORGANIZATION_UID)} as o`, 'o.id', `ol.${org.inverseJoinColumn.name}`)
      .leftJoin(`${cat.name} as cl`, `cl.${cat.joinColumn.name}`, 'e.id')
      .leftJoin(`${table(CATEGORY_UID)} as c`, 'c.id', `cl.${cat.inverseJoinColumn.name}`)
      .leftJoin(`${WORKFLOW_STATE_TABLE} as ws`, (j: any) => j.on('ws.target_document_id', 'e.document_id').andOnVal('ws.target_uid', uid))
      .where(released(uid))
      .whereIn('o.id', scope.organizationIds.length ? scope.organizationIds : [-1])
      .select(
        knex().raw('? as type', [type]),
        ...CATALOGUE_COLUMNS.map((c) => `e.${c}`),
        ...extraColumns,
        'o.document_id as org_document_id',
        'o.name as org_name',
        'o.code as org_code',
        'c.document_id as cat_document_id',
        'c.name as cat_name',
        'c.code as cat_code',
        'ws.released_hash as version'
      );
    if (scope.categoryIds) q.whereIn('c.id', scope.categoryIds.length ? scope.categoryIds : [-1]);
    if (filters.organizationIds) q.whereIn('o.id', filters.organizationIds);
    if (filters.categoryIds) q.whereIn('c.id', filters.categoryIds);
    if (filters.topicIds) {
      const topics = joinOf(uid, 'topics');
      q.whereExists((sub: any) => sub.select(knex().raw('1')).from(topics.name).whereRaw('?? = e.id', [`${topics.name}.${topics.joinColumn.name}`]).whereIn(topics.inverseJoinColumn.name, filters.topicIds));
    }
    if (query.from) q.where('e.released_on', '>=', query.from);
    if (query.to) q.where('e.released_on', '<=', query.to);
    if (query.validity && type === 'policies') q.where(`e.${column(uid, 'validity')}`, query.validity);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const searchable = ['title', 'summary', 'keywords', 'index_number', ...(type === 'policies' ? [column(uid, 'documentNumber')] : [])];
      q.where((w: any) => searchable.forEach((c) => w.orWhere(`e.${c}`, like(), pattern)));
    }
    return q;
  }

  const toRow = (r: any): EntryRow => ({
    ...r,
    documentId: r.document_id,
    indexNumber: r.index_number,
    formedOrChangedAt: r.formed_or_changed_at,
    releasedOn: r.released_on,
    publishedAt: r.published_at,
    organization: r.org_document_id ? { documentId: r.org_document_id, name: r.org_name, code: r.org_code ?? null } : null,
    category: r.cat_document_id ? { documentId: r.cat_document_id, name: r.cat_name, code: r.cat_code ?? null } : null,
    topics: [],
  });

  /** Topics of the listed rows, one query per type on the page. */
  async function attachTopics(rows: EntryRow[]) {
    for (const type of new Set(rows.map((r) => r.type as ConsumerType))) {
      const uid = CONSUMER_TYPES[type].uid;
      const topics = joinOf(uid, 'topics');
      const ofType = rows.filter((r) => r.type === type);
      const links = await knex()(`${topics.name} as l`)
        .join(`${table(TOPIC_UID)} as t`, 't.id', `l.${topics.inverseJoinColumn.name}`)
        .whereIn(`l.${topics.joinColumn.name}`, ofType.map((r) => r.id as number))
        .orderBy('t.code')
        .select(`l.${topics.joinColumn.name} as entity_id`, 't.document_id', 't.name', 't.code');
      const byEntity = new Map<number, Ref[]>();
      for (const link of links) byEntity.set(link.entity_id, [...(byEntity.get(link.entity_id) ?? []), ref(link)!]);
      for (const row of ofType) row.topics = byEntity.get(row.id as number) ?? [];
    }
  }

  /** Released interpretations of the given policies, by policy documentId. */
  async function interpretationsOf(policyDocumentIds: string[], db: any = knex()): Promise<Map<string, EntryRef[]>> {
    const out = new Map<string, EntryRef[]>();
    if (policyDocumentIds.length === 0) return out;
    const link = joinOf(INTERPRETATION_UID, 'policy');
    const rows = await db(`${table(INTERPRETATION_UID)} as i`)
      .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 'i.id')
      .join(`${table(POLICY_UID)} as p`, 'p.id', `l.${link.inverseJoinColumn.name}`)
      .where(released(INTERPRETATION_UID, 'i'))
      .whereIn('p.document_id', policyDocumentIds)
      .orderBy('i.published_at', 'asc')
      .select('p.document_id as policy_document_id', 'i.id', 'i.document_id', 'i.title', 'i.index_number', 'i.slug');
    const scopes = await scopeIdsOf(INTERPRETATION_UID, rows.map((r: any) => r.id), db);
    for (const r of rows) {
      const list = out.get(r.policy_document_id) ?? [];
      if (!list.some((e) => e.documentId === r.document_id)) list.push({ documentId: r.document_id, type: 'interpretations', title: r.title, indexNumber: r.index_number, slug: r.slug, ...scopes.get(r.id) });
      out.set(r.policy_document_id, list);
    }
    return out;
  }

  /** The released policy an interpretation points to, or null when it is not (or no longer) released. */
  async function releasedPolicyRef(policyDocumentId: string | undefined, db: any = knex()): Promise<EntryRef | null> {
    if (!policyDocumentId) return null;
    const row = await db(`${table(POLICY_UID)} as e`).where(released(POLICY_UID)).where('e.document_id', policyDocumentId).first('id', 'document_id', 'title', 'index_number', 'slug');
    if (!row) return null;
    const scopes = await scopeIdsOf(POLICY_UID, [row.id], db);
    return { documentId: row.document_id, type: 'policies', title: row.title, indexNumber: row.index_number, slug: row.slug, ...scopes.get(row.id) };
  }

  /** Organization and category ids of rows, for scoping cross-references per site. */
  async function scopeIdsOf(uid: string, ids: number[], db: any) {
    const out = new Map<number, { _organizationId: number | null; _categoryId: number | null }>();
    if (ids.length === 0) return out;
    const org = joinOf(uid, 'publishingOrganization');
    const cat = joinOf(uid, 'category');
    const rows = await db(`${table(uid)} as e`)
      .leftJoin(`${org.name} as ol`, `ol.${org.joinColumn.name}`, 'e.id')
      .leftJoin(`${cat.name} as cl`, `cl.${cat.joinColumn.name}`, 'e.id')
      .whereIn('e.id', ids)
      .select('e.id', `ol.${org.inverseJoinColumn.name} as organization_id`, `cl.${cat.inverseJoinColumn.name} as category_id`);
    for (const r of rows) out.set(r.id, { _organizationId: r.organization_id ?? null, _categoryId: r.category_id ?? null });
    return out;
  }

  async function interpretationPolicies(rows: EntryRow[]) {
    const interpretations = rows.filter((r) => r.type === 'interpretations');
    if (interpretations.length === 0) return;
    const link = joinOf(INTERPRETATION_UID, 'policy');
    const links = await knex()(`${link.name} as l`)
      .join(`${table(POLICY_UID)} as p`, 'p.id', `l.${link.inverseJoinColumn.name}`)
      .whereIn(`l.${link.joinColumn.name}`, interpretations.map((r) => r.id as number))
      .select(`l.${link.joinColumn.name} as entity_id`, 'p.document_id');
    for (const row of interpretations) {
      row.policy = await releasedPolicyRef(links.find((l: any) => l.entity_id === row.id)?.document_id);
    }
  }

  return {
    async list(types: ConsumerType[], query: ListQuery, scope: SiteScope) {
      const filters = {
        query,
        organizationIds: query.organization ? await resolveReference(ORGANIZATION_UID, query.organization, 'organization', true) : undefined,
        categoryIds: query.category ? await resolveReference(CATEGORY_UID, query.category, 'category', true) : undefined,
        topicIds: query.topic ? await resolveReference(TOPIC_UID, query.topic, 'topic', false) : undefined,
      };
      const single = types.length === 1;
      const extra = (type: ConsumerType) =>
        single ? PUBLIC_FIELDS[type].filter((f) => f.inList).map((f) => `e.${column(CONSUMER_TYPES[type].uid, f.name)} as ${f.name}`) : [];
      const parts = types.map((type) => baseQuery(type, scope, filters, extra(type)));
      const [field, direction] = query.sort.split(':');
      const offset = (query.page - 1) * query.pageSize;
      let rows: any[];
      let total: number;
      if (single) {
        rows = await parts[0]
          .select(knex().raw('count(*) over() as total_count'))
          .orderBy(`e.${SORT_COLUMNS[field]}`, direction)
          .orderBy('e.id', direction)
          .limit(query.pageSize)
          .offset(offset);
      } else {
        const union = parts.slice(1).reduce((acc: any, part: any) => acc.unionAll(part, true), parts[0]);
        rows = await knex()
          .from(union.as('u'))
          .select('u.*', knex().raw('count(*) over() as total_count'))
          .orderBy(`u.${SORT_COLUMNS[field]}`, direction)
          .orderBy('u.document_id', direction)
          .limit(query.pageSize)
          .offset(offset);
      }
      if (rows.length > 0) total = Number(rows[0].total_count);
      else if (offset === 0) total = 0;
      else {
        const counts = await Promise.all(types.map((type) => baseQuery(type, scope, filters, []).clearSelect().count({ n: '*' }).first()));
        total = counts.reduce((sum: number, c: any) => sum + Number(c?.n ?? 0), 0);
      }
      const entries = rows.map(toRow);
      await attachTopics(entries);
      if (single && types[0] === 'policies') {
        const interpretations = await interpretationsOf(entries.map((e) => e.documentId));
        for (const entry of entries) entry.interpretations = interpretations.get(entry.documentId) ?? [];
      }
      if (single && types[0] === 'interpretations') await interpretationPolicies(entries);
      const visible = (o: number | null | undefined, c: number | null | undefined) => inScope(scope, o, c);
      return {
        data: entries.map((row) => forSite(represent(row.type as string, CONSUMER_TYPES[row.type as ConsumerType].label, row, single ? 'item' : 'summary'), visible)),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) } },
      };
    },

    /**
     * The full public representation of a document's released version, whatever scope (the feed stores it once
     * for all sites), or null when it has no released 主动公开 version. Inside a release, pass its transaction:
     * plain SQL does not join it by itself.
     */
    async loadPublic(type: ConsumerType, documentId: string, db: any = knex()): Promise<{ entry: Record<string, unknown>; organizationId: number | null; categoryId: number | null } | null> {
      const uid = CONSUMER_TYPES[type].uid;
      const attributes = strapi.contentType(uid as any).attributes;
      const populate = Object.fromEntries(Object.entries(DETAIL_POPULATE).filter(([name]) => name in attributes));
      const row = await strapi.db.query(uid as any).findOne({ where: { documentId, publishedAt: { $notNull: true }, disclosureAttribute: PROACTIVE }, populate });
      if (!row) return null;
      const state = await db(WORKFLOW_STATE_TABLE).where({ target_uid: uid, target_document_id: documentId }).first('released_hash');
      const entryRow: EntryRow = {
        ...row,
        version: state?.released_hash ?? null,
        organization: ref(row.publishingOrganization),
        category: ref(row.category),
        topics: (row.topics ?? []).map(ref),
      };
      for (const name of ['issuingOrganizations']) if (name in row) entryRow[name] = (row[name] ?? []).map(ref);
      if ('decidingOrganization' in row) entryRow.decidingOrganization = ref(row.decidingOrganization);
      if (type === 'policies') entryRow.interpretations = (await interpretationsOf([documentId], db)).get(documentId) ?? [];
      if (type === 'interpretations') entryRow.policy = await releasedPolicyRef(row.policy?.documentId, db);
      return {
        entry: represent(type, CONSUMER_TYPES[type].label, entryRow, 'detail'),
        organizationId: row.publishingOrganization?.id ?? null,
        categoryId: row.category?.id ?? null,
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
      // The released row first; a withdrawn document is found through its remaining (draft) row's key.
      const found = await knex()(table(uid)).where(keyColumn, key).orderByRaw('published_at is null').first('document_id');
      if (!found) throw notFound();
      const loaded = await this.loadPublic(type, found.document_id);
      if (loaded) {
        if (!inScope(scope, loaded.organizationId, loaded.categoryId)) throw notFound();
        return forSite(loaded.entry, (o, c) => inScope(scope, o, c));
      }
      const last = await knex()(FEED_EVENT_TABLE).where({ target_uid: uid, target_document_id: found.document_id }).orderBy('id', 'desc').first();
      if (last?.event === 'withdrawn' && inScope(scope, last.previous_organization_id, last.previous_category_id)) {
        const tombstone = typeof last.tombstone === 'string' ? JSON.parse(last.tombstone) : last.tombstone;
        throw disclosureError(410, 'ENTRY_WITHDRAWN', '该信息已撤回', 'the entry was withdrawn', { tombstone: tombstone as Tombstone }, [by]);
      }
      throw notFound();
    },

    async organizations(scope: SiteScope) {
      const rows = await strapi.db.query(ORGANIZATION_UID as any).findMany({
        where: { id: { $in: scope.organizationIds.length ? scope.organizationIds : [-1] } },
        populate: { parent: { select: ['documentId'] } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      const fields = ['name', 'shortName', 'code', 'kind', 'address', 'postcode', 'officeHours', 'phone', 'fax', 'email', 'website', 'disclosureOffice', 'guide', 'sortOrder'];
      return rows.map((row: any) => ({
        documentId: row.documentId,
        ...Object.fromEntries(fields.map((f) => [f, row[f] ?? null])),
        parent: row.parent?.documentId ?? null,
      }));
    },

    async categories(scope: SiteScope) {
      const rows = await strapi.db.query(CATEGORY_UID as any).findMany({
        where: scope.categoryIds ? { id: { $in: scope.categoryIds.length ? scope.categoryIds : [-1] } } : {},
        populate: { parent: { select: ['documentId'] } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      return rows.map((row: any) => ({
        documentId: row.documentId,
        name: row.name,
        code: row.code ?? null,
        description: row.description ?? null,
        legalBasis: row.legalBasis ?? null,
        parent: row.parent?.documentId ?? null,
        sortOrder: row.sortOrder ?? null,
      }));
    },

    async topics() {
      const rows = await strapi.db.query(TOPIC_UID as any).findMany({ populate: { parent: { select: ['documentId'] } }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
      return rows.map((row: any) => ({ documentId: row.documentId, name: row.name, code: row.code ?? null, parent: row.parent?.documentId ?? null, sortOrder: row.sortOrder ?? null }));
    },
  };
};
