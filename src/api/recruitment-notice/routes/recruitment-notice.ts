import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::recruitment-notice.recruitment-notice');
