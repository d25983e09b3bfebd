#!/usr/bin/env node
/**
 * Benchmark: the consumer API (/api/disclosure/policies list and detail) against a minimal raw baseline — node:http
 * + a pg Pool answering the same query on the same data — in one run, on one fresh PostgreSQL database.
 *
 *   node bench/api.js
 *
 * Three processes, so that the load generator never shares an event loop with a server under test:
 *   - this one: creates the database, runs autocannon (10 connections, one scenario at a time), prints the table;
 *   - `--strapi` child: boots the compiled app (dist/), seeds the data, creates the consumer site, listens;
 *   - `--raw` child: the baseline server.
 *
 * Data: one policy created through the document service and released through the workflow (so its rows are what a
 * real release writes), then cloned with INSERT … SELECT into BENCH_ENTRIES more (draft + published rows, every link
 * table pointing at policies, workflow state, index number, feed event), each with its own documentId, title, slug,
 * 索引号 and release time. One clone in ten belongs to an organization outside the site's scope, so both servers
 * really filter.
 *
 * Scenarios (ours = Strapi, raw = baseline; both get the same request sequence):
 *   list uncached, page numbers — every request a distinct URL (page × pageSize 10–50 × sort releasedAt:desc|asc,
 *                      shuffled, pages within the list depth), so the response cache never answers; the run ends
 *                      early if the distinct URLs run out.
 *   list uncached, cursor anywhere — every request a distinct cursor URL starting at a row sampled over the whole
 *                      catalogue (signed with the app's key as the app signs them), pageSize 10–50, both sorts.
 *   list cached      — the same URL (/policies, page 1) over and over.
 *   list 304         — the same, with If-None-Match: <its ETag> (the raw server also answers 304 on a match).
 *   detail uncached  — every request a distinct documentId.
 *   detail cached    — the same documentId over and over.
 * Each scenario runs ours and raw alternately (ours–raw, raw–ours, ours–raw; BENCH_DURATION / 3 seconds each), so that
 * other work on the machine weighs on both alike; the raw server may repeat URLs (it has no response cache).
 * Targets: cached ≥ 1.0× raw req/s, uncached ≥ 0.5× raw req/s. Misses are printed, never fail the process.
 *
 * The raw server checks the bearer token by SHA-256 against the consumer sites' token hashes, held in an in-memory
 * map loaded at start (as a server caching its sites would); BENCH_RAW_TOKEN=query makes it one extra query per
 * request instead. Its list is two queries (page + count) run in parallel on the pool, its detail one query; both
 * compute a strong ETag over the JSON body.
 *
 * Sizes: BENCH_SIZES (clones per run, comma-separated, default 3000,100000,1000000; BENCH_ENTRIES=n runs one size),
 * each on a fresh database, then the uncached figures are printed side by side with their growth over the first
 * size. Past the first 3,000 clones bodies are cut to 300 characters (see cloneTemplate).
 * Environment: BENCH_DURATION (seconds per server and scenario, default 6),
 * BENCH_CONNECTIONS (default 10), BENCH_RAW_TOKEN (memory|query), BENCH_NODE_ENV (the app's NODE_ENV, default
 * production), TEST_DATABASE_HOST/PORT/USERNAME/PASSWORD (default 127.0.0.1:5432, postgres, no password). Anything
 * else in the environment (e.g. CONSUMER_CACHE=off) reaches the app.
 */
const { fork } = require('child_process');
const crypto = require('crypto');
const http = require('http');
const os = require('os');
const path = require('path');
const { Pool } = require('pg');

const { appDir, appEnv, createDatabase, ensureBuilt, server } = require('../scripts/lib/throwaway-app');
// Catalogue sizes, one fresh database each; BENCH_ENTRIES (one size) is kept for single runs.
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_ENTRIES ?? '3000,100000,1000000').split(',').map(Number).filter((n) => n > 0);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? SIZES[0]);
const FULL_BODIES = 3000;
// The app's list depth (consumer.listMaxDepth): page numbers reach it, cursors go on; counts stop at the count cap.
const pluginDefaults = () => require(path.join(appDir, 'dist/src/plugins/disclosure/server/src/config')).default.default().consumer;
const DEPTH = Number(process.env.CONSUMER_LIST_MAX_DEPTH ?? pluginDefaults().listMaxDepth);
const COUNT_CAP = Math.min(DEPTH, Number(process.env.CONSUMER_LIST_COUNT_CAP ?? pluginDefaults().listCountCap));
const listCursor = () => require(path.join(appDir, 'dist/src/plugins/disclosure/server/src/domain/consumer/list-cursor'));
const { queryKey } = require(path.join(appDir, 'dist/src/plugins/disclosure/server/src/domain/consumer/list-query'));
const { toLegalDate } = require(path.join(appDir, 'dist/src/plugins/disclosure/server/src/domain/legal-date'));
/** The secret and query digest the app signs list cursors with (services/consumer-api.ts). */
const cursorSecret = (keys = process.env.APP_KEYS) => `list-cursor:${keys.split(',')[0]}`;
const digestOf = (pageSize, sort) => listCursor().queryDigest(queryKey({ page: undefined, cursor: undefined, pageSize, sort, types: 'policies' }));
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RAW_TOKEN = process.env.BENCH_RAW_TOKEN ?? 'memory';
const WARMUP = 2; // seconds per server, on URLs the measured runs do not use
const ROUNDS = 3; // alternating runs per server and scenario, DURATION / ROUNDS seconds each

const POLICY = 'api::policy.policy';
const CONSUMER_SITE_TABLE = 'disclosure_consumer_sites';
const CREDENTIAL_TABLE = 'disclosure_consumer_credentials';
const CHANNEL = 'gongkai_consumer';


