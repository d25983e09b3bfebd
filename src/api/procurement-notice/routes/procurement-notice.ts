import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::procurement-notice.procurement-notice');
