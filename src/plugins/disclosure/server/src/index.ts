import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import services from './services';

export default {
  register,
  bootstrap,
  config,
  services,
  contentTypes: {},
  controllers: {},
  routes: {},
};