/* ------------------------------------------------------------------------------------------------------------ */
/* Strapi child: boot, seed, create the site, listen.                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

/** Releases an entry the only way there is: through the workflow, as the system actor (as tests/helpers/fixtures). */
async function release(strapi, uid, documentId) {
  const workflow = strapi.plugin('disclosure').service('workflow');
  await workflow.transition({ uid, documentId, action: 'submit' }, 'system');
  for (let i = 0; i < workflow.stagesFor(uid).length; i += 1) await workflow.transition({ uid, documentId, action: 'approve' }, 'system');
  return workflow.transition({ uid, documentId, action: 'release', reason: '补录发布' }, 'system');
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`;

async function columnsOf(knex, table) {
  const { rows } = await knex.raw(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    [table]
  );
  return rows;
}

async function tableExists(knex, table) {
  const { rows } = await knex.raw(`SELECT to_regclass(?) AS t`, [table]);
  return rows[0].t !== null;
}

/**
 * Clones the released template policy `count` times with SQL. Every row the release wrote for the template is copied
 * with the clone's documentId: both rows of `policies`, the rows of every table with a foreign key to `policies`
 * (the relation link tables), the workflow state, the index number and the feed event. Returns the tables that hold
 * the template's documentId and were not cloned (to be reported: rows the consumer API might read).
 */
async function cloneTemplate(knex, templateDocumentId, count, outOfScopeOrgId) {
  const shift = `(m.i * interval '37 minutes')`;
  return knex.transaction(async (trx) => {
    await trx.raw(
      `CREATE TEMP TABLE bench_map ON COMMIT DROP AS
       SELECT i, substr(md5('gongkai-bench-' || i), 1, 24) AS document_id FROM generate_series(1, ?::int) AS i`,
      [count]
    );
    await trx.raw(`CREATE UNIQUE INDEX ON bench_map (document_id)`);

    // policies: draft and published row of each clone.
    const override = {
      document_id: 'm.document_id',
      title: `t.title || '（' || m.i || '）'`,
      slug: `t.slug || '-' || m.i`,
      index_number: `regexp_replace(t.index_number, '[0-9]+$', '') || lpad((m.i + 1)::text, greatest(5, length((m.i + 1)::text)), '0')`,
      // Past the first FULL_BODIES clones a body is cut to 300 characters: a million full bodies (draft, released and
      // feed copies) would be ~27 GB of random CJK text to write; the list never reads bodies.
      body: `CASE WHEN m.i <= ${FULL_BODIES} THEN t.body ELSE left(t.body, 300) END`,
      published_at: `t.published_at - ${shift}`,
      created_at: `t.created_at - ${shift}`,
      updated_at: `t.updated_at - ${shift}`,
      formed_or_changed_at: `t.formed_or_changed_at - (m.i * 37 / 1440)`,
      released_on: `((tp.published_at - ${shift}) AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date`,
      due_date: `t.due_date - (m.i * 37 / 1440)`,
    };
    const cols = (await columnsOf(trx, 'policies')).map((c) => c.column_name).filter((c) => c !== 'id');
    await trx.raw(
      `INSERT INTO policies (${cols.map(quote).join(', ')})
       SELECT ${cols.map((c) => override[c] ?? `t.${quote(c)}`).join(', ')}
       FROM policies t
       JOIN policies tp ON tp.document_id = t.document_id AND tp.published_at IS NOT NULL
       CROSS JOIN bench_map m
       WHERE t.document_id = ?`,
      [templateDocumentId]
    );

    // Every table with a foreign key to policies(id): copy the template rows' links to the matching clone row.
    const { rows: fks } = await trx.raw(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid = 'policies'::regclass AND array_length(c.conkey, 1) = 1`
    );
    for (const { tbl, col } of fks) {
      const other = (await columnsOf(trx, tbl.replace(/"/g, ''))).map((c) => c.column_name).filter((c) => c !== 'id' && c !== col);
      await trx.raw(
        `INSERT INTO ${tbl} (${[col, ...other].map(quote).join(', ')})
         SELECT n.id${other.map((c) => `, l.${quote(c)}`).join('')}
         FROM bench_map m
         JOIN policies n ON n.document_id = m.document_id
         JOIN policies t ON t.document_id = ? AND (t.published_at IS NULL) = (n.published_at IS NULL)
         JOIN ${tbl} l ON l.${quote(col)} = t.id`,
        [templateDocumentId]
      );
    }
    // Attachments (a polymorphic link, no foreign key): the template's rows, pointed at each clone's row.
    await trx.raw(
      `INSERT INTO files_related_mph (file_id, related_id, related_type, field, "order")
       SELECT l.file_id, n.id, l.related_type, l.field, l."order"
       FROM bench_map m
       JOIN policies n ON n.document_id = m.document_id
       JOIN policies t ON t.document_id = ? AND (t.published_at IS NULL) = (n.published_at IS NULL)
       JOIN files_related_mph l ON l.related_id = t.id AND l.related_type = ?`,
      [templateDocumentId, POLICY]
    );
    // One clone in ten is published by an organization outside the site's scope.
    await trx.raw(
      `UPDATE policies_publishing_organization_lnk l SET organization_id = ?
       FROM policies n JOIN bench_map m ON m.document_id = n.document_id
       WHERE l.policy_id = n.id AND m.i % 10 = 0`,
      [outOfScopeOrgId]
    );

    // Workflow state (released, with the released hash).
    const wsCols = (await columnsOf(trx, 'disclosure_workflow_states')).map((c) => c.column_name).filter((c) => c !== 'id');
    const wsOverride = { target_document_id: 'm.document_id', updated_at: `t.updated_at - ${shift}` };
    await trx.raw(
      `INSERT INTO disclosure_workflow_states (${wsCols.map(quote).join(', ')})
       SELECT ${wsCols.map((c) => wsOverride[c] ?? `t.${quote(c)}`).join(', ')}
       FROM disclosure_workflow_states t CROSS JOIN bench_map m WHERE t.target_uid = ? AND t.target_document_id = ?`,
      [POLICY, templateDocumentId]
    );

    // Index numbers (unique values) and the sequence they come from.
    await trx.raw(
      `INSERT INTO disclosure_index_numbers (value, scope, seq, content_type, document_id, assigned_at)
       SELECT regexp_replace(t.value, '[0-9]+$', '') || lpad((m.i + 1)::text, greatest(5, length((m.i + 1)::text)), '0'), t.scope, m.i + 1, t.content_type, m.document_id, t.assigned_at - ${shift}
       FROM disclosure_index_numbers t CROSS JOIN bench_map m WHERE t.content_type = ? AND t.document_id = ?`,
      [POLICY, templateDocumentId]
    );
    await trx.raw(
      `UPDATE disclosure_index_sequences s SET last_value = greatest(s.last_value, ?::int + 1)
       FROM disclosure_index_numbers t WHERE t.content_type = ? AND t.document_id = ? AND s.scope = t.scope`,
      [count, POLICY, templateDocumentId]
    );

    // Feed events (the change feed), with the public representation patched to the clone.
    if (await tableExists(trx, 'disclosure_feed_events')) {
      const feColumns = await columnsOf(trx, 'disclosure_feed_events');
      const feCols = feColumns.map((c) => c.column_name).filter((c) => c !== 'id');
      const entryType = feColumns.find((c) => c.column_name === 'entry')?.data_type === 'jsonb' ? 'jsonb' : 'json';
      const feOverride = {
        target_document_id: 'm.document_id',
        entry: `CASE WHEN t.entry IS NULL THEN NULL ELSE (t.entry::jsonb || jsonb_build_object(
                  'documentId', m.document_id, 'title', n.title, 'slug', n.slug, 'indexNumber', n.index_number,
                  'releasedOn', n.released_on, 'releasedAt', to_char(n.published_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'body', n.body))::${entryType} END`,
        occurred_at: `t.occurred_at - ${shift}`,
        organization_id: `CASE WHEN m.i % 10 = 0 THEN ${Number(outOfScopeOrgId)} ELSE t.organization_id END`,
      };
      await trx.raw(
        `INSERT INTO disclosure_feed_events (${feCols.map(quote).join(', ')})
         SELECT ${feCols.map((c) => feOverride[c] ?? `t.${quote(c)}`).join(', ')}
         FROM disclosure_feed_events t CROSS JOIN bench_map m
         JOIN policies n ON n.document_id = m.document_id AND n.published_at IS NOT NULL
         WHERE t.target_uid = ? AND t.target_document_id = ?
         ORDER BY m.i DESC, t.id`,
        [POLICY, templateDocumentId]
      );
    }

    // Anything else holding the template's documentId that was not cloned (audit events and jobs on purpose).
    const handled = new Set(['policies', 'disclosure_workflow_states', 'disclosure_index_numbers', 'disclosure_feed_events', 'disclosure_audit_events', 'disclosure_jobs']);
    const { rows: candidates } = await trx.raw(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text') AND column_name LIKE '%document_id'`
    );
    const missed = [];
    for (const { table_name: t, column_name: c } of candidates) {
      if (handled.has(t)) continue;
      const { rows } = await trx.raw(`SELECT 1 FROM ${quote(t)} WHERE ${quote(c)} = ? LIMIT 1`, [templateDocumentId]);
      if (rows.length) missed.push(`${t}.${c}`);
    }
    return missed;
  });
}

/** Creates a consumer site reading `organizationDocumentIds` (all categories) and returns its one-time token. */
async function createSite(strapi, organizationDocumentIds) {
  const site = await strapi.documents('plugin::disclosure.consumer-site').create({
    data: { name: '基准县人民政府门户网站', organizations: organizationDocumentIds, categories: [], active: true },
  });
  const { token } = await strapi.plugin('disclosure').service('consumer-sites').issueToken(site.documentId);
  return token;
}

/** A body of about `chars` characters of varied CJK text (so PostgreSQL stores it out of line, as a real one). */
function policyBody(chars) {
  let a = 1;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const parts = [];
  for (let article = 1, n = 0; n < chars; article += 1) {
    let text = `第${article}条 `;
    const len = 60 + Math.floor(rand() * 120);
    for (let i = 0; i < len; i += 1) text += i % 23 === 22 ? '，' : String.fromCharCode(0x4e00 + Math.floor(rand() * 0x51a5));
    text += `。本条自2025年${1 + (article % 12)}月起施行。\n\n`;
    parts.push(text);
    n += text.length;
  }
  return parts.join('');
}

/** The reference data, one released template policy and its clones. */
async function seed(strapi) {
  const knex = strapi.db.connection;
  const docs = (uid) => strapi.documents(uid);
  const org = await docs('api::organization.organization').create({ data: { name: '基准市数据局', code: 'BENCH00001', kind: 'work_department' } });
  const otherOrg = await docs('api::organization.organization').create({ data: { name: '基准市财政局', code: 'BENCH00002', kind: 'work_department' } });
  const category = await docs('api::disclosure-category.disclosure-category').create({ data: { name: '统计信息', code: 'tjxx-bench' } });
  const topic = await docs('api::topic.topic').create({ data: { name: '综合政务', code: 't-bench' } });
  // An attachment, as a real policy has (the detail reads the media of every entry).
  const pdf = path.join(os.tmpdir(), `gongkai-bench-${process.pid}.pdf`);
  require('fs').writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const [file] = await strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name: '基准市数据资源管理办法.pdf' } },
    files: { filepath: pdf, originalFilename: '基准市数据资源管理办法.pdf', mimetype: 'application/pdf', size: require('fs').statSync(pdf).size },
  });
  const template = await docs(POLICY).create({
    data: {
      title: '关于印发基准市数据资源管理办法的通知',
      publishingOrganization: org.documentId,
      category: category.documentId,
      topics: [topic.documentId],
      formedOrChangedAt: toLegalDate(new Date()),
      summary: '为规范数据资源管理，促进数据共享开放，制定本办法。',
      keywords: '数据资源 管理办法',
      documentNumber: '基准发〔2025〕1号',
      issuingOrganizations: [org.documentId],
      writtenDate: '2025-03-01',
      effectiveDate: '2025-03-10',
      expiryDate: '2030-03-09',
      validity: 'valid',
      documentKind: 'normative_document',
      body: policyBody(3000),
      attachments: [file.id],
    },
  });
  await release(strapi, POLICY, template.documentId);
  const otherRow = await knex('organizations').where({ document_id: otherOrg.documentId }).first('id');
  const missed = await cloneTemplate(knex, template.documentId, ENTRIES, otherRow.id);
  // Steady state, as autovacuum keeps a catalogue that grew row by row: the bulk UPDATE above left dead link rows, and
  // bulk-loaded tables have no visibility map yet (index-only scans would visit the table for every row).
  await knex.raw('VACUUM ANALYZE');
  return { org, otherOrg, template, missed };
}

