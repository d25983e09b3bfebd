import { Clock, Stack } from '@strapi/icons';
import { hideOnGovernedTypes } from './components/governed-actions';
import { ReviewPanel } from './components/ReviewPanel';
import { PLUGIN_ID } from './pluginId';

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
      permissions: [],
      Component: () => import('./pages/Deadlines'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: '政务公开' });
  },

  bootstrap(app: any) {
    const contentManager = app.getPlugin('content-manager').apis;
    contentManager.addEditViewSidePanel([ReviewPanel]);
    contentManager.addDocumentAction((actions: any[]) => actions.map((action) => (DIRECT_RELEASE_ACTIONS.has(action.type) ? hideOnGovernedTypes(action) : action)));
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: locale.startsWith('zh')
        ? { [`${PLUGIN_ID}.inbox.title`]: '待我处理', [`${PLUGIN_ID}.deadlines.title`]: '公开时限' }
        : { [`${PLUGIN_ID}.inbox.title`]: 'My review queue', [`${PLUGIN_ID}.deadlines.title`]: 'Disclosure deadlines' },
    }));
  },
};
