import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';
import { catalogAttributes } from './content-types/catalog-attributes';
import { indexNumberModel, indexSequenceModel } from './models/index-numbers';
import { contentApiErrors } from './middlewares/content-api-errors';
import { publishedOnly } from './middlewares/published-only';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const governed = strapi.plugin(PLUGIN_ID).config('contentTypes') as string[];
  for (const uid of governed) {
    const contentType = strapi.contentTypes[uid as any];
    if (!contentType) throw new Error(`disclosure: governed content type ${uid} does not exist`);
    for (const [name, attribute] of Object.entries(catalogAttributes)) {
      if (name in contentType.attributes) throw new Error(`disclosure: ${uid} already defines catalogue field "${name}"`);
      contentType.attributes[name] = structuredClone(attribute) as any;
    }
  }
  strapi.get('models').add(indexSequenceModel as any);
  strapi.get('models').add(indexNumberModel as any);
  strapi.server.use(contentApiErrors(strapi));
  strapi.server.use(publishedOnly(strapi));
};
