import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CATEGORY_UID, CONSUMER_SITE_UID, CREDENTIAL_TABLE, ORGANIZATION_UID } from '../constants';
import { inScope, scopeOf, SiteScope, subtreeIds, TreeNode } from '../domain/consumer/scope';
import { bearerToken, hashToken, newToken, newWebhookSecret } from '../domain/consumer/token';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

export interface ConsumerSite {
  id: number;
  documentId: string;
  name: string;
  /** Deactivated sites are refused by the API and get no webhook deliveries, queued or redelivered. */
  active: boolean;
  scope: SiteScope;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Whether its webhook also receives taxonomy events (organizations, categories, topics changed). */
  taxonomyEvents: boolean;
}

const TOKEN_CACHE_MS = 60_000;

/**
 * 接入网站: token issue/rotate/revoke, authentication of consumer requests, and each site's scope resolved to
 * organization and category ids. Lookups are cached until a site, organization or category changes (announced to
 * every instance like catalogue changes).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const byToken = new Map<string, { site: ConsumerSite | null; generation: number; at: number }>();
  let trees: { generation: number; organizations: TreeNode[]; categories: TreeNode[] } | null = null;
  const sites = () => strapi.db.query(CONSUMER_SITE_UID);
  const cache = () => getService('consumer-cache', strapi);

  /** `fresh`: read past the cache (inside a transaction that changed a tree, the cache does not know it yet). */
  const loadTrees = async (fresh = false) => {
    const generation = cache().sitesGeneration();
    if (!fresh && trees && trees.generation === generation && cache().usable()) return trees;
    const node = (row: any): TreeNode => ({ id: row.id, parentId: row.parent?.id ?? null });
    // One after the other: inside a transaction both would share its single connection.
    const organizations = await strapi.db.query(ORGANIZATION_UID).findMany({ select: ['id'], populate: { parent: { select: ['id'] } } });
    const categories = await strapi.db.query(CATEGORY_UID).findMany({ select: ['id'], populate: { parent: { select: ['id'] } } });
    const loaded = { generation, organizations: organizations.map(node), categories: categories.map(node) };
    // Trees read inside a transaction may never commit: they are not kept.
    if (!fresh) trees = loaded;
    return loaded;
  };

  const credentials = (trx: Knex = strapi.db.connection) => trx(CREDENTIAL_TABLE);
  const setCredentials = async (trx: Knex, siteId: number, data: { token_hash?: string | null; webhook_secret?: string }) => {
    const updated = await credentials(trx).where({ site_id: siteId }).update(data);
    if (!updated) await credentials(trx).insert({ site_id: siteId, ...data });
  };

  const toSite = async (row: any, webhookSecret: string | null = null, freshTrees = false): Promise<ConsumerSite> => {
    const { organizations, categories } = await loadTrees(freshTrees);
    return {
      id: row.id,
      documentId: row.documentId,
      name: row.name,
      active: row.active !== false,
      scope: scopeOf(organizations, categories, {
        organizationIds: (row.organizations ?? []).map((o: any) => o.id),
        categoryIds: (row.categories ?? []).map((c: any) => c.id),
        categoryRestricted: row.categoryRestricted === true,
      }),
      webhookUrl: row.webhookUrl ?? null,
      webhookSecret,
      taxonomyEvents: row.taxonomyEvents === true,
    };
  };

  const populate = { organizations: { select: ['id', 'documentId', 'name', 'code'] }, categories: { select: ['id', 'documentId', 'name', 'code'] } };

  const findSite = async (documentId: string) => {
    const row = await sites().findOne({ where: { documentId }, select: ['id', 'documentId', 'name'] });
    if (!row) throw disclosureError(404, 'CONSUMER_SITE_NOT_FOUND', '接入网站不存在', 'no such consumer site', {}, ['documentId']);
    return row;
  };

  return {
    /** Organizations (or categories) and everything below them, from the cached trees. */
    async subtree(kind: 'organization' | 'category', roots: number[]): Promise<number[]> {
      const current = await loadTrees();
      return subtreeIds(kind === 'organization' ? current.organizations : current.categories, roots);
    },

    /** The site a request's bearer token belongs to; 401 otherwise. */
    async authenticate(authorization: string | undefined): Promise<ConsumerSite> {
      const token = bearerToken(authorization);
      if (token === null) throw unauthorized('CONSUMER_TOKEN_REQUIRED', '缺少访问令牌：请在 Authorization 头中提供 Bearer 令牌', 'an access token is required (Authorization: Bearer …)');
      if (token === 'malformed') throw unauthorized('CONSUMER_TOKEN_INVALID', '访问令牌无效', 'the access token is invalid');
      const hash = hashToken(token);
      const generation = cache().sitesGeneration();
      const hit = byToken.get(hash);
      let site: ConsumerSite | null;
      if (hit && hit.generation === generation && cache().usable() && Date.now() - hit.at < TOKEN_CACHE_MS) {
        site = hit.site;
      } else {
        const credential = await credentials().where({ token_hash: hash }).first('site_id');
        const row = credential ? await sites().findOne({ where: { id: credential.site_id, tokenRevokedAt: null, active: true }, populate }) : null;
        site = row ? await toSite(row) : null;
        if (byToken.size > 10_000) byToken.clear();
        byToken.set(hash, { site, generation, at: Date.now() });
      }
      if (!site) throw unauthorized('CONSUMER_TOKEN_INVALID', '访问令牌无效、已轮换或已吊销', 'the access token is unknown, rotated or revoked');
      return site;
    },

    async describe(site: ConsumerSite) {
      const row = await sites().findOne({ where: { id: site.id }, populate });
      const ref = (r: any) => ({ documentId: r.documentId, name: r.name, code: r.code ?? null });
      return { documentId: row.documentId, name: row.name, organizations: (row.organizations ?? []).map(ref), categories: (row.categories ?? []).map(ref) };
    },

    /**
     * A site that names categories is category-restricted from then on (so that deleting those categories closes
     * it instead of opening it to every category); only unticking 仅限所选分类 with no category chosen opens it.
     * For one site after a write (inside its transaction), or for every site at boot.
     */
    async settleCategoryRestriction(siteId?: number) {
      const rows = await sites().findMany({ where: { $or: [{ categoryRestricted: false }, { categoryRestricted: null }], ...(siteId ? { id: siteId } : {}) }, select: ['id'], populate: { categories: { select: ['id'] } } });
      const named = rows.filter((row: any) => (row.categories ?? []).length > 0).map((row: any) => row.id);
      if (named.length > 0) await sites().updateMany({ where: { id: { $in: named } }, data: { categoryRestricted: true } });
    },

    /**
     * The active sites whose scope includes an entry of this organization and category: who reads it once released.
     * `push` says whether the site is also sent a webhook (URL and signing secret set).
     */
    async reaching(organizationId: number | null, categoryId: number | null) {
      const rows = await sites().findMany({ where: { active: true }, populate, orderBy: { name: 'asc' } });
      const secrets = new Set((await credentials().whereNotNull('webhook_secret').select('site_id')).map((c: any) => c.site_id));
      const out: { documentId: string; name: string; push: boolean; webhookUrl: boolean }[] = [];
      for (const row of rows) {
        const site = await toSite(row);
        if (!inScope(site.scope, organizationId, categoryId)) continue;
        out.push({ documentId: site.documentId, name: site.name, push: Boolean(site.webhookUrl) && secrets.has(site.id), webhookUrl: Boolean(site.webhookUrl) });
      }
      return out;
    },

    /** Active sites that get no webhook deliveries, and why (推送记录 says so). */
    async withoutPush() {
      const rows = await sites().findMany({ where: { active: true }, select: ['id', 'documentId', 'name', 'webhookUrl'], orderBy: { name: 'asc' } });
      const secrets = new Set((await credentials().whereNotNull('webhook_secret').select('site_id')).map((c: any) => c.site_id));
      return rows
        .filter((row: any) => !row.webhookUrl || !secrets.has(row.id))
        .map((row: any) => ({ documentId: row.documentId, name: row.name, missing: row.webhookUrl ? ('webhook_secret' as const) : ('webhook_url' as const) }));
    },

    /** Active sites with a webhook URL and secret: the ones deliveries are queued for. */
    async subscribers(trx: Knex = strapi.db.connection, { freshTrees = false }: { freshTrees?: boolean } = {}): Promise<ConsumerSite[]> {
      const secrets = await credentials(trx).whereNotNull('webhook_secret').select('site_id', 'webhook_secret');
      if (secrets.length === 0) return [];
      const rows = await sites().findMany({ where: { id: { $in: secrets.map((c: any) => c.site_id) }, active: true, webhookUrl: { $notNull: true } }, populate });
      const out: ConsumerSite[] = [];
      for (const row of rows) if (row.webhookUrl) out.push(await toSite(row, secrets.find((c: any) => c.site_id === row.id).webhook_secret, freshTrees));
      return out;
    },

    async byId(id: number): Promise<ConsumerSite | null> {
      const row = await sites().findOne({ where: { id }, populate });
      const credential = row ? await credentials().where({ site_id: id }).first('webhook_secret') : null;
      return row ? toSite(row, credential?.webhook_secret ?? null) : null;
    },

    /** Issues a new token (rotating away any previous one): the plain token is returned this once. */
    async issueToken(documentId: string) {
      const site = await findSite(documentId);
      const { token, hash, prefix } = newToken();
      const tokenIssuedAt = new Date();
      await strapi.db.transaction(async ({ trx }) => {
        await setCredentials(trx, site.id, { token_hash: hash });
        await sites().update({ where: { id: site.id }, data: { tokenPrefix: prefix, tokenIssuedAt, tokenRevokedAt: null } });
        await cache().announce(trx, 'sites');
      });
      return { token, tokenPrefix: prefix, tokenIssuedAt: tokenIssuedAt.toISOString() };
    },

    async revokeToken(documentId: string) {
      const site = await findSite(documentId);
      const tokenRevokedAt = new Date();
      await strapi.db.transaction(async ({ trx }) => {
        await setCredentials(trx, site.id, { token_hash: null });
        await sites().update({ where: { id: site.id }, data: { tokenRevokedAt } });
        await cache().announce(trx, 'sites');
      });
      return { tokenRevokedAt: tokenRevokedAt.toISOString() };
    },

    /** Sets a new webhook signing secret, returned this once. */
    async rotateWebhookSecret(documentId: string) {
      const site = await findSite(documentId);
      const secret = newWebhookSecret();
      const webhookSecretSetAt = new Date();
      await strapi.db.transaction(async ({ trx }) => {
        await setCredentials(trx, site.id, { webhook_secret: secret });
        await sites().update({ where: { id: site.id }, data: { webhookSecretSetAt } });
      });
      return { secret, webhookSecretSetAt: webhookSecretSetAt.toISOString() };
    },
  };
};

function unauthorized(code: string, message: string, messageEn: string) {
  return disclosureError(401, code, message, messageEn, {}, ['authorization']);
}
