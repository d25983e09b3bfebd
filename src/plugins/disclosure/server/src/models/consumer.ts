import { CREDENTIAL_TABLE, DELIVERY_TABLE, FEED_EVENT_TABLE } from '../constants';

/**
 * The change feed: one row per released / updated / withdrawn event, written in the release's transaction after
 * the audit event (whose lock serializes them until commit, so ids follow commit order). `entry` is the public
 * representation at that moment (null for a withdrawal); the organization and category ids — now and before — let
 * the feed be scoped per site, and turn "moved out of your scope" into a withdrawal for that site. Only the latest
 * event of an entry keeps its content: earlier snapshots are erased (superseded), so a withdrawn or corrected
 * version is not handed out again by a reader starting from the beginning.
 */
export const feedEventModel = {
  uid: 'plugin::disclosure.feed-event',
  singularName: 'feed-event',
  tableName: FEED_EVENT_TABLE,
  attributes: {
    id: { type: 'increments' },
    event: { type: 'string', column: { notNullable: true } },
    targetUid: { type: 'string', column: { notNullable: true } },
    targetDocumentId: { type: 'string', column: { notNullable: true } },
    organizationId: { type: 'integer' },
    categoryId: { type: 'integer' },
    previousOrganizationId: { type: 'integer' },
    previousCategoryId: { type: 'integer' },
    versionHash: { type: 'string' },
    entry: { type: 'json' },
    tombstone: { type: 'json' },
    // Set when a later event for the same entry exists: its content is erased and it is no longer served.
    superseded: { type: 'boolean', column: { notNullable: true, defaultTo: false } },
    occurredAt: { type: 'datetime', column: { notNullable: true } },
  },
  indexes: [{ name: 'disclosure_feed_events_target_idx', columns: ['target_uid', 'target_document_id'] }],
};

/** Transactional outbox: one delivery per (feed event, subscribed site), claimed with SKIP LOCKED and a lease. */
export const deliveryModel = {
  uid: 'plugin::disclosure.webhook-delivery',
  singularName: 'webhook-delivery',
  tableName: DELIVERY_TABLE,
  attributes: {
    id: { type: 'increments' },
    eventId: { type: 'integer', column: { notNullable: true } },
    siteId: { type: 'integer', column: { notNullable: true } },
    event: { type: 'string', column: { notNullable: true } },
    status: { type: 'string', column: { notNullable: true } },
    attempts: { type: 'integer', column: { notNullable: true } },
    nextAttemptAt: { type: 'datetime', column: { notNullable: true } },
    firstAttemptAt: { type: 'datetime' },
    leaseUntil: { type: 'datetime' },
    worker: { type: 'string' },
    lastStatusCode: { type: 'integer' },
    lastError: { type: 'text' },
    deliveredAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'disclosure_webhook_deliveries_event_site_uq', columns: ['event_id', 'site_id'], type: 'unique' },
    { name: 'disclosure_webhook_deliveries_due_idx', columns: ['status', 'next_attempt_at'] },
  ],
};

/** A consumer site's credentials, out of the content manager's reach: the token's SHA-256 and the webhook secret. */
export const credentialModel = {
  uid: 'plugin::disclosure.consumer-credential',
  singularName: 'consumer-credential',
  tableName: CREDENTIAL_TABLE,
  attributes: {
    id: { type: 'increments' },
    siteId: { type: 'integer', column: { notNullable: true } },
    tokenHash: { type: 'string' },
    webhookSecret: { type: 'string' },
  },
  indexes: [
    { name: 'disclosure_consumer_credentials_site_uq', columns: ['site_id'], type: 'unique' },
    { name: 'disclosure_consumer_credentials_token_uq', columns: ['token_hash'], type: 'unique' },
  ],
};
