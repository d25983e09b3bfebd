import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::disclosure-category.disclosure-category');
