import { AsyncLocalStorage } from 'async_hooks';

/**
 * Publish, unpublish and discardDraft on a governed type are only honoured
 * inside this context, which only the workflow service opens, bound to the
 * entry and to the content hash that was approved.
 */
export interface ReleaseGrant {
  uid: string;
  documentId: string;
  operation: 'publish' | 'unpublish' | 'discardDraft';
  /** For publish: the approved content hash the draft must still have. */
  hash?: string;
}

export const releaseContext = new AsyncLocalStorage<ReleaseGrant>();
