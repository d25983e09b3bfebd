import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AUDIT_EVENT_TABLE, PLUGIN_ID, SYSTEM } from '../constants';
import { contentHash } from '../domain/content-hash';
import { diffSnapshots, FieldChange, FieldSpec, Snapshot, snapshotOf, SYSTEM_FIELDS } from '../domain/entry-diff';
import { toLegalDate } from '../domain/legal-date';
import { disclosureError } from '../utils/disclosure-error';
import { governedUids } from '../utils/content-type-uid';
import type { StaffMember } from './staff';

const TABLE = 'disclosure_entry_versions';
const APPROVED_TABLE = 'disclosure_approved_versions';
const BACKFILLED = { type: 'plugin', name: PLUGIN_ID, key: 'entry-versions-backfilled' };

interface VersionRow {
  id: number;
  target_uid: string;
  document_id: string;
  version: number;
  released_on: string;
  released_at: string | Date;
  released_by: string | null;
  released_by_name: string | null;
  content: string;
  content_hash: string;
}

/** A released version as the admin lists it. */
export interface VersionSummary {
  version: number;
  releasedOn: string;
  releasedAt: string;
  releasedBy: { actor: string | null; name: string | null };
  contentHash: string;
}

/** The content as last fully approved, for an entry never released. */
export interface ApprovedSummary {
  approvedAt: string;
  approvedBy: { actor: string | null; name: string | null };
  contentHash: string;
}

export interface EntryDiff {
  /** What the draft is compared with: the latest released version, or else the last approved content. */
  against: ({ kind: 'released' } & VersionSummary) | ({ kind: 'approved' } & ApprovedSummary);
  changes: FieldChange[];
}

const labelsOf = (attribute: any): { label?: string; labelEn?: string } => attribute?.pluginOptions?.disclosure ?? {};

