import { ChartPie, Clock, Message, Stack, Upload, Webhooks } from '@strapi/icons';
import { CONSUMER_SITE_PERMISSIONS, ConsumerSitePanel } from './components/ConsumerSitePanel';
import { disableWhileLocked } from './components/form-rules';
import { hideOnGovernedTypes } from './components/governed-actions';
import { ReviewPanel } from './components/ReviewPanel';
import { PLUGIN_ID } from './pluginId';
import { pluginTranslations } from './translations';

const DIRECT_RELEASE_ACTIONS = new Set(['publish', 'unpublish', 'discard']);

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Stack,
      intlLabel: { id: `${PLUGIN_ID}.inbox.title`, defaultMessage: '待我处理' },
      permissions: [],
      Component: () => import('./pages/Inbox'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-deadlines`,
      icon: Clock,
      intlLabel: { id: `${PLUGIN_ID}.deadlines.title`, defaultMessage: '公开时限' },
      // Shown to holders of any one of these (the server checks the same on GET /disclosure/deadlines).
      permissions: ['submit', 'review', 'release', 'application-handle'].map((action) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null })),
      Component: () => import('./pages/Deadlines'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-applications`,
      icon: Message,
      intlLabel: { id: `${PLUGIN_ID}.applications.title`, defaultMessage: '依申请公开' },
      // The server checks the same permission, and the organization, on every /disclosure/applications route.
      permissions: [{ action: `plugin::${PLUGIN_ID}.application-handle`, subject: null }],
      Component: () => import('./pages/Applications'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-annual-reports`,
      icon: ChartPie,
      intlLabel: { id: `${PLUGIN_ID}.annualReports.title`, defaultMessage: '年度报告' },
      // The server checks the member's organizations on every /disclosure/annual-reports route.
      permissions: [],
      Component: () => import('./pages/AnnualReports'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-import-export`,
      icon: Upload,
      intlLabel: { id: `${PLUGIN_ID}.importExport.title`, defaultMessage: '导入导出' },
      // The server checks the same (import: editors and system administrators; export: what the member may read).
      permissions: ['submit', 'review', 'release'].map((action) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null })),
      Component: () => import('./pages/ImportExport'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-webhooks`,
      icon: Webhooks,
      intlLabel: { id: `${PLUGIN_ID}.webhooks.title`, defaultMessage: '推送记录' },
      permissions: CONSUMER_SITE_PERMISSIONS,
      Component: () => import('./pages/WebhookDeliveries'),
    });
    // Strapi's user pages have no injection zone: the organization is set on a settings page of its own.
    app.addSettingsLink('global', {
      id: `${PLUGIN_ID}-staff`,
      to: `${PLUGIN_ID}-staff`,
      intlLabel: { id: `${PLUGIN_ID}.staff.title`, defaultMessage: '人员与机构' },
      permissions: [{ action: 'admin::users.read', subject: null }],
      Component: () => import('./pages/Staff'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: '政务公开' });
  },

  bootstrap(app: any) {
    const contentManager = app.getPlugin('content-manager').apis;
    contentManager.addEditViewSidePanel([ReviewPanel, ConsumerSitePanel]);
    contentManager.addDocumentAction((actions: any[]) =>
      actions.map((action) => (DIRECT_RELEASE_ACTIONS.has(action.type) ? hideOnGovernedTypes(action) : action.type === 'update' ? disableWhileLocked(action) : action)),
    );
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: pluginTranslations(locale) }));
  },
};
