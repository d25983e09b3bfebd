import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::dual-publicity-record.dual-publicity-record');
