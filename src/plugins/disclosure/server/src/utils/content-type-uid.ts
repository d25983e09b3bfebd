import type { Core, UID } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

/** Strapi's content-type uid shapes (`UID.ContentType`): admin::x, strapi::x, api::x.y, plugin::x.y. */
const CONTENT_TYPE_UID = /^(?:admin::|strapi::|(?:api|plugin)::[^.]+\.)/;

export const isContentTypeUid = (uid: string): uid is UID.ContentType => CONTENT_TYPE_UID.test(uid);

/**
 * A content-type uid held as a plain string (a stored row, the release context, a document-service call) as Strapi
 * types it. The one place a string becomes a `UID.ContentType`: the shape is checked, the type's existence is not.
 */
export function contentTypeUid(uid: string): UID.ContentType {
  if (!isContentTypeUid(uid)) throw new Error(`not a content-type uid: ${uid}`);
  return uid;
}

/** The governed content types (the plugin's config validator accepts only api:: uids). */
export const governedUids = (strapi: Core.Strapi): UID.ContentType[] => strapi.plugin(PLUGIN_ID).config<string[]>('contentTypes').map(contentTypeUid);

/** Whether a uid from a request or a stored row names one of the governed content types. */
export const isGovernedUid = (strapi: Core.Strapi, uid: unknown): uid is UID.ContentType => governedUids(strapi).some((governed) => governed === uid);
