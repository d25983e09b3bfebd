import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::dual-publicity-record.dual-publicity-record');