async function strapiChild() {
  const t0 = Date.now();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const loadSeconds = (Date.now() - t0) / 1000;
  const shutdown = async () => {
    try {
      await strapi.destroy();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);

  const t1 = Date.now();
  const knex = strapi.db.connection;
  const { org, missed } = await seed(strapi);
  const token = await createSite(strapi, [org.documentId]);
  // Tell every instance the catalogue changed, as a release does (the rows above were written behind its back).
  await knex.raw(`SELECT pg_notify(?, 'catalogue')`, [CHANNEL]);
  const seedSeconds = (Date.now() - t1) / 1000;

  await strapi.server.mount();
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.httpServer.listen(0, '127.0.0.1', resolve);
  });
  process.send({ type: 'ready', port: strapi.server.httpServer.address().port, token, missed, loadSeconds, seedSeconds });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Raw baseline: node:http + pg Pool.                                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

const TYPE_LABEL = '政策文件';
const VALIDITY_LABEL = { valid: '有效', expired: '失效', repealed: '废止', amended: '已修改' };
const KIND_LABEL = { administrative_regulation: '行政法规', rule: '规章', normative_document: '行政规范性文件', other_document: '其他文件' };

const ENTRY_COLUMNS = `
  p.id, p.document_id, p.title, p.slug, p.index_number, p.summary, p.keywords, p.formed_or_changed_at, p.released_on,
  p.published_at, p.document_number, p.written_date, p.effective_date, p.expiry_date, p.validity, p.document_kind,
  p.normative_registration_number,
  o.document_id AS org_document_id, o.name AS org_name, o.code AS org_code,
  c.document_id AS cat_document_id, c.name AS cat_name, c.code AS cat_code,
  ws.released_hash,
  (SELECT coalesce(json_agg(json_build_object('documentId', t.document_id, 'name', t.name, 'code', t.code) ORDER BY t.code, t.id), '[]')
     FROM policies_topics_lnk tl JOIN topics t ON t.id = tl.topic_id WHERE tl.policy_id = p.id) AS topics,
  (SELECT coalesce(json_agg(json_build_object('documentId', i.document_id, 'type', 'interpretations', 'title', i.title, 'indexNumber', i.index_number, 'slug', i.slug) ORDER BY i.published_at), '[]')
     FROM interpretations_policy_lnk ipl JOIN interpretations i ON i.id = ipl.interpretation_id
     WHERE ipl.policy_id = p.id AND i.published_at IS NOT NULL AND i.disclosure_attribute = 'proactive') AS interpretations`;
