import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isGovernedUid } from '../utils/content-type-uid';
import { ANNUAL_REPORT_UID, PLUGIN_ID } from '../constants';
import { PublicPeriodRule, publicWindow } from '../domain/public-period';
import { checkEntry } from '../domain/entry-rules';
import { legalDayOf, legalYear } from '../domain/legal-date';
import { firstFreeSlug, SLUG_PATTERN, slugFromTitle } from '../domain/slug';
import { issue } from '../domain/field-issue';
import { naturalPersonName, publicText } from '../domain/consumer/masking';
import { toValidationError } from '../utils/validation-error';
import { getService } from '../utils/get-service';

const DUAL_UID = 'api::dual-publicity-record.dual-publicity-record';

/** Relations and components the entry rules look at. */
const RULE_POPULATE = ['publishingOrganization', 'category', 'issuingOrganizations', 'policy', 'positions'];
// (policy is populated whole: an interpretation's due date runs from its policy's release.)

/**
 * Keeps every stored version of a governed entry a valid catalogue record with its
 * 索引号 and slug. Runs inside the write's transaction, after the write, on what
 * was actually stored: a rejected write rolls back whole.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  
  const loadDraft = async (uid: UID.ContentType, documentId: string) => {
    const attributes = strapi.contentType(uid).attributes;
    const populate = Object.fromEntries(RULE_POPULATE.filter((name) => name in attributes).map((name) => [name, true]));
    const hasDraftAndPublish = strapi.contentType(uid).options?.draftAndPublish;
    return strapi.db.query(uid).findOne({
      where: hasDraftAndPublish ? { documentId, publishedAt: null } : { documentId },
      populate,
    });
  };

  const assignSlug = async (trx: Knex.Transaction, uid: UID.ContentType, documentId: string, entry: any): Promise<string | null> => {
    if (strapi.db.dialect.client === 'postgres') {
      // Two creates with the same title must not both see the slug as free.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`disclosure:slug:${uid}`]);
    }
    const wanted: string | null = entry.slug ? String(entry.slug) : null;
    if (wanted && !SLUG_PATTERN.test(wanted)) {
      throw toValidationError([issue(['slug'], 'SLUG_INVALID', '网址别名只能包含小写字母、数字和连字符', 'slug may contain only a-z, 0-9 and single hyphens')]);
    }
    // From the title as the public sees it: a mobile number or a natural person's name must not end up in the address.
    const base = wanted ?? slugFromTitle(publicText(entry.title, naturalPersonName(entry)) ?? '');
    const others = await strapi.db.query(uid).findMany({
      select: ['slug'],
      where: { documentId: { $ne: documentId }, $or: [{ slug: base }, { slug: { $startsWith: `${base}-` } }] },
    });
    const taken = new Set<string>(others.map((row: any) => row.slug));
    if (wanted) {
      if (taken.has(wanted)) {
        throw toValidationError([issue(['slug'], 'SLUG_TAKEN', `网址别名“${wanted}”已被其他条目使用`, `slug "${wanted}" is already used by another entry`)]);
      }
      return null; // already stored as given
    }
    return firstFreeSlug(base, taken);
  };

  return {
    isGoverned(uid: string): uid is UID.ContentType {
      return isGovernedUid(strapi, uid);
    },

    /**
     * Validates the stored draft of a just-written document and fills in what the
     * system owns. A new document (create, clone) gets its own 索引号; a clone
     * also gets a fresh slug instead of its source's.
     */
    async settle(trx: Knex.Transaction, uid: UID.ContentType, documentId: string, action: 'create' | 'clone' | 'update') {
      const fresh = action !== 'update';
      const entry = await loadDraft(uid, documentId);
      if (!entry) return {};
      const publicPeriods = strapi.plugin(PLUGIN_ID).config('publicPeriods') as Record<string, PublicPeriodRule>;
      const problems = checkEntry(uid, entry, { publicPeriods });
      if (problems.length > 0) throw toValidationError(problems);

      // 年度报告: filed under 政府信息公开年报, one per organization and year (before the 索引号, which may name the category).
      if (uid === ANNUAL_REPORT_UID) await getService('annual-reports', strapi).settle(trx, entry);

      const patch: Record<string, unknown> = {};
      if (action === 'clone') entry.slug = null;
      const slug = await assignSlug(trx, uid, documentId, entry);
      if (slug) patch.slug = slug;

      if (fresh || !entry.indexNumber) {
        patch.indexNumber = await getService('index-number', strapi).allocate(
          trx,
          {
            orgCode: entry.publishingOrganization.code,
            year: legalYear(entry.formedOrChangedAt ?? new Date()),
            typeCode: strapi.contentType(uid).info.singularName,
            categoryCode: entry.category?.code,
          },
          { uid, documentId }
        );
      }
      // A 行政处罚 with no public period given stays public for the longest period allowed, then is withdrawn.
      const period = publicPeriods?.[entry.kind];
      const decision = legalDayOf(entry.decisionDate);
      if (uid === DUAL_UID && period && decision && !entry.publicUntil) patch.publicUntil = publicWindow(decision, period).latestEnd;

      const due = await getService('deadlines', strapi).compute(uid, entry);
      if (legalDayOf(entry.dueDate) !== due.dueDate || Boolean(entry.dueDateProvisional) !== due.dueDateProvisional) Object.assign(patch, due);

      if (Object.keys(patch).length > 0) {
        // A new document's rows (draft, and published when created published) all take the values;
        // an edit touches the draft only, the released version keeps its own until republished.
        const where = fresh ? { documentId } : { documentId, publishedAt: null };
        await strapi.db.query(uid).updateMany({ where, data: patch });
      }
      return patch;
    },
  };
};
