import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::recruitment-notice.recruitment-notice');
