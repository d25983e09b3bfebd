import { CONSUMER_TYPES } from '../constants';

/** Workflow data (draft titles, 索引号) is for the people who work the workflow. */
const workflowMembers = {
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'plugin::disclosure.any-permission', config: { actions: ['plugin::disclosure.submit', 'plugin::disclosure.review', 'plugin::disclosure.release'] } },
  ],
};
const userAdmin = (action: 'read' | 'update') => ({ policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`admin::users.${action}`] } }] });
/**
 * 依申请公开: the service checks the permission each route needs (application-handle, -extend, -cases) and the
 * organization, and refuses with 403 APPLICATION_FORBIDDEN, the one refusal the API documents.
 */
const applicationStaff = { policies: ['admin::isAuthenticatedAdmin'] };
/** The 公开时限 dashboard: workflow members, and application handlers (their open applications). */
const deadlineViewers = {
  policies: [
    'admin::isAuthenticatedAdmin',
    { name: 'plugin::disclosure.any-permission', config: { actions: ['plugin::disclosure.submit', 'plugin::disclosure.review', 'plugin::disclosure.release', 'plugin::disclosure.application-handle'] } },
  ],
};
const manageConsumers = { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::disclosure.consumer-sites'] } }] };

/** Consumer API under /api/disclosure: authenticated by the site's own token in the controller, not users-permissions. */
const consumer = (path: string, handler: string, extra: Record<string, unknown> = {}) => ({
  method: 'GET',
  path,
  handler: `consumer.${handler}`,
  config: { auth: false, ...extra },
});

const typeRoutes = Object.keys(CONSUMER_TYPES).flatMap((type) => [
  consumer(`/${type}`, 'list', { consumerType: type }),
  consumer(`/${type}/by-slug/:key`, 'detail', { consumerType: type, lookup: 'slug' }),
  consumer(`/${type}/by-index-number/:key`, 'detail', { consumerType: type, lookup: 'indexNumber' }),
  consumer(`/${type}/:key`, 'detail', { consumerType: type, lookup: 'documentId' }),
]);

/** Admin API of the workflow and consumer sites, under /disclosure (admin JWT); consumer API under /api/disclosure. */
export default {
  'content-api': {
    type: 'content-api',
    routes: [
      // Load balancer probes: liveness and readiness (controllers/operations.ts), open to anyone and not rate-limited.
      { method: 'GET', path: '/health', handler: 'operations.health', config: { auth: false } },
      { method: 'GET', path: '/ready', handler: 'operations.ready', config: { auth: false } },
      consumer('/openapi.json', 'openapi'),
      consumer('/docs', 'docs'),
      consumer('/site', 'site'),
      consumer('/organizations', 'organizations'),
      consumer('/categories', 'categories'),
      consumer('/topics', 'topics'),
      consumer('/entries', 'entries'),
      consumer('/feed', 'feed'),
      consumer('/search', 'search'),
      // 依申请公开: the portal's form and status page, open to anyone (limits in middlewares/application-gate.ts).
      { method: 'GET', path: '/applications/form', handler: 'application-public.form', config: { auth: false } },
      { method: 'POST', path: '/applications', handler: 'application-public.submit', config: { auth: false } },
      { method: 'GET', path: '/applications/status', handler: 'application-public.status', config: { auth: false } },
      // A released annual report's export (HTML, XLSX, JSON), scoped like its detail.
      consumer('/consumer/annual-reports/:key/export', 'annualReportExport'),
      consumer('/annual-reports/:key/export', 'annualReportExport'),
      ...typeRoutes,
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'POST', path: '/transitions', handler: 'workflow.transition', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/history/:uid/:documentId', handler: 'workflow.history', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      // 更正 history: released versions of an entry, scoped like the history.
      { method: 'GET', path: '/versions/:uid/:documentId', handler: 'workflow.versions', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/versions/:uid/:documentId/:version', handler: 'workflow.version', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/audience/:uid/:documentId', handler: 'workflow.audience', config: workflowMembers },
      { method: 'GET', path: '/config', handler: 'workflow.config', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/me', handler: 'workflow.me', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'POST', path: '/schedule', handler: 'workflow.schedule', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/deadlines', handler: 'workflow.deadlines', config: deadlineViewers },
      // suggestions before :documentId, which would take the word for an id.
      { method: 'GET', path: '/applications/suggestions', handler: 'application-admin.suggestions', config: applicationStaff },
      { method: 'GET', path: '/applications', handler: 'application-admin.list', config: applicationStaff },
      { method: 'POST', path: '/applications', handler: 'application-admin.create', config: applicationStaff },
      { method: 'GET', path: '/applications/:documentId', handler: 'application-admin.detail', config: applicationStaff },
      { method: 'POST', path: '/applications/:documentId/actions', handler: 'application-admin.act', config: applicationStaff },
      { method: 'POST', path: '/applications/:documentId/letter-preview', handler: 'application-admin.letterPreview', config: applicationStaff },
      { method: 'GET', path: '/applications/:documentId/letter', handler: 'application-admin.letter', config: applicationStaff },
      { method: 'GET', path: '/application-cases', handler: 'application-admin.listCases', config: applicationStaff },
      { method: 'POST', path: '/application-cases', handler: 'application-admin.createCase', config: applicationStaff },
      { method: 'PUT', path: '/application-cases/:id', handler: 'application-admin.updateCase', config: applicationStaff },
      { method: 'GET', path: '/calendar/working-days', handler: 'workflow.workingDays', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/calendar/status', handler: 'workflow.calendarStatus', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      // 年度报告: the service scopes by organization (editors theirs, reviewers and publishers theirs and below).
      { method: 'GET', path: '/annual-reports', handler: 'annual-report-admin.list', config: workflowMembers },
      { method: 'GET', path: '/annual-reports/:organizationDocumentId/:year/website', handler: 'annual-report-admin.website', config: workflowMembers },
      { method: 'GET', path: '/annual-reports/:documentId/versions', handler: 'annual-report-admin.versions', config: workflowMembers },
      { method: 'POST', path: '/annual-reports/:documentId/generate', handler: 'annual-report-admin.generate', config: workflowMembers },
      { method: 'POST', path: '/annual-reports/:documentId/explanations', handler: 'annual-report-admin.explain', config: workflowMembers },
      { method: 'GET', path: '/annual-reports/:organizationDocumentId/:year', handler: 'annual-report-admin.export', config: workflowMembers },
      // 导入导出: the controller lets editors (their organization) and system administrators import; export is scoped.
      { method: 'POST', path: '/import/dry-run', handler: 'catalog-admin.dryRun', config: workflowMembers },
      { method: 'POST', path: '/import/start', handler: 'catalog-admin.start', config: workflowMembers },
      { method: 'GET', path: '/import/runs', handler: 'catalog-admin.runs', config: workflowMembers },
      { method: 'GET', path: '/import/runs/:id', handler: 'catalog-admin.status', config: workflowMembers },
      { method: 'GET', path: '/export/:type', handler: 'catalog-admin.export', config: workflowMembers },
      { method: 'GET', path: '/inbox', handler: 'workflow.inbox', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/staff', handler: 'staff-admin.directory', config: userAdmin('read') },
      { method: 'PUT', path: '/staff/:userId/organization', handler: 'staff-admin.setOrganization', config: userAdmin('update') },
      { method: 'POST', path: '/consumer-sites/:documentId/token', handler: 'consumer-admin.issueToken', config: manageConsumers },
      { method: 'DELETE', path: '/consumer-sites/:documentId/token', handler: 'consumer-admin.revokeToken', config: manageConsumers },
      { method: 'POST', path: '/consumer-sites/:documentId/webhook-secret', handler: 'consumer-admin.rotateWebhookSecret', config: manageConsumers },
      { method: 'GET', path: '/webhooks/deliveries', handler: 'consumer-admin.deliveries', config: manageConsumers },
      { method: 'POST', path: '/webhooks/deliveries/:id/redeliver', handler: 'consumer-admin.redeliver', config: manageConsumers },
      {
        method: 'GET',
        path: '/audit/verify',
        handler: 'workflow.verifyAudit',
        config: {
          policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::disclosure.audit'] } }],
        },
      },
    ],
  },
};