const ENTRY_FROM = `
  FROM policies p
  JOIN policies_publishing_organization_lnk pol ON pol.policy_id = p.id
  JOIN organizations o ON o.id = pol.organization_id
  LEFT JOIN policies_category_lnk pcl ON pcl.policy_id = p.id
  LEFT JOIN disclosure_categories c ON c.id = pcl.disclosure_category_id
  LEFT JOIN disclosure_workflow_states ws ON ws.target_uid = '${POLICY}' AND ws.target_document_id = p.document_id`;
// $1 organization ids (subtrees expanded), $2 category ids or NULL for all.
const ENTRY_WHERE = `
  WHERE p.published_at IS NOT NULL AND p.disclosure_attribute = 'proactive'
    AND pol.organization_id = ANY($1::int[]) AND ($2::int[] IS NULL OR pcl.disclosure_category_id = ANY($2::int[]))`;
// The page's ids first (filter, sort, offset on the narrow rows), then the page's 20 entries with their relations.
const SCOPED = `
  FROM policies p
  JOIN policies_publishing_organization_lnk pol ON pol.policy_id = p.id
  LEFT JOIN policies_category_lnk pcl ON pcl.policy_id = p.id
  ${ENTRY_WHERE}`;
// Exact up to the count cap, then capped, as the app counts.
const countQuery = `SELECT count(*)::int AS total FROM (SELECT 1 ${SCOPED} LIMIT ${COUNT_CAP + 1}) c`;
const SORTS_SQL = { 'releasedAt:desc': 'p.published_at DESC, p.id DESC', 'releasedAt:asc': 'p.published_at ASC, p.id ASC' };
const detailQuery = `
  SELECT ${ENTRY_COLUMNS}, p.body,
    (SELECT coalesce(json_agg(json_build_object('documentId', io.document_id, 'name', io.name, 'code', io.code) ORDER BY il.organization_ord), '[]')
       FROM policies_issuing_organizations_lnk il JOIN organizations io ON io.id = il.organization_id WHERE il.policy_id = p.id) AS issuing,
    (SELECT coalesce(json_agg(json_build_object('name', f.name, 'url', f.url, 'mime', f.mime, 'size', f.size) ORDER BY m."order", m.id), '[]')
       FROM files_related_mph m JOIN files f ON f.id = m.file_id
       WHERE m.related_id = p.id AND m.related_type = '${POLICY}' AND m.field = 'attachments') AS attachments
  ${ENTRY_FROM} ${ENTRY_WHERE} AND p.document_id = $3`;
// Offset ($4) or keyset after ($5 released time, $6 id); one row more than the page tells whether a next page exists.
// The page's keys first, each then driving its wide row (LATERAL), as the app reads a page.
const listQuery = (order, keyset) => `
  SELECT w.* FROM (SELECT p.id, p.published_at ${SCOPED} ${keyset ? `AND (p.published_at, p.id) ${order.includes('DESC') ? '<' : '>'} ($5, $6)` : ''} ORDER BY ${order} LIMIT $3 OFFSET $4) k
  CROSS JOIN LATERAL (SELECT ${ENTRY_COLUMNS}, p.published_at::text AS cursor_key ${ENTRY_FROM} WHERE p.id = k.id) w
  ORDER BY ${order.replace(/p\./g, 'k.')}`;

