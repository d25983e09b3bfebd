import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CATEGORY_UID, CONSUMER_SITE_UID, CONSUMER_TYPES, DELIVERY_TABLE, FEED_EVENT_TABLE, ORGANIZATION_UID, PLUGIN_ID, TOPIC_UID, typeOfUid } from '../constants';
import type { ConsumerLimits } from '../config';
import { encodeCursor } from '../domain/consumer/feed-cursor';
import { forSite, Tombstone } from '../domain/consumer/representation';
import { feedVisibility, inScope, SiteScope } from '../domain/consumer/scope';
import { changedFields, isTaxonomyEvent, Taxonomy, TaxonomyEventKind, taxonomyVisibility } from '../domain/consumer/taxonomy';
import { AUDIT_LOCK } from './audit';
import { getService } from '../utils/get-service';
import { parseJson } from '../utils/json-column';

export type FeedEventKind = 'released' | 'updated' | 'withdrawn';
export type { TaxonomyEventKind };

const POLICY_UID = CONSUMER_TYPES.policies.uid;
const INTERPRETATION_UID = CONSUMER_TYPES.interpretations.uid;

/** What deciding an event's visibility needs: everything but the stored representation. */
const VISIBILITY_COLUMNS = ['id', 'event', 'target_uid', 'organization_id', 'category_id', 'previous_organization_id', 'previous_category_id'];

/** The reference types whose changes are taxonomy events, by the name consumers know them by. */
export const TAXONOMY_OF: Record<string, Taxonomy> = { [ORGANIZATION_UID]: 'organizations', [CATEGORY_UID]: 'categories', [TOPIC_UID]: 'topics' };

/** Whom a read is for: a site's scope, and whether it asked for taxonomy events (include=taxonomy). */
export interface FeedReader {
  scope: SiteScope;
  taxonomy: boolean;
}


