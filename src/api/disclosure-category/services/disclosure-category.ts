import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::disclosure-category.disclosure-category');
