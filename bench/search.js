#!/usr/bin/env node
/**
 * Benchmark: full-text search (GET /api/disclosure/search) over BENCH_ENTRIES released policies (default 100,000) on
 * PostgreSQL, against a raw baseline — node:http + a pg Pool running the same SQL on the same rows — in one run.
 *
 *   node bench/search.js
 *
 * Processes, as in bench/api.js: this one (creates the database, runs autocannon at BENCH_CONNECTIONS = 10, prints);
 * a `--strapi` child (boots dist/, seeds, listens); a `--raw` child (the baseline).
 *
 * Data: bench/api.js's seed — one policy created and released through the workflow (its search row written by the
 * release itself, attachment extraction included), cloned with INSERT … SELECT into BENCH_ENTRIES released policies,
 * one in ten outside the site's scope. Then every clone's search row is built here, in batches: a title and a text
 * of ~200 characters made of words from jieba's own dictionary (frequent words more often, as in real text), segmented
 * and weighted by the app's own domain code (tsvectorLiteral over cutForSearch), so that queries match anywhere from
 * one entry to a large part of the catalogue. (The clones' policies rows keep the template's text; the search reads
 * its own table only.)
 *
 * Scenarios (each request a distinct URL, so the response cache never answers; ours and raw alternate):
 *   mixed queries  — one word, two words, a 3-character substring of a title, and a 文号, shuffled: what readers type;
 *   frequent word  — one of the 20 most frequent words (tens of thousands of matches ranked), pages 1–10.
 * Target (issue 14): top-20 p50 < 50 ms and p99 < 200 ms at 10 connections on 100,000 entries.
 * Environment: BENCH_ENTRIES, BENCH_DURATION (seconds per server and scenario, default 9), BENCH_CONNECTIONS,
 * TEST_DATABASE_* (see scripts/lib/throwaway-app.js).
 */
const { fork } = require('child_process');
const crypto = require('crypto');
const http = require('http');
const path = require('path');
const { Pool } = require('pg');
const { appDir, appEnv, createDatabase, ensureBuilt, server } = require('../scripts/lib/throwaway-app');

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 9);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = 3;
const PAGE_SIZE = 20;
const SEARCH_TABLE = 'disclosure_search_documents';
const dist = (p) => path.join(appDir, 'dist/src/plugins/disclosure/server/src', p);

/** Deterministic pseudo-random numbers (runs compare). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** jieba's dictionary: the 4,000 most frequent Chinese words of 2–4 characters, most frequent first. */
function vocabulary() {
  const { dict } = require('@node-rs/jieba/dict');
  const words = [];
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, freq] = line.trim().split(/\s+/);
    if (word && /^[\u4e00-\u9fff]{2,4}$/.test(word)) words.push([word, Number(freq)]);
  }
  return words.sort((a, b) => b[1] - a[1]).slice(0, 4000).map(([w]) => w);
}

/** A word, frequent ones more often (rank^-1-ish: Zipf, as in text). */
const pick = (rand, words) => words[Math.min(words.length - 1, Math.floor(Math.exp(rand() * Math.log(words.length))) - 1)];

/* ------------------------------------------------------------------------------------------------------------ */
/* Strapi child                                                                                                  */
/* ------------------------------------------------------------------------------------------------------------ */

