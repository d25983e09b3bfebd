import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::dual-publicity-record.dual-publicity-record');
