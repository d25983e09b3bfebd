import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import policies from './policies';
import { applicationGate } from './middlewares/application-gate';
import { rateLimit } from './middlewares/rate-limit';
import { requestId } from './middlewares/request-id';
import register from './register';
import routes from './routes';
import services from './services';
import { getService } from './utils/get-service';

export default {
  register,
  bootstrap,
  config,
  contentTypes,
  controllers,
  policies,
  middlewares: { 'rate-limit': rateLimit, 'application-gate': applicationGate, 'request-id': requestId },
  routes,
  services,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService('consumer-cache', strapi).stop();
  },
};