const isoDate = (d) => (d == null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
const isoTime = (d) => (d == null ? null : d instanceof Date ? d.toISOString() : String(d));

/** The entry as the contract shapes it; the detail adds the fields lists leave out. */
function toEntry(r, detail = false) {
  const entry = {
    documentId: r.document_id,
    type: 'policies',
    typeLabel: TYPE_LABEL,
    indexNumber: r.index_number,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    keywords: r.keywords,
    organization: { documentId: r.org_document_id, name: r.org_name, code: r.org_code },
    category: r.cat_document_id ? { documentId: r.cat_document_id, name: r.cat_name, code: r.cat_code } : null,
    topics: r.topics,
    formedOrChangedAt: isoDate(r.formed_or_changed_at),
    releasedOn: isoDate(r.released_on),
    releasedAt: isoTime(r.published_at),
    version: r.released_hash,
    documentNumber: r.document_number,
    documentKind: r.document_kind,
    documentKindLabel: KIND_LABEL[r.document_kind] ?? null,
    validity: r.validity,
    validityLabel: VALIDITY_LABEL[r.validity] ?? null,
  };
  // The app's key order (its whitelist's order), so that both servers send the same bytes.
  if (detail) entry.writtenDate = isoDate(r.written_date);
  entry.effectiveDate = isoDate(r.effective_date);
  if (detail) {
    Object.assign(entry, {
      expiryDate: isoDate(r.expiry_date),
      normativeRegistrationNumber: r.normative_registration_number,
      issuingOrganizations: r.issuing,
      body: r.body,
      attachments: r.attachments.map((f) => ({ ...f, size: f.size === null ? null : Number(f.size) })),
    });
  }
  entry.interpretations = r.interpretations;
  return entry;
}

async function rawChild() {
  // pg returns `timestamp without time zone` as local time; the app stores UTC.
  require('pg').types.setTypeParser(1114, (v) => new Date(`${v.replace(' ', 'T')}Z`));
  require('pg').types.setTypeParser(1082, (v) => v);
  // The app's session settings (JIT off, see config/database.ts): both servers run their SQL under the same planner.
  const pool = new Pool({ ...server, database: process.env.DATABASE_NAME, max: Number(process.env.DATABASE_POOL_MAX ?? 10), options: process.env.DATABASE_PG_OPTIONS ?? require(path.join(appDir, 'dist/config/database')).DEFAULT_PG_OPTIONS });

  /** Each active site's scope: organization ids with their subtrees, category ids with theirs (null = all). */
  async function loadScope(siteId) {
    const subtree = async (linkTable, table, ids) => {
      if (ids.length === 0) return [];
      const col = `${table.replace(/ies$/, 'y').replace(/s$/, '')}_id`; // organizations → organization_id, disclosure_categories → disclosure_category_id
      const { rows } = await pool.query(
        `WITH RECURSIVE t(id) AS (SELECT unnest($1::int[]) UNION SELECT l.${col} FROM ${linkTable} l JOIN t ON l.inv_${col} = t.id) SELECT id FROM t`,
        [ids]
      );
      return rows.map((r) => r.id);
    };
    const ids = async (link, col) => (await pool.query(`SELECT ${col} AS id FROM ${link} WHERE consumer_site_id = $1`, [siteId])).rows.map((r) => r.id);
    const orgs = await subtree('organizations_parent_lnk', 'organizations', await ids(`${CONSUMER_SITE_TABLE}_organizations_lnk`, 'organization_id'));
    const cats = await ids(`${CONSUMER_SITE_TABLE}_categories_lnk`, 'disclosure_category_id');
    return { orgs, cats: cats.length ? await subtree('disclosure_categories_parent_lnk', 'disclosure_categories', cats) : null };
  }
  const sites = new Map(); // token hash → scope
  const byId = new Map(); // site id → scope (BENCH_RAW_TOKEN=query)
  // The token hash lives in the credentials table, one row per site.
  const tokenSource = `${CONSUMER_SITE_TABLE} s JOIN ${CREDENTIAL_TABLE} k ON k.site_id = s.id`;
  const activeSite = `s.active AND k.token_hash IS NOT NULL AND s.token_revoked_at IS NULL`;
  const { rows: active } = await pool.query(`SELECT s.id, k.token_hash FROM ${tokenSource} WHERE ${activeSite}`);
  for (const row of active) {
    const scope = await loadScope(row.id);
    sites.set(row.token_hash, scope);
    byId.set(row.id, scope);
  }

  async function authenticate(req) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) return null;
    const hash = crypto.createHash('sha256').update(match[1], 'utf8').digest('hex');
    if (RAW_TOKEN === 'query') {
      const { rows } = await pool.query(`SELECT s.id FROM ${tokenSource} WHERE k.token_hash = $1 AND ${activeSite}`, [hash]);
      return rows.length ? byId.get(rows[0].id) ?? null : null;
    }
    return sites.get(hash) ?? null;
  }

  const send = (req, res, status, body) => {
    const json = JSON.stringify(body);
    const etag = `"${crypto.createHash('sha256').update(json).digest('base64url')}"`;
    const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-cache', Vary: 'Authorization', ETag: etag };
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(status, headers);
    res.end(json);
  };
  const fail = (req, res, status, code) => send(req, res, status, { data: null, error: { status, name: code, message: code } });

  const LIST = '/api/disclosure/policies';

  async function list(req, res, scope, query) {
    for (const key of query.keys()) if (!['page', 'pageSize', 'sort', 'cursor'].includes(key)) return fail(req, res, 400, 'UNKNOWN_PARAMETER');
    const pageSize = Number(query.get('pageSize') ?? 20);
    const sort = query.get('sort') ?? 'releasedAt:desc';
    const order = SORTS_SQL[sort];
    const after = query.get('cursor') ? listCursor().decodeListCursor(query.get('cursor'), cursorSecret(), digestOf(pageSize, sort)) : undefined;
    const page = after ? after.page : Number(query.get('page') ?? 1);
    if (after === null || !Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !order) return fail(req, res, 400, 'INVALID_PARAMETER');
    if (!after && page * pageSize > DEPTH) return fail(req, res, 400, 'PAGE_TOO_DEEP');
    const params = [scope.orgs, scope.cats];
    const [rows, count] = await Promise.all([
      pool.query(listQuery(order, Boolean(after)), [...params, pageSize + 1, after ? 0 : (page - 1) * pageSize, ...(after ? [after.releasedAt, after.tieBreaker] : [])]),
      pool.query(countQuery, params),
    ]);
    const counted = count.rows[0].total;
    const total = Math.min(counted, COUNT_CAP);
    const pageRows = rows.rows.slice(0, pageSize);
    const last = pageRows[pageRows.length - 1];
    const nextCursor = rows.rows.length > pageSize ? listCursor().encodeListCursor({ releasedAt: last.cursor_key, tieBreaker: last.id, page: page + 1, query: digestOf(pageSize, sort) }, cursorSecret()) : null;
    const pagination = { page, pageSize, total, pageCount: Math.ceil(total / pageSize), ...(counted > COUNT_CAP ? { totalCapped: true } : {}), nextCursor };
    send(req, res, 200, { data: pageRows.map((r) => toEntry(r)), meta: { pagination } });
  }

  async function detail(req, res, scope, documentId) {
    const { rows } = await pool.query(detailQuery, [scope.orgs, scope.cats, documentId]);
    if (rows.length === 0) return fail(req, res, 404, 'NOT_FOUND');
    const r = rows[0];
    send(req, res, 200, { data: toEntry(r, true) });
  }

  let loggedError = false;
  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://raw');
    (async () => {
      if (req.method !== 'GET') return fail(req, res, 405, 'METHOD_NOT_ALLOWED');
      if (!url.pathname.startsWith(`${LIST}`)) return fail(req, res, 404, 'NOT_FOUND');
      if (!req.headers.authorization) return fail(req, res, 401, 'CONSUMER_TOKEN_REQUIRED');
      const scope = await authenticate(req);
      if (!scope) return fail(req, res, 401, 'CONSUMER_TOKEN_INVALID');
      if (url.pathname === LIST) return list(req, res, scope, url.searchParams);
      const match = /^\/api\/disclosure\/policies\/([a-z0-9]{1,64})$/.exec(url.pathname);
      if (match) return detail(req, res, scope, match[1]);
      return fail(req, res, 404, 'NOT_FOUND');
    })().catch((error) => {
      if (!loggedError) console.error('raw server:', error);
      loggedError = true;
      if (!res.headersSent) fail(req, res, 500, 'INTERNAL');
    });
  });
  httpServer.keepAliveTimeout = 65_000;
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const shutdown = () => {
    httpServer.close(() => pool.end().finally(() => process.exit(0)));
    httpServer.closeAllConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  process.send({ type: 'ready', port: httpServer.address().port, sites: sites.size });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Harness.                                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

/** Deterministic shuffle (mulberry32), so every run sends the same sequence. */
function shuffle(items, seed = 42) {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function get(port, urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode, headers: res.headers, body, text, bytes: Buffer.byteLength(text) });
      });
    });
    req.on('error', reject);
  });
}

