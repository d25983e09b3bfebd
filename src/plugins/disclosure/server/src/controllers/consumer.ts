import type { Core } from '@strapi/strapi';
import { CONSUMER_TYPES, ConsumerType, PLUGIN_ID } from '../constants';
import type { ConsumerLimits } from '../config';
import { decodeCursor } from '../domain/consumer/feed-cursor';
import { Parsed, parseFeedQuery, parseListQuery, queryKey } from '../domain/consumer/list-query';
import { parseSearchQuery } from '../domain/consumer/search';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import type { ConsumerSite } from '../services/consumer-sites';
import { docsPage, openApiDocument, POLICY_VALIDITIES } from '../openapi';
import { consumerExportQuery, ExportFormat } from '../validation/annual-reports';
import { sendReport } from './annual-report-admin';

const TYPES = Object.keys(CONSUMER_TYPES) as ConsumerType[];

function parsed<T>(result: Parsed<T>): T {
  if (result.ok) return result.value;
  const { issue } = result as Extract<Parsed<T>, { ok: false }>;
  throw disclosureError(400, issue.code, issue.message, issue.messageEn, {}, issue.path);
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  Boolean(ifNoneMatch) && ifNoneMatch!.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

/**
 * The consumer API. Every response is computed for the calling site, cached per site and query until the catalogue
 * changes, and answered with a strong ETag (304 on If-None-Match).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const api = () => getService('consumer-api', strapi);
  const cache = () => getService('consumer-cache', strapi);
  const { listMaxDepth: maxDepth } = strapi.plugin(PLUGIN_ID).config('consumer') as ConsumerLimits;

  async function respond(ctx: any, key: string, produce: (site: ConsumerSite) => Promise<unknown>) {
    let site: ConsumerSite;
    try {
      site = await getService('consumer-sites', strapi).authenticate(ctx.get('authorization'));
    } catch (error) {
      ctx.set('WWW-Authenticate', 'Bearer realm="gongkai"');
      throw error;
    }
    const cacheKey = `${site.id}|${ctx.path}|${key}`;
    let hit = cache().get(cacheKey);
    if (!hit) {
      // Read the generation first: a change committed while we compute must not be cached under the new one.
      const generation = cache().generation();
      hit = cache().set(cacheKey, generation, JSON.stringify(await produce(site)));
    }
    ctx.set('ETag', hit.etag);
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.set('Vary', 'Authorization');
    if (matches(ctx.get('if-none-match'), hit.etag)) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = hit.body;
  }

  const typeOf = (ctx: any): ConsumerType => ctx.state.route.config.consumerType;
  const noQuery = (ctx: any) => {
    if (Object.keys(ctx.query ?? {}).length > 0) parsed(noParameters(ctx.query));
  };

  return {
    async site(ctx: any) {
      noQuery(ctx);
      await respond(ctx, '', async (site) => ({ data: await getService('consumer-sites', strapi).describe(site) }));
    },
    async organizations(ctx: any) {
      noQuery(ctx);
      await respond(ctx, '', async (site) => ({ data: await api().organizations(site.scope) }));
    },
    async categories(ctx: any) {
      noQuery(ctx);
      await respond(ctx, '', async (site) => ({ data: await api().categories(site.scope) }));
    },
    async topics(ctx: any) {
      noQuery(ctx);
      await respond(ctx, '', async () => ({ data: await api().topics() }));
    },

    async entries(ctx: any) {
      const query = parsed(parseListQuery(ctx.query, { types: TYPES, maxDepth }));
      const types = query.type ? [query.type as ConsumerType] : TYPES;
      await respond(ctx, queryKey(query), (site) => api().list(types, { ...query, type: undefined }, site.scope));
    },

    async list(ctx: any) {
      const type = typeOf(ctx);
      const query = parsed(parseListQuery(ctx.query, type === 'policies' ? { validities: POLICY_VALIDITIES, maxDepth } : { maxDepth }));
      await respond(ctx, queryKey(query), (site) => api().list([type], query, site.scope));
    },

    /** GET /search — ranked hits over released entries in the site's scope (services/search.ts). */
    async search(ctx: any) {
      const query = parsed(parseSearchQuery(ctx.query, TYPES));
      await respond(ctx, queryKey(query), (site) => getService('search', strapi).search(query, site.scope));
    },

    async detail(ctx: any) {
      const type = typeOf(ctx);
      noQuery(ctx);
      const by: 'documentId' | 'slug' | 'indexNumber' = ctx.state.route.config.lookup;
      const key = String(ctx.params.key ?? '');
      if (!key || key.length > 200) throw disclosureError(400, 'INVALID_PARAMETER', '查询的标识不正确', 'invalid key', {}, [by]);
      await respond(ctx, `${by}:${key}`, async (site) => ({ data: await api().detail(type, by, key, site.scope) }));
    },

    async feed(ctx: any) {
      const query = parsed(parseFeedQuery(ctx.query));
      const after = decodeCursor(query.since);
      if (after === null) throw disclosureError(400, 'INVALID_CURSOR', '游标无效：请使用上一次响应中 meta.cursor 的值，或不带 since 从头读取', 'invalid cursor; use meta.cursor from a previous response', {}, ['since']);
      const taxonomy = query.include === 'taxonomy';
      await respond(ctx, `${after}:${query.limit}:${taxonomy ? 'taxonomy' : ''}`, (site) => getService('feed', strapi).read(after, query.limit, site.scope, { taxonomy }));
    },

    /** GET /annual-reports/:key/export — a released report (frozen figures) as JSON, HTML or XLSX; like the detail, 404 otherwise. */
    async annualReportExport(ctx: any) {
      const { format } = parsed(exportFormat(ctx.query));
      const key = String(ctx.params.key ?? '');
      if (!key || key.length > 200) throw disclosureError(400, 'INVALID_PARAMETER', '查询的标识不正确', 'invalid key', {}, ['documentId']);
      let site: ConsumerSite;
      try {
        site = await getService('consumer-sites', strapi).authenticate(ctx.get('authorization'));
      } catch (error) {
        ctx.set('WWW-Authenticate', 'Bearer realm="gongkai"');
        throw error;
      }
      const entry: any = await api().detail('annual-reports', 'documentId', key, site.scope);
      if (!entry.report) throw disclosureError(404, 'ENTRY_NOT_FOUND', '信息不存在或不在本网站的公开范围内', 'no such entry in this site’s scope', {}, ['documentId']);
      const texts = await getService('annual-reports', strapi).releasedTexts(entry.documentId, entry.organization?.name ?? '');
      await sendReport(ctx, format, entry.report, texts, `${entry.year}-${entry.organization?.code ?? entry.organization?.documentId ?? 'org'}-annual-report`);
      ctx.set('Cache-Control', 'private, no-cache');
      ctx.set('Vary', 'Authorization');
    },

    async openapi(ctx: any) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = openApiDocument(strapi.config.get('server.url') as string | undefined);
    },

    async docs(ctx: any) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = docsPage(strapi.config.get('server.url') as string | undefined);
    },
  };
};

function exportFormat(query: Record<string, unknown>): Parsed<{ format: ExportFormat }> {
  const result = consumerExportQuery.safeParse(query ?? {});
  if (result.success) return { ok: true, value: result.data };
  const key = String(result.error.issues[0]?.path[0] ?? 'format');
  return { ok: false, issue: { path: [key], code: key === 'format' ? 'INVALID_PARAMETER' : 'UNKNOWN_PARAMETER', message: key === 'format' ? '导出格式应为 json、html 或 xlsx' : `不支持查询参数“${key}”`, messageEn: key === 'format' ? 'format must be json, html or xlsx' : `unknown query parameter "${key}"` } };
}

function noParameters(query: Record<string, unknown>): Parsed<null> {
  const key = Object.keys(query)[0];
  return { ok: false, issue: { path: [key], code: 'UNKNOWN_PARAMETER', message: `不支持查询参数“${key}”`, messageEn: `unknown query parameter "${key}"` } };
}