async function buildSearchRows(knex, words) {
  const { jieba } = require(dist('services/search'));
  const { tsvectorLiteral } = require(dist('domain/consumer/search'));
  const cut = jieba();
  const rand = random(7);
  const template = await knex(SEARCH_TABLE).where({ type: 'policies' }).orderBy('id').first();
  const { rows: clones } = await knex.raw(
    `SELECT p.document_id, p.index_number, p.released_on, p.published_at, ol.organization_id, cl.disclosure_category_id AS category_id
     FROM policies p
     JOIN policies_publishing_organization_lnk ol ON ol.policy_id = p.id
     LEFT JOIN policies_category_lnk cl ON cl.policy_id = p.id
     WHERE p.published_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${SEARCH_TABLE} s WHERE s.type = 'policies' AND s.document_id = p.document_id)`
  );
  const suffixes = ['的通知', '实施办法', '工作方案', '管理规定', '的意见', '情况通报'];
  const titles = [];
  for (let i = 0; i < clones.length; i += 1000) {
    const rows = clones.slice(i, i + 1000).map((c, j) => {
      const title = `关于${pick(rand, words)}${pick(rand, words)}${pick(rand, words)}${suffixes[(i + j) % suffixes.length]}`;
      let text = '';
      while (text.length < 200) text += pick(rand, words) + (rand() < 0.1 ? '，' : '');
      const documentNumber = `基准发〔${2000 + ((i + j) % 26)}〕${(i + j) % 997}号`;
      titles.push(title);
      const body = `${text}。\n${c.index_number}\n${documentNumber}`;
      const vector = tsvectorLiteral([
        { tokens: cut.cutForSearch(title), weight: 'A' },
        { tokens: cut.cutForSearch(body), weight: 'B' },
      ]);
      return {
        type: 'policies',
        document_id: c.document_id,
        organization_id: c.organization_id,
        category_id: c.category_id,
        released_on: c.released_on,
        published_at: c.published_at,
        index_number: c.index_number,
        title,
        title_text: title,
        body,
        attachment_text: '',
        tokens: knex.raw('?::tsvector', [vector]),
      };
    });
    await knex(SEARCH_TABLE).insert(rows);
  }
  await knex.raw(`VACUUM ANALYZE ${SEARCH_TABLE}`);
  return { built: clones.length, template: Boolean(template), titles: titles.filter((_, i) => i % 97 === 0) };
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
  // bench/api.js starts its own child when its argv[2] is '--strapi': ours must not look like one to it.
  process.argv[2] = '--search-strapi';
  const { seed, createSite } = require('./api');
  const { org } = await seed(strapi);
  const seedSeconds = (Date.now() - t1) / 1000;
  const t2 = Date.now();
  const words = vocabulary();
  const { built, template, titles } = await buildSearchRows(knex, words);
  const indexSeconds = (Date.now() - t2) / 1000;
  const token = await createSite(strapi, [org.documentId]);
  await knex.raw(`SELECT pg_notify('gongkai_consumer', 'catalogue')`);
  await strapi.server.mount();
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.httpServer.listen(0, '127.0.0.1', resolve);
  });
  const { rows } = await knex.raw(`SELECT datctype FROM pg_database WHERE datname = current_database()`);
  const trgm = (await knex.raw(`SELECT 1 FROM pg_indexes WHERE indexname = 'disclosure_search_documents_trgm_idx'`)).rows.length > 0;
  process.send({ type: 'ready', port: strapi.server.httpServer.address().port, token, loadSeconds, seedSeconds, indexSeconds, built, template, titles, words: words.slice(0, 2000), ctype: rows[0].datctype, trgm });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Raw baseline: node:http + pg Pool, the same statement the service runs (without the response cache).          */
/* ------------------------------------------------------------------------------------------------------------ */

