import type { TestApp } from './strapi';

export const SITE_UID = 'plugin::disclosure.consumer-site';

export interface Site {
  documentId: string;
  token: string;
  secret?: string;
}

/** A consumer site reading the given organizations (documentIds) and categories, with its token (and webhook secret). */
export async function createSite(app: TestApp, options: { name?: string; organizations: string[]; categories?: string[]; webhookUrl?: string }): Promise<Site> {
  const sites = app.strapi.plugin('disclosure').service('consumer-sites');
  const site = await app.strapi.documents(SITE_UID).create({
    data: { name: options.name ?? '测试网站', organizations: options.organizations, categories: options.categories ?? [], webhookUrl: options.webhookUrl ?? null },
  });
  const { token } = await sites.issueToken(site.documentId);
  const secret = options.webhookUrl ? (await sites.rotateWebhookSecret(site.documentId)).secret : undefined;
  return { documentId: site.documentId, token, secret };
}

/** GET on the consumer API as a site. */
export const consumerGet = (app: TestApp, token: string | null, path: string, query: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const req = app.http().get(`/api/disclosure${path}`).query(query);
  if (token) req.set('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req;
};

export const workflowOf = (app: TestApp) => app.strapi.plugin('disclosure').service('workflow');

/**
 * Webhooks reach only public addresses on ports 80/443; a test receiver listens on 127.0.0.1 and a random port, so
 * the test allow-lists exactly that address and port (as an operator would for an intranet portal). Call before
 * startApp(); the returned function undoes it.
 */
export function allowWebhookReceiver(port: number): () => void {
  Object.assign(process.env, { WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1', WEBHOOK_ALLOWED_PORTS: String(port) });
  return () => {
    delete process.env.WEBHOOK_ALLOWED_ADDRESSES;
    delete process.env.WEBHOOK_ALLOWED_PORTS;
  };
}