/**
 * Released versions of governed entries (更正 history) and the reviewer's diff: the snapshot of each release is
 * written in the release's transaction; the diff compares the draft (or a version) with the one before.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const withSchema = (query: Knex.QueryBuilder) => {
    const schema = strapi.db.getSchemaName();
    return schema ? query.withSchema(schema) : query;
  };
  const table = (db: Knex = strapi.db.connection) => withSchema(db(TABLE));

  /** The fields a reviewer compares: the content type's own, without bookkeeping and computed ones (索引号, 公开期限, …). */
  const fieldsOf = (uid: UID.ContentType): FieldSpec[] =>
    Object.entries(strapi.contentType(uid).attributes as Record<string, any>)
      .filter(([name, a]) => !SYSTEM_FIELDS.has(name) && a.writable !== false && a.visible !== false && a.type !== 'password')
      .map(([name, a]) => ({
        name,
        type: a.type,
        label: labelsOf(a).label ?? name,
        labelEn: labelsOf(a).labelEn ?? name,
        many: a.type === 'relation' ? /ToMany$/i.test(a.relation ?? '') : a.type === 'media' ? Boolean(a.multiple) : a.type === 'component' ? Boolean(a.repeatable) : undefined,
      }));

  const summary = (row: VersionRow): VersionSummary => ({
    version: Number(row.version),
    releasedOn: row.released_on,
    releasedAt: new Date(row.released_at).toISOString(),
    releasedBy: { actor: row.released_by, name: row.released_by_name },
    contentHash: row.content_hash,
  });

  const rowsOf = (uid: string, documentId: string) => table().where({ target_uid: uid, document_id: documentId }).orderBy('version', 'asc') as Promise<VersionRow[]>;

  const draftSnapshot = async (uid: UID.ContentType, documentId: string) => {
    const draft = await strapi.documents(uid).findOne({ documentId, status: 'draft', populate: '*' });
    return draft ? snapshotOf(fieldsOf(uid), draft as Record<string, unknown>) : null;
  };

  return {
    fieldsOf,

    /**
     * Called by the release effect, in its transaction: the released content (the draft as approved, populated) becomes
     * the entry's next version.
     */
    async record(trx: Knex, release: { uid: UID.ContentType; documentId: string; content: Record<string, unknown>; hash: string; today: string; who: StaffMember | typeof SYSTEM }) {
      const { uid, documentId, content, hash, today, who } = release;
      const last = await table(trx).where({ target_uid: uid, document_id: documentId }).max('version as version').first();
      await table(trx).insert({
        target_uid: uid,
        document_id: documentId,
        version: Number(last?.version ?? 0) + 1,
        released_on: today,
        released_at: new Date().toISOString(),
        released_by: who === SYSTEM ? SYSTEM : `admin:${who.userId}`,
        released_by_name: who === SYSTEM ? '系统' : who.name,
        content: JSON.stringify(snapshotOf(fieldsOf(uid), content)),
        content_hash: hash,
      });
    },

    /** Called when an entry becomes fully approved, in that transaction: its content replaces the last approved one. */
    async recordApproval(trx: Knex, approval: { uid: UID.ContentType; documentId: string; content: Record<string, unknown>; hash: string; who: StaffMember | typeof SYSTEM }) {
      const { uid, documentId, content, hash, who } = approval;
      await withSchema(trx(APPROVED_TABLE))
        .insert({
          target_uid: uid,
          document_id: documentId,
          approved_at: new Date().toISOString(),
          approved_by: who === SYSTEM ? SYSTEM : `admin:${who.userId}`,
          approved_by_name: who === SYSTEM ? '系统' : who.name,
          content: JSON.stringify(snapshotOf(fieldsOf(uid), content)),
          content_hash: hash,
        })
        .onConflict(['target_uid', 'document_id'])
        .merge();
    },

    /**
     * At boot, once per database: entries released before versions were kept get their published row as version 1
     * (who released it from the audit trail, when known). A second instance doing the same meanwhile loses nothing:
     * the unique (uid, documentId, version) keeps one row.
     */
    async backfill() {
      if (await strapi.store.get(BACKFILLED)) return;
      for (const uid of governedUids(strapi)) {
        let after = 0;
        for (;;) {
          const rows = await strapi.db.query(uid).findMany({ where: { publishedAt: { $notNull: true }, id: { $gt: after } }, select: ['id', 'documentId'], orderBy: { id: 'asc' }, limit: 200 });
          for (const { documentId } of rows) {
            if (await table().where({ target_uid: uid, document_id: documentId }).first('id')) continue;
            const published = await strapi.documents(uid).findOne({ documentId, status: 'published', populate: '*' });
            if (!published) continue;
            const release = await withSchema(strapi.db.connection(AUDIT_EVENT_TABLE))
              .where({ target_uid: uid, target_document_id: documentId, action: 'release' })
              .orderBy('seq', 'desc')
              .first('actor', 'actor_name');
            await table()
              .insert({
                target_uid: uid,
                document_id: documentId,
                version: 1,
                released_on: (published as any).releasedOn ?? toLegalDate(new Date((published as any).publishedAt)),
                released_at: new Date((published as any).publishedAt).toISOString(),
                released_by: release?.actor ?? null,
                released_by_name: release?.actor_name ?? null,
                content: JSON.stringify(snapshotOf(fieldsOf(uid), published as Record<string, unknown>)),
                content_hash: contentHash(published),
              })
              .onConflict(['target_uid', 'document_id', 'version'])
              .ignore();
          }
          if (rows.length < 200) break;
          after = rows[rows.length - 1].id;
        }
      }
      await strapi.store.set({ ...BACKFILLED, value: true });
    },

    /** The released versions of an entry, oldest first. */
    async list(uid: UID.ContentType, documentId: string): Promise<VersionSummary[]> {
      return (await rowsOf(uid, documentId)).map(summary);
    },

    /** One released version: its content (with each field's label) and what changed from the version before. */
    async get(uid: UID.ContentType, documentId: string, version: number) {
      const rows = await rowsOf(uid, documentId);
      const index = rows.findIndex((r) => Number(r.version) === version);
      if (index < 0) throw disclosureError(404, 'VERSION_NOT_FOUND', `该条目没有第 ${version} 版`, `no version ${version} of this entry`, {}, ['version']);
      const fields = fieldsOf(uid);
      const content: Snapshot = JSON.parse(rows[index].content);
      const previous = index > 0 ? rows[index - 1] : null;
      return {
        ...summary(rows[index]),
        fields: fields.map(({ name, type, label, labelEn }) => ({ name, type, label, labelEn })),
        content,
        previous: previous ? summary(previous) : null,
        diff: previous ? diffSnapshots(fields, JSON.parse(previous.content), content) : null,
      };
    },

    /**
     * What a reviewer sees: the draft compared with the latest released version, or, for an entry never released,
     * with the content last approved; null when there is neither (nothing of record to compare with).
     */
    async draftDiff(uid: UID.ContentType, documentId: string): Promise<EntryDiff | null> {
      const latest = (await table().where({ target_uid: uid, document_id: documentId }).orderBy('version', 'desc').first()) as VersionRow | undefined;
      const approved = latest ? null : await withSchema(strapi.db.connection(APPROVED_TABLE)).where({ target_uid: uid, document_id: documentId }).first();
      if (!latest && !approved) return null;
      const draft = await draftSnapshot(uid, documentId);
      if (!draft) return null;
      if (latest) return { against: { kind: 'released', ...summary(latest) }, changes: diffSnapshots(fieldsOf(uid), JSON.parse(latest.content), draft) };
      return {
        against: {
          kind: 'approved',
          approvedAt: new Date(approved.approved_at).toISOString(),
          approvedBy: { actor: approved.approved_by, name: approved.approved_by_name },
          contentHash: approved.content_hash,
        },
        changes: diffSnapshots(fieldsOf(uid), JSON.parse(approved.content), draft),
      };
    },
  };
};