async function rawChild() {
  const { jieba } = require(dist('services/search'));
  const { tsqueryLiteral, likePattern, buildSnippet, highlightTerms } = require(dist('domain/consumer/search'));
  const cut = jieba();
  const pool = new Pool({ ...server, database: process.env.DATABASE_NAME, max: 10 });
  const { rows: scopeRows } = await pool.query(`SELECT id FROM organizations WHERE code = 'BENCH00001'`);
  const scope = scopeRows.map((r) => r.id);
  const tokenHash = process.env.BENCH_TOKEN_SHA256;
  const httpServer = http.createServer(async (req, res) => {
    try {
      const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (crypto.createHash('sha256').update(bearer).digest('hex') !== tokenHash) {
        res.writeHead(401).end();
        return;
      }
      const url = new URL(req.url, 'http://x');
      const q = (url.searchParams.get('q') ?? '').trim();
      const page = Number(url.searchParams.get('page') ?? 1);
      const tokens = cut.cut(q);
      const tsquery = tsqueryLiteral(tokens);
      const pattern = likePattern(q);
      const substring = Array.from(q).length >= 3 || !tsquery;
      const where = [tsquery ? 's.tokens @@ $2::tsquery' : null, substring ? `(s.title_text || ' ' || s.body || ' ' || s.attachment_text) ILIKE $3 ESCAPE '\\'` : null].filter(Boolean).join(' OR ');
      const matches = `FROM ${SEARCH_TABLE} s WHERE s.organization_id = ANY($1::int[]) AND (${where})`;
      const rank = tsquery ? 'ts_rank(s.tokens, $2::tsquery)' : '0';
      const [hits, count] = await Promise.all([
        pool.query(
          `SELECT s.id, s.type, s.document_id, s.title, s.title_text, s.index_number, s.released_on, s.body, s.attachment_text, o.document_id AS org_document_id, o.name AS org_name, o.code AS org_code, m.score
           FROM (SELECT s.id, s.published_at, $2::tsquery AS q2, $3::text AS q3, (${rank} + CASE WHEN s.title_text ILIKE $3 ESCAPE '\\' THEN 1 ELSE 0 END) AS score ${matches}
                 ORDER BY score DESC, s.published_at DESC, s.id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}) m
           JOIN ${SEARCH_TABLE} s ON s.id = m.id LEFT JOIN organizations o ON o.id = s.organization_id
           ORDER BY m.score DESC, m.published_at DESC, m.id DESC`,
          [scope, tsquery, pattern]
        ),
        // Every parameter referenced (a 2-character query has no substring pattern in its WHERE).
        pool.query(`SELECT count(*)::int AS n FROM (SELECT $2::tsquery AS q2, $3::text AS q3 ${matches} LIMIT 1001) c`, [scope, tsquery, pattern]),
      ]);
      const terms = highlightTerms(q, tokens);
      const total = Math.min(count.rows[0].n, 1000);
      const body = JSON.stringify({
        data: hits.rows.map((r) => ({
          type: r.type,
          documentId: r.document_id,
          title: r.title,
          indexNumber: r.index_number,
          releasedOn: r.released_on,
          organization: r.org_document_id ? { documentId: r.org_document_id, name: r.org_name, code: r.org_code } : null,
          snippet: buildSnippet([...r.body.split('\n'), ...r.attachment_text.split('\n'), r.title_text], terms),
          score: Number(r.score),
        })),
        meta: { pagination: { page, pageSize: PAGE_SIZE, total, pageCount: Math.ceil(total / PAGE_SIZE) } },
      });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  httpServer.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: httpServer.address().port }));
  process.on('SIGTERM', () => pool.end().finally(() => process.exit(0)));
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Main                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

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

function get(port, urlPath, headers) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

/** One autocannon run over `paths` (each taken once, from source.next on); latencies per response. */
function cannon(port, source, headers, duration) {
  const autocannon = require('autocannon');
  const latencies = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/`,
        connections: CONNECTIONS,
        duration,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: source.paths[source.next++ % source.paths.length] }) }],
      },
      (error, result) => (error ? reject(error) : resolve({ total: result.requests.total, duration: result.duration, latencies, non2xx: result.non2xx, errors: result.errors }))
    );
    instance.on('response', (_c, _s, _b, time) => latencies.push(time));
  });
}

function merge(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] : null);
  const duration = runs.reduce((n, r) => n + r.duration, 0);
  return { rps: runs.reduce((n, r) => n + r.total, 0) / duration, p50: pct(0.5), p99: pct(0.99), non2xx: runs.reduce((n, r) => n + r.non2xx + r.errors, 0) };
}

function shuffle(items, rand) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function main() {
  require.resolve('autocannon');
  ensureBuilt();
  const { database, drop } = await createDatabase('gongkai_bench_search');
  const env = {
    ...process.env,
    ...appEnv(database),
    NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
    BENCH_ENTRIES: String(ENTRIES),
    BENCH_SIZES: String(ENTRIES),
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
    RATE_LIMIT_SITE_POINTS: '1000000000',
    RATE_LIMIT_IP_POINTS: '1000000000',
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
    const ours = spawnChild('--strapi', env, 600_000 + ENTRIES * 5);
    app = ours.child;
    const ready = await ours.ready;
    console.log(
      `app booted in ${ready.loadSeconds.toFixed(1)} s; seeded 1 released + ${ENTRIES} cloned policies in ${ready.seedSeconds.toFixed(1)} s; built ${ready.built} search rows in ${ready.indexSeconds.toFixed(1)} s` +
        ` (template row written by its release: ${ready.template}); LC_CTYPE ${ready.ctype}; pg_trgm index ${ready.trgm ? 'present' : 'MISSING'}`
    );
    const rawChildProcess = spawnChild('--raw', { ...env, BENCH_TOKEN_SHA256: crypto.createHash('sha256').update(ready.token).digest('hex') }, 30_000);
    raw = rawChildProcess.child;
    const baseline = await rawChildProcess.ready;
    const headers = { authorization: `Bearer ${ready.token}` };

    // Distinct requests: the response cache must never answer.
    const rand = random(11);
    const words = ready.words;
    const url = (q, page = 1) => `/api/disclosure/search?q=${encodeURIComponent(q)}&page=${page}&pageSize=${PAGE_SIZE}`;
    const mixed = new Set();
    while (mixed.size < 40_000) {
      const kind = rand();
      if (kind < 0.4) mixed.add(url(pick(rand, words), 1 + Math.floor(rand() * 3)));
      else if (kind < 0.75) mixed.add(url(`${pick(rand, words)} ${pick(rand, words)}`));
      else if (kind < 0.95) {
        const title = ready.titles[Math.floor(rand() * ready.titles.length)];
        const at = 2 + Math.floor(rand() * Math.max(1, title.length - 5));
        mixed.add(url(title.slice(at, at + 3)));
      } else mixed.add(url(`基准发〔${2000 + Math.floor(rand() * 26)}〕${Math.floor(rand() * 997)}号`));
    }
    const frequent = [];
    for (const word of words.slice(0, 40)) for (let page = 1; page <= 10; page += 1) frequent.push(url(word, page));

    // Sanity: both answer the same hits.
    const probe = url(words[30]);
    const [a, b] = await Promise.all([get(ready.port, probe, headers), get(baseline.port, probe, headers)]);
    if (a.status !== 200) throw new Error(`ours answered ${a.status}: ${a.text.slice(0, 300)}`);
    const ids = (t) => JSON.parse(t).data.map((h) => h.documentId).join();
    console.log(`probe "${words[30]}": total ${JSON.parse(a.text).meta.pagination.total}; same hits as raw: ${ids(a.text) === ids(b.text)}`);

    const scenarios = [
      { name: 'mixed queries, top-20', paths: shuffle([...mixed], rand) },
      { name: 'frequent word, top-20 pages 1-10', paths: shuffle(frequent, rand) },
    ];
    console.log(`\n${ENTRIES} entries, ${CONNECTIONS} connections, ${DURATION} s per server and scenario; target p50 < 50 ms, p99 < 200 ms`);
    for (const scenario of scenarios) {
      const oursSource = { paths: scenario.paths, next: 0 };
      const rawSource = { paths: scenario.paths, next: 0 };
      // Warm up both (connections, plans), on the scenario's last paths.
      await cannon(ready.port, { paths: scenario.paths.slice(-500), next: 0 }, headers, 2);
      await cannon(baseline.port, { paths: scenario.paths.slice(-500), next: 0 }, headers, 2);
      const runs = { ours: [], raw: [] };
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
        for (const who of order) {
          runs[who].push(await cannon(who === 'ours' ? ready.port : baseline.port, who === 'ours' ? oursSource : rawSource, headers, DURATION / ROUNDS));
        }
      }
      const o = merge(runs.ours);
      const r = merge(runs.raw);
      const verdict = o.p50 < 50 && o.p99 < 200 ? 'PASS' : 'MISS';
      console.log(
        `  ${scenario.name.padEnd(34)} ours ${o.rps.toFixed(0)} req/s, p50 ${o.p50} ms, p99 ${o.p99} ms${o.non2xx ? ` (${o.non2xx} non-2xx/errors)` : ''}; raw ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; ${verdict}`
      );
    }
  } finally {
    await cleanup();
  }
}

const fatal = (error) => {
  console.error(error);
  process.exit(1);
};

if (process.argv[2] === '--strapi') strapiChild().catch(fatal);
else if (process.argv[2] === '--raw') rawChild().catch(fatal);
else if (require.main === module) main().catch(fatal);
