import type { Core } from '@strapi/strapi';
import { AUDIT_EVENT_UID, CALENDAR_DAY_UID, CATEGORY_UID, CONSUMER_SITE_UID, LEGAL_TIME_ZONE, ORGANIZATION_UID, PLUGIN_ID, TOPIC_UID } from './constants';
import { attachmentScope } from './document-middlewares/attachment-scope';
import { catalogIntegrity } from './document-middlewares/catalog-integrity';
import { defaultOrganization } from './document-middlewares/default-organization';
import { organizationScope } from './document-middlewares/organization-scope';
import { publishGate } from './document-middlewares/publish-gate';
import { validationMessages } from './document-middlewares/validation-messages';
import { webhookTarget } from './document-middlewares/webhook-target';
import { taxonomyFeed } from './document-middlewares/taxonomy-feed';
import { disclosureError } from './utils/disclosure-error';
import { toLegalDate } from './domain/legal-date';
import { getService } from './utils/get-service';
import type { DisclosurePluginConfig, RateLimitConfig } from './config';
import { RATE_LIMIT_MIDDLEWARE } from './middlewares/rate-limit';
import { APPLICATION_GATE_MIDDLEWARE } from './middlewares/application-gate';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Outermost first: messages are translated whatever layer below refused the write.
  strapi.documents.use(validationMessages(strapi));
  // Before the scope: an entry created without 发布机构 is the writer's organization's, and is judged as such.
  strapi.documents.use(defaultOrganization(strapi));
  // Before the gate and the catalogue: an out-of-scope writer learns nothing about the entry's state.
  strapi.documents.use(organizationScope(strapi));
  // After the organization scope: the entry is theirs; the files attached to it must be too.
  strapi.documents.use(attachmentScope(strapi));
  strapi.documents.use(publishGate(strapi));
  strapi.documents.use(catalogIntegrity(strapi));
  strapi.documents.use(webhookTarget(strapi));
  // Organizations, categories and topics changed reach consumer sites as taxonomy events.
  strapi.documents.use(taxonomyFeed(strapi));
  // Files held by versions in review, approved or released cannot be replaced, renamed or deleted.
  getService('attachments', strapi).guardUploadServices();

  // The audit trail is append-only for everyone: only the audit service's raw inserts write it.
  const refuse = () => {
    throw disclosureError(403, 'AUDIT_APPEND_ONLY', '审计日志只能追加，不能修改或删除', 'the audit trail is append-only');
  };
  strapi.db.lifecycles.subscribe({
    models: [AUDIT_EVENT_UID],
    beforeUpdate: refuse,
    beforeUpdateMany: refuse,
    beforeDelete: refuse,
    beforeDeleteMany: refuse,
  });

  // A changed holiday arrangement moves every open due date.
  const calendarChanged = async () => {
    getService('calendar', strapi).invalidate();
    await getService('deadlines', strapi).recomputeAll();
  };
  strapi.db.lifecycles.subscribe({
    models: [CALENDAR_DAY_UID],
    afterCreate: calendarChanged,
    afterCreateMany: calendarChanged,
    afterUpdate: calendarChanged,
    afterUpdateMany: calendarChanged,
    afterDelete: calendarChanged,
    afterDeleteMany: calendarChanged,
  });
  await getService('calendar', strapi).seed();
  await getService('indexes', strapi).ensure();

  // Request budgets: the counters' table exists before the first request; a configuration that would silently drop
  // the limits refuses to boot.
  const listed = (name: string) => strapi.config.get<(string | { name?: string })[]>('middlewares').some((m) => (typeof m === 'string' ? m : m?.name) === name);
  if ((strapi.plugin(PLUGIN_ID).config('rateLimit') as RateLimitConfig).enabled && !listed(RATE_LIMIT_MIDDLEWARE)) {
    throw new Error(`disclosure: rate limiting is on but config/middlewares.ts does not list '${RATE_LIMIT_MIDDLEWARE}' (after 'strapi::cors')`);
  }
  // Without it the 依申请公开 form would have no body limit and no budgets of its own.
  if (!listed(APPLICATION_GATE_MIDDLEWARE)) {
    throw new Error(`disclosure: config/middlewares.ts does not list '${APPLICATION_GATE_MIDDLEWARE}' (before 'strapi::body')`);
  }
  await getService('rate-limit', strapi).init();
  // Entries released before the consumer search text existed get theirs (one pass, skipped once done).
  await getService('search-index', strapi).backfill();
  // Entries released before versions were kept get their published row as version 1 (once).
  await getService('entry-versions', strapi).backfill();
  // Full-text search: the database's locale checked (said clearly when it cannot work), rows of released entries
  // without one written (extracting their attachments' text).
  await getService('search', strapi).init();
  await getService('search', strapi).backfill();

  // Consumer API caches and site scopes follow every change, whichever instance made it.
  await getService('consumer-cache', strapi).listen();
  const referenceChanged = async () => {
    await getService('consumer-cache', strapi).announceNow('sites');
    await getService('consumer-cache', strapi).announceNow('catalogue');
  };
  const lifecycle = { afterCreate: referenceChanged, afterCreateMany: referenceChanged, afterUpdate: referenceChanged, afterUpdateMany: referenceChanged, afterDelete: referenceChanged, afterDeleteMany: referenceChanged };
  strapi.db.lifecycles.subscribe({ models: [ORGANIZATION_UID, CATEGORY_UID, TOPIC_UID, CONSUMER_SITE_UID], ...lifecycle });
  // A site saved with categories stays restricted to categories even once they are all deleted (fail closed).
  const settleSite = async (event: any) => getService('consumer-sites', strapi).settleCategoryRestriction(event.result?.id);
  strapi.db.lifecycles.subscribe({ models: [CONSUMER_SITE_UID], afterCreate: settleSite, afterUpdate: settleSite });
  await getService('consumer-sites', strapi).settleCategoryRestriction();

  // Scheduled work runs only on instances with cron on (CRON_ENABLED=true); any number of them may.
  if (strapi.config.get('server.cron.enabled')) {
    const rules = strapi.plugin(PLUGIN_ID).config('cron') as DisclosurePluginConfig['cron'];
    strapi.cron.add({
      disclosureScheduler: { task: async () => getService('scheduler', strapi).tick(), options: { rule: rules.scheduler } },
      // Webhook deliveries: any number of instances may dispatch; each delivery is claimed by one.
      disclosureWebhooks: { task: async () => getService('webhooks', strapi).tick(), options: { rule: rules.webhooks } },
      // 08:00 Beijing time: the daily deadline digest, enqueued once and run by whichever worker claims it.
      disclosureDigest: {
        task: async () => getService('scheduler', strapi).enqueueDigest(toLegalDate(new Date())),
        options: { rule: rules.reminders, tz: LEGAL_TIME_ZONE },
      },
    });
  }

  await getService('roles', strapi).registerConditions();
  await getService('roles', strapi).seedRoles();
  await getService('release-checks', strapi).seedSensitiveTerms();
  await getService('public-access', strapi).grantPublicRead();
  await getService('admin-labels', strapi).apply();
};
