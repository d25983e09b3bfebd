import type { StrapiApp } from '@strapi/strapi/admin';
import { VOCABULARY } from '../plugins/disclosure/server/src/domain/vocabulary';
import { STATE_LABELS } from '../plugins/disclosure/server/src/domain/workflow';
import { enumColumnsInWords } from './enum-columns';
import { landingRoute } from './landing';
import { zhHans } from './translations/zh-Hans';
import pkg from '../../package.json';

// The content manager looks enumeration values up as message ids.
const enumLabels = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(VOCABULARY).map(([value, term]) => [value, term[lang]]));

/**
 * The content manager's status badges show governed entries' workflow state (the server puts it in their status,
 * see the disclosure plugin's workflow-status middleware): the words for the states Strapi has none for.
 */
const statusLabels = (lang: 'zh' | 'en') => ({
  'content-manager.containers.List.in_review': STATE_LABELS.in_review[lang],
  'content-manager.containers.List.approved': STATE_LABELS.approved[lang],
  'content-manager.containers.List.withdrawn': STATE_LABELS.withdrawn[lang],
  'content-manager.containers.List.correcting': lang === 'zh' ? '更正中' : 'Being corrected',
});

/**
 * Defaults for a browser that has not chosen otherwise (Strapi keeps these in localStorage): 政务公开 staff work in
 * Chinese; Strapi's guided tour (for developers building content types) and its "new Media Library" banner are off.
 * The banner's key ends with the instance's uuid as /admin/init reports it: the project's (package.json), `false`
 * when telemetry is disabled, `undefined` until the answer arrives.
 */
const BANNER_SCOPES = [pkg.strapi.uuid, 'false', 'undefined'];
const BROWSER_DEFAULTS: Record<string, string> = {
  'strapi-admin-language': 'zh-Hans',
  STRAPI_GUIDED_TOUR: JSON.stringify({ enabled: false }),
  ...Object.fromEntries(
    ['true', 'false'].flatMap((legacy) => BANNER_SCOPES.map((scope) => [`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${scope}`, 'true'])),
  ),
};

if (typeof window !== 'undefined') {
  for (const [key, value] of Object.entries(BROWSER_DEFAULTS)) {
    if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, value);
  }
}

export default {
  config: {
    locales: ['zh-Hans', 'en'],
    translations: {
      'zh-Hans': {
        ...zhHans,
        ...enumLabels('zh'),
        ...statusLabels('zh'),
        'Auth.form.welcome.title': '欢迎使用公开（Gongkai）',
        'Auth.form.welcome.subtitle': '登录政务公开内容管理系统',
        'app.components.LeftMenu.navbrand.title': '公开 Gongkai',
        'app.components.LeftMenu.navbrand.workplace': '政务公开',
      },
      en: {
        ...enumLabels('en'),
        ...statusLabels('en'),
        'Auth.form.welcome.title': 'Welcome to Gongkai',
        'Auth.form.welcome.subtitle': 'Log in to the government disclosure CMS',
        'app.components.LeftMenu.navbrand.title': 'Gongkai',
        'app.components.LeftMenu.navbrand.workplace': 'Government disclosure',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // Routes are added at register: bootstrap gets no router.
    app.router.addRoute(landingRoute);
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', enumColumnsInWords);
  },
};
