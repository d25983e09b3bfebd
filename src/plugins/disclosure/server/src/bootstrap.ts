import type { Core } from '@strapi/strapi';
import { catalogIntegrity } from './document-middlewares/catalog-integrity';
import { validationMessages } from './document-middlewares/validation-messages';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Outermost first: messages are translated whatever layer below refused the write.
  strapi.documents.use(validationMessages(strapi));
  strapi.documents.use(catalogIntegrity(strapi));
  await getService('public-access', strapi).grantPublicRead();
  await getService('admin-labels', strapi).apply();
};