function spawnChild(mode, env, timeoutMs) {
  const child = fork(__filename, [mode], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} child not ready after ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${mode} child exited with code ${code} before it was ready`));
    });
  });
  return { child, ready };
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * One autocannon run. With `source` ({ paths, next, cycle }) every request takes the next path, each at most once
 * over all the runs sharing the source unless `cycle` (for the raw server, which has no response cache: repeating a
 * path costs it the same). Latencies are collected per response, so runs can be merged exactly.
 */
function cannon(port, { path: fixedPath, source, headers, duration, connections = CONNECTIONS }) {
  const autocannon = require('autocannon');
  const opts = { url: `http://127.0.0.1:${port}${fixedPath ?? '/'}`, connections, duration, headers };
  if (source) {
    const remaining = source.paths.length - source.next;
    if (!source.cycle && remaining < connections) return Promise.resolve({ total: 0, duration: 0, latencies: [], statuses: {}, errors: 0, exhausted: true });
    opts.requests = [{ setupRequest: (req) => ({ ...req, path: source.paths[source.next++ % source.paths.length] }) }];
    if (!source.cycle) opts.maxOverallRequests = remaining;
  }
  const latencies = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (error, result) => {
      if (error) return reject(error);
      resolve({
        total: result.requests.total,
        duration: result.duration,
        latencies,
        statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, st]) => [code, st.count])),
        errors: result.errors,
        exhausted: Boolean(source) && !source.cycle && source.next >= source.paths.length,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Merges runs of one target: req/s over the summed durations, percentiles over every response. */
function merge(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] : null);
  const total = runs.reduce((n, r) => n + r.total, 0);
  const duration = runs.reduce((n, r) => n + r.duration, 0);
  const statuses = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: duration ? total / duration : null,
    p50: pct(0.5),
    p99: pct(0.99),
    total,
    duration,
    statuses,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    exhausted: runs.some((r) => r.exhausted),
  };
}

const fmt = (n, digits = 0) => (n == null || Number.isNaN(n) ? '-' : n.toFixed(digits));
const pad = (s, n, right = false) => (right ? String(s).padEnd(n) : String(s).padStart(n));

