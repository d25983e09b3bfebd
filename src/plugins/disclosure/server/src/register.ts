import type { Core } from '@strapi/strapi';
import { governedUids } from './utils/content-type-uid';
import { ORGANIZATION_UID, USER_ORGANIZATION_FIELD } from './constants';
import { catalogAttributes } from './content-types/catalog-attributes';
import { contentApiErrors } from './middlewares/content-api-errors';
import { draftByDefault } from './middlewares/draft-by-default';
import { privateUploads } from './middlewares/private-uploads';
import { publishedOnly } from './middlewares/published-only';
import { workflowStatus } from './middlewares/workflow-status';
import { indexNumberModel, indexSequenceModel } from './models/index-numbers';
import { auditEventModel, workflowStateModel } from './models/workflow';
import { jobModel } from './models/jobs';
import { credentialModel, deliveryModel, feedEventModel } from './models/consumer';
import { getService } from './utils/get-service';
import { withOrganization } from './controllers/staff-admin';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const governed = governedUids(strapi);
  for (const uid of governed) {
    const contentType = strapi.contentTypes[uid];
    if (!contentType) throw new Error(`disclosure: governed content type ${uid} does not exist`);
    for (const [name, attribute] of Object.entries(catalogAttributes)) {
      if (name in contentType.attributes) throw new Error(`disclosure: ${uid} already defines catalogue field "${name}"`);
      contentType.attributes[name] = structuredClone(attribute);
    }
  }
  // The organization an admin user works for scopes what they may see and do.
  strapi.contentTypes['admin::user'].attributes[USER_ORGANIZATION_FIELD] = {
    type: 'relation',
    relation: 'manyToOne',
    target: ORGANIZATION_UID,
    configurable: false,
    private: true,
  };

  // Invite and edit users with their organization (before the server composes the admin routes' handlers).
  strapi.get('controllers').extend('admin::user', (controller: Record<string, any>) => ({
    ...controller,
    create: withOrganization(strapi, controller.create),
    update: withOrganization(strapi, controller.update),
  }));

  // A file's own SHA-256, computed when its bytes are stored: approvals bind to what a reader downloads.
  strapi.contentTypes['plugin::upload.file'].attributes.sha256 = { type: 'string', configurable: false };
  // Before the upload plugin's bootstrap asks whether to sign URLs: staff previews get signed, expiring URLs.
  getService('attachments', strapi).privatizeProvider();
  getService('attachments', strapi).guardBulkFileRoutes();

  for (const model of [indexSequenceModel, indexNumberModel, workflowStateModel, auditEventModel, jobModel, feedEventModel, deliveryModel, credentialModel]) strapi.get('models').add(model);
  await getService('roles', strapi).registerActions();

  strapi.server.use(privateUploads(strapi));
  strapi.server.use(contentApiErrors(strapi));
  strapi.server.use(publishedOnly(strapi));
  strapi.server.use(draftByDefault(strapi));
  strapi.server.use(workflowStatus(strapi));
};
