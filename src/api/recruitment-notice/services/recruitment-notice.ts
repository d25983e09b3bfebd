import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::recruitment-notice.recruitment-notice');
