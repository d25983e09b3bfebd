import type { Core } from '@strapi/strapi';
import { acquireStartupLock, releaseStartupLock } from './database/startup-lock';
import { demoPortalToken, seedDemo } from './seed';

export default {
  /**
   * The app's register runs after every plugin's and before Strapi's bootstrap migrates and syncs the schema: from
   * here to the end of bootstrap, one instance at a time (src/database/startup-lock.ts).
   */
  async register({ strapi }: { strapi: Core.Strapi }) {
    await acquireStartupLock(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    try {
      if (process.env.SEED_DEMO === 'true') {
        await seedDemo(strapi);
        const token = await demoPortalToken(strapi);
        const url = (strapi.config.get('server.url') as string) || `http://localhost:${strapi.config.get('server.port')}`;
        if (token) strapi.log.info(`参考门户 / reference portal: ${url}/portal/#token=${token}`);
      }
    } finally {
      await releaseStartupLock();
    }
  },

  async destroy() {
    await releaseStartupLock();
  },
};
