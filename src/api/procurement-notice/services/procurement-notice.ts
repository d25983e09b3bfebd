import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::procurement-notice.procurement-notice');
