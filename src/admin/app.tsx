import type { StrapiApp } from '@strapi/strapi/admin';
import { VOCABULARY } from '../plugins/disclosure/server/src/domain/vocabulary';

// The content manager looks enumeration values up as message ids.
const enumLabels = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(VOCABULARY).map(([value, term]) => [value, term[lang]]));

const LANGUAGE_KEY = 'strapi-admin-language';

// 政务公开 staff work in Chinese: start in zh-Hans unless the user picked a language.
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
}

export default {
  config: {
    locales: ['zh-Hans', 'en'],
    translations: {
      'zh-Hans': {
        ...enumLabels('zh'),
        'Auth.form.welcome.title': '欢迎使用公开（Gongkai）',
        'Auth.form.welcome.subtitle': '登录政务公开内容管理系统',
        'app.components.LeftMenu.navbrand.title': '公开 Gongkai',
        'app.components.LeftMenu.navbrand.workplace': '政务公开',
      },
      en: {
        ...enumLabels('en'),
        'Auth.form.welcome.title': 'Welcome to Gongkai',
        'Auth.form.welcome.subtitle': 'Log in to the government disclosure CMS',
        'app.components.LeftMenu.navbrand.title': 'Gongkai',
        'app.components.LeftMenu.navbrand.workplace': 'Government disclosure',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
