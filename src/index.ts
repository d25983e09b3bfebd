import type { Core } from '@strapi/strapi';
import { demoPortalToken, seedDemo } from './seed';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.SEED_DEMO === 'true') {
      await seedDemo(strapi);
      const token = await demoPortalToken(strapi);
      const url = (strapi.config.get('server.url') as string) || `http://localhost:${strapi.config.get('server.port')}`;
      if (token) strapi.log.info(`参考门户 / reference portal: ${url}/portal/#token=${token}`);
    }
  },
};
