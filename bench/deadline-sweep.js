#!/usr/bin/env node
/**
 * Benchmark: the deadline sweep (公开时限 dashboard / reminder query) and the
 * scheduler's claim of due jobs must cost the same at 10k and 1M entries, since
 * they read only due rows through their indexes. Both sizes run in the same
 * process against the same PostgreSQL database; the 10k run is the baseline.
 *   npm run bench            (BENCH_LARGE=1000000 by default; BENCH_SMALL=10000)
 */
const path = require('path');

const { appDir, appEnv, createDatabase, ensureBuilt } = require('../scripts/lib/throwaway-app');
const SMALL = Number(process.env.BENCH_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const DUE = 50; // open entries due around the sweep date, at every size
const ROUNDS = 25;
const AS_OF = '2025-07-15';


const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

async function time(fn) {
  const samples = [];
  await fn(); // warm-up
  for (let i = 0; i < ROUNDS; i += 1) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: median(samples), p99: p99(samples) };
}

/** Grows the tables to `total` rows: nine in ten released, the rest open but due years after the sweep date. */
async function growTo(knex, orgId, from, total) {
  const chunk = 100_000;
  for (let start = from; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    await knex.raw(
      `INSERT INTO disclosure_items (document_id, title, disclosure_attribute, due_date, released_on, due_date_provisional, published_at, created_at, updated_at)
       SELECT 'bench' || i, '基准条目 ' || i, 'proactive',
              CASE WHEN i % 10 = 0 THEN DATE '2031-01-01' + (i % 300) ELSE DATE '2020-01-01' + (i % 2000) END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2020-01-01' + (i % 2000) END,
              false, NULL, now(), now()
       FROM generate_series(?::int, ?::int) AS i`,
      [start, end - 1]
    );
    await knex.raw(
      `INSERT INTO disclosure_jobs (kind, target_uid, target_document_id, run_at, status, attempts, max_attempts, created_at, updated_at)
       SELECT 'release', 'api::disclosure-item.disclosure-item', 'bench' || i, now() - interval '1 day', 'done', 1, 8, now(), now()
       FROM generate_series(?::int, ?::int) AS i`,
      [start, end - 1]
    );
  }
  await knex.raw('ANALYZE disclosure_items');
  await knex.raw('ANALYZE disclosure_jobs');
}

(async () => {
  ensureBuilt();
  const { database, drop } = await createDatabase();
  Object.assign(process.env, appEnv(database));
  const { createStrapi } = require('@strapi/strapi');
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const knex = app.db.connection;
  const deadlines = app.plugin('disclosure').service('deadlines');
  const scheduler = app.plugin('disclosure').service('scheduler');
  const everyone = { actor: { id: 'system', roles: [] }, userId: 0, name: 'bench', organizationId: null, isSysadmin: true };
  try {
    const org = await app.documents('api::organization.organization').create({ data: { name: '基准机构', code: 'BENCH00001', kind: 'work_department' } });
    const orgRow = await knex('organizations').where({ document_id: org.documentId }).first('id');
    // The DUE open entries the sweep must find, at every size.
    await knex.raw(
      `INSERT INTO disclosure_items (document_id, title, disclosure_attribute, due_date, released_on, due_date_provisional, published_at, created_at, updated_at)
       SELECT 'due' || i, '到期条目 ' || i, 'proactive', DATE '2025-07-10' + (i % 8), NULL, false, NULL, now(), now() FROM generate_series(1, ?::int) AS i`,
      [DUE]
    );
    const sweep = () => deadlines.dashboard(everyone, { status: 'all', asOf: AS_OF });
    // One due job among all the done ones; each round claims it, then puts it back (by id).
    const [due] = await knex('disclosure_jobs')
      .insert({ kind: 'release', target_uid: 'x', target_document_id: 'bench-due', run_at: new Date(Date.now() - 1000), status: 'pending', attempts: 0, max_attempts: 8, created_at: new Date(), updated_at: new Date() })
      .returning('id');
    const claim = async () => {
      const claimed = await scheduler.claim();
      if (claimed?.id !== due.id) throw new Error(`claim found ${claimed?.id ?? 'no'} job, expected ${due.id}`);
      await knex('disclosure_jobs').where({ id: due.id }).update({ status: 'pending', worker: null, lease_until: null });
    };

    const results = {};
    let size = 0;
    for (const target of [SMALL, LARGE]) {
      const t0 = Date.now();
      await growTo(knex, orgRow.id, size, target);
      size = target;
      const found = (await sweep()).entries.length;
      if (found !== DUE) throw new Error(`sweep found ${found} entries, expected ${DUE}`);
      results[target] = { sweep: await time(sweep), claim: await time(claim), loadSeconds: (Date.now() - t0) / 1000 };
      console.log(`${target.toLocaleString('en')} entries (loaded in ${results[target].loadSeconds.toFixed(1)} s): sweep median ${results[target].sweep.median.toFixed(2)} ms p99 ${results[target].sweep.p99.toFixed(2)} ms; claim median ${results[target].claim.median.toFixed(2)} ms p99 ${results[target].claim.p99.toFixed(2)} ms`);
    }
    const ratio = (k) => results[LARGE][k].median / results[SMALL][k].median;
    console.log(`ratio ${LARGE.toLocaleString('en')} / ${SMALL.toLocaleString('en')} (1.00 = flat): sweep ${ratio('sweep').toFixed(2)}x, claim ${ratio('claim').toFixed(2)}x`);
    const plan = await knex.raw(`EXPLAIN SELECT id FROM disclosure_items WHERE published_at IS NULL AND released_on IS NULL AND due_date <= DATE '2025-07-18'`);
    console.log(`sweep plan: ${plan.rows.map((r) => r['QUERY PLAN']).join(' | ')}`);
  } finally {
    await app.destroy();
    await drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