async function runSize(entries) {
  try {
    require.resolve('autocannon');
  } catch {
    throw new Error('autocannon is not installed (it is a devDependency: run npm install)');
  }
  ensureBuilt();
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const { database, drop } = await createDatabase();
  const env = {
    ...process.env,
    ...appEnv(database),
    NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
    BENCH_ENTRIES: String(entries),
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
    // One client hammering on purpose: budgets it never reaches, so the limiter's cost is measured, not its 429s.
    RATE_LIMIT_SITE_POINTS: process.env.RATE_LIMIT_SITE_POINTS ?? '1000000000',
    RATE_LIMIT_IP_POINTS: process.env.RATE_LIMIT_IP_POINTS ?? '1000000000',
  };
  delete env.DATABASE_URL;
  let app;
  let raw;
  const cleanup = async () => {
    await Promise.all([stopChild(app), stopChild(raw)]);
    await drop();
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  try {
    const strapiChild = spawnChild('--strapi', env, 180_000 + entries * 3);
    app = strapiChild.child;
    const ours = await strapiChild.ready;
    console.log(`\n=== ${entries} entries ===\napp booted in ${ours.loadSeconds.toFixed(1)} s; seeded 1 released + ${entries} cloned policies in ${ours.seedSeconds.toFixed(1)} s (NODE_ENV=${env.NODE_ENV})`);
    if (ours.missed.length) console.log(`note: rows holding the template's documentId that were not cloned: ${ours.missed.join(', ')}`);
    const rawChildProcess = spawnChild('--raw', env, 30_000);
    raw = rawChildProcess.child;
    const baseline = await rawChildProcess.ready;
    if (baseline.sites !== 1) throw new Error(`raw server found ${baseline.sites} active consumer sites, expected 1`);

    const headers = { authorization: `Bearer ${ours.token}` };
    const LIST = '/api/disclosure/policies';

    // Both must serve the same catalogue before anything is measured.
    const [oursList, rawList] = await Promise.all([get(ours.port, LIST, headers), get(baseline.port, LIST, headers)]);
    if (oursList.status !== 200) throw new Error(`ours: GET ${LIST} answered ${oursList.status}: ${JSON.stringify(oursList.body).slice(0, 500)}`);
    const total = oursList.body?.meta?.pagination?.total;
    const rawTotal = rawList.body.meta.pagination.total;
    console.log(`list total: ours ${total}, raw ${rawTotal}; page-1 body ${oursList.bytes} B ours, ${rawList.bytes} B raw; ETag ours ${oursList.headers.etag ?? '(none)'}`);
    if (!(total >= Math.min(1000, COUNT_CAP))) throw new Error(`ours: list total ${total}, expected ≥ 1000 released in-scope policies`);
    if (total !== rawTotal) console.log(`WARNING: ours and raw disagree on the list total (${total} vs ${rawTotal})`);
    const oursIds = oursList.body.data.map((e) => e.documentId);
    const rawIds = rawList.body.data.map((e) => e.documentId);
    if (oursIds.join() !== rawIds.join()) console.log(`WARNING: page 1 differs between ours and raw (order or content)`);

    // A sample of in-scope released rows spread over the whole catalogue, with their rank in released order (newest
    // first), straight from the database: documentIds for the details, positions for the cursors.
    const pool = new Pool({ ...server, database });
    const inScopeRows = `FROM policies p JOIN policies_publishing_organization_lnk pol ON pol.policy_id = p.id JOIN organizations o ON o.id = pol.organization_id
      WHERE p.published_at IS NOT NULL AND p.disclosure_attribute = 'proactive' AND o.code = 'BENCH00001'`;
    let inScope;
    let sample;
    try {
      inScope = (await pool.query(`SELECT count(*)::int AS n ${inScopeRows}`)).rows[0].n;
      ({ rows: sample } = await pool.query(
        `SELECT document_id, k, id, rn FROM (
           SELECT p.document_id, p.published_at::text AS k, p.id, row_number() OVER (ORDER BY p.published_at DESC, p.id DESC) AS rn ${inScopeRows}) x
         WHERE rn % greatest(1, $1::int / 6000) = 0`,
        [inScope]
      ));
    } finally {
      await pool.end();
    }
    const allIds = sample.map((r) => r.document_id);
    const ids = shuffle(allIds, 7);
    const warmIds = ids.slice(0, 200);
    const detailIds = ids.slice(200);
    const [oursDetail, rawDetail] = await Promise.all([get(ours.port, `${LIST}/${warmIds[0]}`, headers), get(baseline.port, `${LIST}/${warmIds[0]}`, headers)]);
    if (oursDetail.status !== 200) throw new Error(`ours: GET ${LIST}/${warmIds[0]} answered ${oursDetail.status}: ${JSON.stringify(oursDetail.body).slice(0, 500)}`);
    if (rawDetail.status !== 200) throw new Error(`raw: GET ${LIST}/${warmIds[0]} answered ${rawDetail.status}`);
    // The baseline must do the same work: both servers must send the same bytes (a list page with its cursor, a
    // detail with its relations and attachments), or the ratios compare different things.
    const sameBytes = async (what, urlPath) => {
      const [a, b] = await Promise.all([get(ours.port, urlPath, headers), get(baseline.port, urlPath, headers)]);
      const equal = a.status === 200 && a.text === b.text;
      console.log(`${what} body: ${a.bytes} B ours, ${b.bytes} B raw — ${equal ? 'identical' : 'DIFFERENT'}`);
      if (!equal) {
        const [x, y] = [a.body?.data ?? {}, b.body?.data ?? {}];
        const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
        throw new Error(`ours and raw answer ${urlPath} differently (fields: ${keys.join(', ') || 'order or meta'}); the baseline must produce the same bytes`);
      }
    };
    await sameBytes('list page', `${LIST}?pageSize=20`);
    await sameBytes('detail', `${LIST}/${warmIds[0]}`);
    await sameBytes('detail (newest, full body)', `${LIST}/${oursList.body.data[0].documentId}`);

    // Distinct list URLs for the uncached runs; pageSize 60–70 only warms up. Page numbers reach the list depth;
    // cursors start anywhere in the catalogue (signed as the app signs them, from the sampled positions).
    const listUrls = (sizes) => {
      const urls = [];
      for (const sort of ['releasedAt:desc', 'releasedAt:asc'])
        for (const pageSize of sizes)
          for (let page = 1; page <= Math.ceil(Math.min(inScope, DEPTH) / pageSize) && page * pageSize <= DEPTH; page += 1) urls.push(`${LIST}?page=${page}&pageSize=${pageSize}&sort=${encodeURIComponent(sort)}`);
      return shuffle(urls, 11);
    };
    const cursorUrls = (sizes) =>
      shuffle(
        sample.flatMap((r, i) => {
          const pageSize = sizes[i % sizes.length];
          return ['releasedAt:desc', 'releasedAt:asc'].map((sort) => {
            const rank = sort === 'releasedAt:desc' ? Number(r.rn) : inScope - Number(r.rn) + 1;
            const cursor = listCursor().encodeListCursor({ releasedAt: r.k, tieBreaker: r.id, page: Math.max(2, Math.floor(rank / pageSize) + 1), query: digestOf(pageSize, sort) }, cursorSecret(env.APP_KEYS));
            return `${LIST}?pageSize=${pageSize}&sort=${encodeURIComponent(sort)}&cursor=${encodeURIComponent(cursor)}`;
          });
        }),
        13
      );
    // Each half of the distinct URLs serves one load (10 connections, then one client): no scenario meets a URL
    // another one has put in the response cache.
    const halves = (urls) => [urls.filter((_, i) => i % 2 === 0), urls.filter((_, i) => i % 2 === 1)];
    const [uncachedListUrls, latencyListUrls] = halves(listUrls(Array.from({ length: 41 }, (_, i) => 10 + i)));
    const [uncachedCursorUrls, latencyCursorUrls] = halves(cursorUrls(Array.from({ length: 41 }, (_, i) => 10 + i)));
    const warmListUrls = [...listUrls(Array.from({ length: 11 }, (_, i) => 60 + i)).slice(0, 300), ...cursorUrls([60, 70]).slice(0, 300)];

    const warmPaths = shuffle([...warmListUrls, ...warmIds.map((id) => `${LIST}/${id}`)], 3);
    for (const port of [ours.port, baseline.port]) await cannon(port, { source: { paths: warmPaths, next: 0, cycle: false }, headers, duration: WARMUP });

    const cachedDetail = `${LIST}/${warmIds[0]}`;
    const etagOf = async (port, p) => (await get(port, p, headers)).headers.etag;
    const [detailUrls, latencyDetailUrls] = halves(detailIds.map((id) => `${LIST}/${id}`));
    // spec(port, isRaw) → autocannon options for that server (a fresh path source per server and scenario).
    const scenarios = [
      { name: 'list uncached, page numbers', target: 0.5, expect: '200', spec: async (port, isRaw) => ({ source: { paths: uncachedListUrls, next: 0, cycle: isRaw }, headers }) },
      { name: 'list uncached, cursor anywhere', target: 0.5, expect: '200', spec: async (port, isRaw) => ({ source: { paths: uncachedCursorUrls, next: 0, cycle: isRaw }, headers }) },
      { name: 'list cached', target: 1.0, expect: '200', spec: async () => ({ path: LIST, headers }) },
      {
        name: 'list cached, If-None-Match → 304',
        target: 1.0,
        expect: '304',
        spec: async (port) => {
          const etag = await etagOf(port, LIST);
          return etag ? { path: LIST, headers: { ...headers, 'if-none-match': etag } } : null;
        },
      },
      { name: 'detail uncached', target: 0.5, expect: '200', spec: async (port, isRaw) => ({ source: { paths: detailUrls, next: 0, cycle: isRaw }, headers }) },
      { name: 'detail cached', target: 1.0, expect: '200', spec: async () => ({ path: cachedDetail, headers }) },
      // One client, one request at a time: the time a request takes when it does not queue behind nine others.
      { name: 'list uncached, page numbers, 1 client', target: 0.5, expect: '200', connections: 1, spec: async (port, isRaw) => ({ source: { paths: latencyListUrls, next: 0, cycle: isRaw }, headers }) },
      { name: 'list uncached, cursor anywhere, 1 client', target: 0.5, expect: '200', connections: 1, spec: async (port, isRaw) => ({ source: { paths: latencyCursorUrls, next: 0, cycle: isRaw }, headers }) },
      { name: 'detail uncached, 1 client', target: 0.5, expect: '200', connections: 1, spec: async (port, isRaw) => ({ source: { paths: latencyDetailUrls, next: 0, cycle: isRaw }, headers }) },
    ];

    // Each scenario alternates ours and raw in ROUNDS short runs (ours–raw, raw–ours, …), so that load from other
    // work on the machine falls on both alike.
    const rows = [];
    for (const s of scenarios) {
      const specs = { ours: await s.spec(ours.port, false), raw: await s.spec(baseline.port, true) };
      const runs = { ours: [], raw: [] };
      const portOf = { ours: ours.port, raw: baseline.port };
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const who of round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours']) {
          if (specs[who]) runs[who].push(await cannon(portOf[who], { ...specs[who], duration: DURATION / ROUNDS, connections: s.connections ?? CONNECTIONS }));
        }
      }
      const o = specs.ours ? merge(runs.ours) : { skipped: 'no ETag', statuses: {} };
      const r = specs.raw ? merge(runs.raw) : { skipped: 'no ETag', statuses: {} };
      const ratio = o.rps && r.rps ? o.rps / r.rps : null;
      rows.push({ ...s, o, r, ratio });
      const note = (x) => {
        const notes = [];
        if (x.skipped) notes.push(x.skipped);
        const unexpected = Object.entries(x.statuses ?? {}).filter(([code]) => code !== s.expect);
        if (unexpected.length) notes.push(`status ${unexpected.map(([c, n]) => `${c}×${n}`).join(' ')}`);
        if (x.errors) notes.push(`${x.errors} errors`);
        if (x.exhausted) notes.push(`all distinct URLs used, after ${fmt(x.duration, 1)} s`);
        return notes.join(', ');
      };
      const line = (who, x) => `  ${who}: ${fmt(x.rps)} req/s, p50 ${fmt(x.p50)} ms, p99 ${fmt(x.p99)} ms, ${x.total ?? 0} requests${note(x) ? ` (${note(x)})` : ''}`;
      console.log(`${s.name}\n${line('ours', o)}\n${line('raw ', r)}`);
    }

    const w = [42, 9, 7, 7, 9, 7, 7, 7, 8, 6];
    const header = ['scenario', 'ours r/s', 'p50 ms', 'p99 ms', 'raw r/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'result'];
    const sep = w.map((n) => '-'.repeat(n)).join('-+-');
    console.log('');
    console.log(`consumer API vs raw pg + node:http — ${inScope} released in-scope policies (total shown ${total}), ${CONNECTIONS} connections, ${DURATION} s per server and scenario (${ROUNDS} alternating runs), raw token check: ${RAW_TOKEN === 'query' ? 'one query per request' : 'in-memory map of token hashes'}`);
    console.log(header.map((h, i) => pad(h, w[i], i === 0)).join(' | '));
    console.log(sep);
    for (const row of rows) {
      const bad = (x) => x.skipped || Object.keys(x.statuses ?? {}).some((c) => c !== row.expect);
      const result = row.ratio == null || bad(row.o) ? 'MISS' : row.ratio >= row.target ? 'PASS' : 'MISS';
      const cells = [row.name, fmt(row.o.rps), fmt(row.o.p50), fmt(row.o.p99), fmt(row.r.rps), fmt(row.r.p50), fmt(row.r.p99), row.ratio == null ? '-' : `${row.ratio.toFixed(2)}x`, `≥ ${row.target.toFixed(1)}x`, result];
      console.log(cells.map((c, i) => pad(c, w[i], i === 0)).join(' | '));
    }
    console.log(`(ratio = ours req/s ÷ raw req/s; a MISS also when ours answered other statuses than expected; total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    const load = os.loadavg()[0];
    results.push({ entries, inScope, rows });
    console.log(`1-min load average ${loadAtStart.toFixed(1)} before the run (${load.toFixed(1)} at its end, this run included) on ${os.cpus().length} CPUs${loadAtStart > os.cpus().length * 0.75 ? ' — the machine was busy with other work before the run: numbers are noisy, run again when idle' : ''}`);
  } finally {
    await cleanup();
  }
}

const results = [];

/** Every size in turn, each on a fresh database; then the uncached figures side by side, with their growth. */
async function main() {
  for (const entries of SIZES) {
    await runSize(entries);
  }
  if (results.length < 2) return;
  const base = results[0];
  console.log(`\nuncached reads by catalogue size (growth = p50 ÷ p50 at ${base.entries}); target at ≥ 100,000 entries: p50 < 30 ms, p99 < 100 ms`);
  const names = ['list uncached, page numbers', 'list uncached, cursor anywhere', 'detail uncached'];
  for (const name of [...names, ...names.map((n) => `${n}, 1 client`)]) {
    const baseRow = base.rows.find((r) => r.name === name);
    for (const { entries, rows } of results) {
      const row = rows.find((r) => r.name === name);
      // A miss the raw baseline shares is the machine's (cores shared by the load, the app and PostgreSQL), not the app's.
      const within = (r) => r.p50 < 30 && r.p99 < 100;
      const target = entries >= 100_000 ? (within(row.o) ? ' PASS' : within(row.r) ? ' MISS' : ' MISS (raw misses too)') : '';
      console.log(`  ${pad(name, 42, true)} ${pad(entries, 8)}: ours ${fmt(row.o.rps)} req/s, p50 ${fmt(row.o.p50)} ms, p99 ${fmt(row.o.p99)} ms; raw ${fmt(row.r.rps)} req/s, p50 ${fmt(row.r.p50)} ms, p99 ${fmt(row.r.p99)} ms; ratio ${row.ratio == null ? '-' : row.ratio.toFixed(2)}x; growth ${fmt(row.o.p50 / baseRow.o.p50, 2)}x${target}`);
    }
  }
}

const fatal = (error) => {
  console.error(error);
  process.exit(1);
};

if (process.argv[2] === '--strapi') strapiChild().catch(fatal);
else if (process.argv[2] === '--raw') rawChild().catch(fatal);
else if (require.main === module) main().catch(fatal);

module.exports = { seed, createSite, cloneTemplate, shuffle, cannon, merge, spawnChild, stopChild, get };
