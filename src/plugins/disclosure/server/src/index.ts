import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
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
  routes,
  services,
  async destroy({ strapi }: { strapi: any }) {
    await getService('consumer-cache', strapi).stop();
  },
};
