import type { Core } from '@strapi/strapi';
import { catalogIntegrity } from './document-middlewares/catalog-integrity';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(catalogIntegrity(strapi));
  await getService('public-access', strapi).grantPublicRead();
  await getService('admin-labels', strapi).apply();
};