/**
 * The change feed and its outbox. `record` runs inside the transaction that releases, corrects or withdraws an
 * entry — after its audit event, whose advisory lock is held until commit, so feed ids are assigned in commit
 * order — and queues one webhook delivery per subscribed site that can see the event.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feed = (trx: Knex = strapi.db.connection) => trx(FEED_EVENT_TABLE);

  /**
   * A taxonomy row keeps its node's id in organization_id (organizations) or category_id (categories), and the
   * parent it was moved away from in previous_organization_id / previous_category_id.
   */
  const taxonomyVisibilityOf = (row: any, scope: SiteScope) => {
    const taxonomy = TAXONOMY_OF[row.target_uid];
    const own = taxonomy === 'organizations' ? 'organization_id' : 'category_id';
    return taxonomyVisibility(scope, {
      event: row.event,
      taxonomy,
      nodeId: taxonomy === 'topics' ? null : (row[own] ?? null),
      previousParentId: taxonomy === 'topics' ? null : (row[`previous_${own}`] ?? null),
    });
  };

  /** Entry events as before; taxonomy events only for readers that asked for them. */
  const visibilityOf = (row: any, reader: FeedReader) => {
    if (isTaxonomyEvent(row.event)) return reader.taxonomy ? taxonomyVisibilityOf(row, reader.scope) : 'hidden';
    return feedVisibility(reader.scope, {
      organizationId: row.organization_id,
      categoryId: row.category_id,
      previousOrganizationId: row.previous_organization_id,
      previousCategoryId: row.previous_category_id,
    });
  };

  /** A taxonomy event as consumers read it: the node moved out of the site's scope reads as deleted. */
  function presentTaxonomy(row: any, visibility: 'visible' | 'left_scope') {
    const stored = parseJson(row.entry) ?? {};
    const deleted = row.event === 'taxonomy.deleted' || visibility === 'left_scope';
    return {
      cursor: encodeCursor(Number(row.id)),
      event: deleted ? 'taxonomy.deleted' : row.event,
      taxonomy: TAXONOMY_OF[row.target_uid],
      documentId: row.target_document_id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      item: deleted ? null : (stored.item ?? null),
      changes: deleted ? [] : (stored.changes ?? []),
    };
  }

  /** How an event row reads for a site, or null when the site must not see it. */
  function present(row: any, scope: SiteScope, taxonomy = true) {
    const visibility = visibilityOf(row, { scope, taxonomy });
    if (visibility === 'hidden') return null;
    if (isTaxonomyEvent(row.event)) return presentTaxonomy(row, visibility);
    const type = typeOfUid(row.target_uid)!;
    const occurredAt = new Date(row.occurred_at).toISOString();
    const withdrawn = row.event === 'withdrawn' || visibility === 'left_scope';
    const stored = parseJson(row.entry);
    const entry = stored ? forSite(stored, (o, c) => inScope(scope, o, c)) : stored;
    return {
      cursor: encodeCursor(Number(row.id)),
      event: withdrawn ? 'withdrawn' : row.event,
      type,
      documentId: row.target_document_id,
      occurredAt,
      entry: withdrawn ? null : entry,
      tombstone: withdrawn
        ? (parseJson(row.tombstone) ?? { documentId: row.target_document_id, type, indexNumber: entry?.indexNumber ?? null, slug: entry?.slug ?? null, withdrawnAt: occurredAt })
        : null,
    };
  }

  return {
    present,

    async record(trx: Knex, uid: string, documentId: string, kind: FeedEventKind) {
      const type = typeOfUid(uid);
      if (!type) return null;
      const previous = await this.lastEvent(uid, documentId, trx);
      const occurredAt = new Date();
      let row: Record<string, unknown>;
      if (kind === 'withdrawn') {
        if (!previous || previous.event === 'withdrawn') return null;
        const keys = await strapi.db.query(CONSUMER_TYPES[type].uid).findOne({ where: { documentId }, select: ['indexNumber', 'slug'], orderBy: { publishedAt: 'desc' } });
        const tombstone: Tombstone = { documentId, type, indexNumber: keys?.indexNumber ?? null, slug: keys?.slug ?? null, withdrawnAt: occurredAt.toISOString() };
        row = { organization_id: null, category_id: null, version_hash: null, entry: null, tombstone: JSON.stringify(tombstone) };
      } else {
        const loaded = await getService('consumer-api', strapi).loadPublic(type, documentId, trx);
        if (!loaded) return null;
        row = { organization_id: loaded.organizationId, category_id: loaded.categoryId, version_hash: (loaded.entry.version as string) ?? null, entry: JSON.stringify(loaded.entry), tombstone: null };
      }
      if (previous) await feed(trx).where({ target_uid: uid, target_document_id: documentId, superseded: false }).update({ superseded: true, entry: null });
      const [inserted] = await feed(trx)
        .insert({
          event: kind,
          superseded: false,
          target_uid: uid,
          target_document_id: documentId,
          previous_organization_id: previous?.organization_id ?? null,
          previous_category_id: previous?.category_id ?? null,
          occurred_at: occurredAt,
          ...row,
        })
        .returning('*');
      await this.enqueueDeliveries(trx, inserted);
      await getService('consumer-cache', strapi).announce(trx, 'catalogue');
      return inserted;
    },

    /**
     * Records a release/correction/withdrawal and what it changes in related entries' representations: a policy
     * lists its released interpretations, an interpretation shows its policy.
     */
    async recordChange(trx: Knex, uid: string, documentId: string, kind: FeedEventKind) {
      const event = await this.record(trx, uid, documentId, kind);
      if (!event) return;
      if (uid === INTERPRETATION_UID) {
        const policy = await strapi.db.query(INTERPRETATION_UID).findOne({ where: { documentId, publishedAt: null }, populate: { policy: { select: ['documentId'] } } });
        if (policy?.policy?.documentId && (await this.isLive(trx, POLICY_UID, policy.policy.documentId))) await this.record(trx, POLICY_UID, policy.policy.documentId, 'updated');
      }
      if (uid === POLICY_UID) {
        const interpretations = await strapi.db.query(INTERPRETATION_UID).findMany({
          where: { publishedAt: { $notNull: true }, policy: { documentId } },
          select: ['documentId'],
        });
        for (const { documentId: id } of interpretations) await this.record(trx, INTERPRETATION_UID, id, 'updated');
      }
    },

    /**
     * Records an organization, category or topic created, changed or deleted, inside the writing transaction:
     * `before`/`after` are its representation (referenceItem) around the write. Serialized with entry events (the
     * audit lock, held until commit), so ids follow commit order. Each event carries its own change and is kept
     * (a site judges moves out of its scope by them) until the node is deleted: the deletion, which every site sees,
     * supersedes them, so a deleted node's content is not handed out again. A save that changed nothing public
     * records nothing.
     */
    async recordTaxonomy(
      trx: Knex,
      uid: string,
      documentId: string,
      before: { id: number; parentId: number | null; item: Record<string, unknown> } | null,
      after: { id: number; parentId: number | null; item: Record<string, unknown> } | null,
      /** The parent that decides whether it was in a site's scope before a move, when not `before.parentId` (a deleted parent's parent). */
      movedFrom?: number | null
    ) {
      const taxonomy = TAXONOMY_OF[uid];
      if (!taxonomy || (!before && !after)) return null;
      const kind: TaxonomyEventKind = !before ? 'taxonomy.created' : !after ? 'taxonomy.deleted' : 'taxonomy.updated';
      const changes = before && after ? changedFields(before.item, after.item) : [];
      if (kind === 'taxonomy.updated' && changes.length === 0) return null;
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
      const own = taxonomy === 'organizations' ? 'organization_id' : taxonomy === 'categories' ? 'category_id' : null;
      const moved = before && after && before.parentId !== after.parentId ? (movedFrom !== undefined ? movedFrom : before.parentId) : null;
      if (kind === 'taxonomy.deleted') await feed(trx).where({ target_uid: uid, target_document_id: documentId, superseded: false }).update({ superseded: true, entry: null });
      const [inserted] = await feed(trx)
        .insert({
          event: kind,
          superseded: false,
          target_uid: uid,
          target_document_id: documentId,
          organization_id: null,
          category_id: null,
          previous_organization_id: null,
          previous_category_id: null,
          ...(own ? { [own]: after?.id ?? null, [`previous_${own}`]: moved } : {}),
          version_hash: null,
          entry: JSON.stringify({ item: after?.item ?? null, changes }),
          tombstone: null,
          occurred_at: new Date(),
        })
        .returning('*');
      await this.enqueueDeliveries(trx, inserted);
      await getService('consumer-cache', strapi).announce(trx, 'catalogue');
      return inserted;
    },

    /** An entry's latest feed event: what consumers last heard of it (undefined if it was never released). */
    lastEvent(uid: string, documentId: string, trx: Knex = strapi.db.connection) {
      return feed(trx).where({ target_uid: uid, target_document_id: documentId }).orderBy('id', 'desc').first();
    },

    /** The current (not superseded) withdrawal whose tombstone carries this slug or 索引号, if any. */
    withdrawnWith(uid: string, key: 'slug' | 'indexNumber', value: string) {
      const field = strapi.db.dialect.client === 'postgres' ? `tombstone->>'${key}'` : `json_extract(tombstone, '$.${key}')`;
      return feed().where({ target_uid: uid, event: 'withdrawn', superseded: false }).whereRaw(`${field} = ?`, [value]).orderBy('id', 'desc').first();
    },

    async isLive(trx: Knex, uid: string, documentId: string) {
      const last = await this.lastEvent(uid, documentId, trx);
      return Boolean(last && last.event !== 'withdrawn');
    },

    async enqueueDeliveries(trx: Knex, event: any) {
      const taxonomy = isTaxonomyEvent(event.event);
      // Taxonomy webhooks are opt-in: with no site asking (a first boot's seed, say) there is nothing to judge.
      if (taxonomy && (await strapi.db.query(CONSUMER_SITE_UID).count({ where: { taxonomyEvents: true, active: true } })) === 0) return;
      // A taxonomy change may change the trees scopes are made of: judge it on the trees as this transaction left them.
      const sites = (await getService('consumer-sites', strapi).subscribers(trx, { freshTrees: taxonomy })).filter((site) => !taxonomy || site.taxonomyEvents);
      const now = new Date();
      const rows = sites
        .filter((site) => present(event, site.scope) !== null)
        .map((site) => ({ event_id: event.id, site_id: site.id, event: event.event, status: 'pending', attempts: 0, next_attempt_at: now, created_at: now, updated_at: now }));
      if (rows.length) await trx(DELIVERY_TABLE).insert(rows);
    },

    /**
     * Events after `afterId` that the site may see, in commit order; hidden events still move the cursor on, and
     * superseded ones are skipped (the entry's later event, further on, carries its current state). One request
     * examines at most `consumer.feedMaxScan` events, on their narrow columns (a site may see few of many): when
     * the bound is reached, it answers what it found with the cursor of the last event examined and hasMore, so
     * the next request continues right after it — nothing skipped, nothing repeated.
     */
    async read(afterId: number, limit: number, scope: SiteScope, { taxonomy = false }: { taxonomy?: boolean } = {}) {
      const reader: FeedReader = { scope, taxonomy };
      const { feedMaxScan } = strapi.plugin(PLUGIN_ID).config('consumer') as ConsumerLimits;
      const shownIds: number[] = [];
      let scanned = 0;
      let last = afterId;
      let exhausted = false;
      while (shownIds.length < limit && scanned < feedMaxScan) {
        const batch = Math.min(limit + 50, feedMaxScan - scanned);
        const rows = await feed().where('id', '>', last).andWhere('superseded', false).orderBy('id', 'asc').limit(batch).select(VISIBILITY_COLUMNS);
        let examined = 0;
        for (const row of rows) {
          last = Number(row.id);
          examined += 1;
          if (visibilityOf(row, reader) !== 'hidden') shownIds.push(last);
          if (shownIds.length === limit) break;
        }
        scanned += examined;
        // The end of the feed only when every row read was examined: a page that filled up mid-batch has more after it.
        if (rows.length < batch && examined === rows.length) {
          exhausted = true;
          break;
        }
      }
      // An event superseded since the scan is dropped like any superseded one: its successor lies after the cursor.
      const full = shownIds.length ? await feed().whereIn('id', shownIds).andWhere('superseded', false).orderBy('id', 'asc') : [];
      const data = full.map((row: any) => present(row, scope, taxonomy)).filter(Boolean);
      const hasMore = !exhausted && (await feed().where('id', '>', last).andWhere('superseded', false).first('id')) !== undefined;
      return { data, meta: { cursor: encodeCursor(last), hasMore } };
    },
  };
};
