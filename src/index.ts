import type { Core } from '@strapi/strapi';
import { seedDemo } from './seed';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.SEED_DEMO === 'true') {
      await seedDemo(strapi);
    }
  },
};
