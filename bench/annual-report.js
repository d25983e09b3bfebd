#!/usr/bin/env node
/**
 * Benchmark: generating the 政府信息公开工作年度报告 (services/annual-report-figures.ts compute()) for a top
 * organization and its subtree, over 1,000,000 released proactive entries (policies and 双公示 records, each a draft
 * and a published row as the workflow leaves them) and 100,000 applications. Target: < 5 s, with flat memory (the
 * figures are SQL aggregations; no row is loaded). The baseline, measured in the same run, is one COUNT(*) over the
 * same three tables: the ratio says how far generation is from merely touching them.
 *   npm run bench            (BENCH_ENTRIES=1000000, BENCH_APPLICATIONS=100000 by default)
 */
const path = require('path');

const { appDir, appEnv, createDatabase, ensureBuilt } = require('../scripts/lib/throwaway-app');
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const CHILDREN = 20;
const ROUNDS = 5;
const YEAR = 2025;
const TARGET_MS = 5000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function time(fn) {
  await fn(); // warm-up
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: median(samples), max: Math.max(...samples), samples };
}

/**
 * Rows of a governed table written with generate_series: `count` documents, each a draft row (released_on set: the
 * facts) and a published row, both linked to an organization (one in 22 belongs to an unrelated organization).
 */
async function seedEntries(knex, app, uid, count, facts, orgIds) {
  const meta = app.db.metadata.get(uid);
  const table = meta.tableName;
  const link = meta.attributes.publishingOrganization.joinTable;
  const chunk = 250_000;
  const columns = Object.keys(facts);
  for (let start = 0; start < count; start += chunk) {
    const end = Math.min(count, start + chunk) - 1;
    for (const published of [false, true]) {
      await knex.raw(
        `INSERT INTO ?? (document_id, title, disclosure_attribute, formed_or_changed_at, released_on, due_date_provisional, published_at, created_at, updated_at, ${columns.map(() => '??').join(', ')})
         SELECT ? || i, '基准条目 ' || i, 'proactive', DATE '2020-01-01' + (i % 2000), DATE '2020-01-02' + (i % 2000), false, ${published ? 'now()' : 'NULL'}, now(), now(), ${columns.map((c) => facts[c]).join(', ')}
         FROM generate_series(?::int, ?::int) AS i`,
        [table, ...columns, `${table}-`, start, end]
      );
    }
  }
  // Every row's organization by its number: the same for the draft and published rows of a document.
  await knex.raw(
    `INSERT INTO ?? (??, ??) SELECT id, (?::int[])[1 + (CAST(substring(document_id from '[0-9]+$') AS int) % ?)] FROM ??`,
    [link.name, link.joinColumn.name, link.inverseJoinColumn.name, orgIds, orgIds.length, table]
  );
  await knex.raw('ANALYZE ??', [table]);
  await knex.raw('ANALYZE ??', [link.name]);
}

async function seedApplications(knex, app, count, orgIds) {
  const meta = app.db.metadata.get('plugin::disclosure.application');
  const link = meta.attributes.receivingOrganization.joinTable;
  const kinds = `(ARRAY['natural_person','commercial_enterprise','research_institution','social_welfare_organization','legal_service_institution','other_organization'])[1 + (i % 6)]`;
  const outcomes = `(ARRAY['disclose','partial','withhold.state_secret','withhold.third_party','withhold.process_information','unable.not_held','unable.needs_creation','reject.petition','reject.duplicate','other.no_correction','other.fee_unpaid','other.other'])[1 + (i % 12)]`;
  // Received over five years (2022–2026); nine in ten closed 1–40 days later with an outcome, the rest still open.
  await knex.raw(
    `INSERT INTO ?? (tracking_code, channel, submitted_at, received_on, applicant_kind, state, outcome, closed_on, replied_on, fee_amount_yuan, fee_paid_on, fee_waived, created_at, updated_at)
     SELECT 'YSQ' || lpad(i::text, 8, '0'), 'online', now(), DATE '2022-01-01' + (i % 1800), ${kinds},
            CASE WHEN i % 10 = 0 THEN 'in_progress' ELSE 'replied' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE ${outcomes} END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2022-01-01' + (i % 1800) + 1 + (i % 40) END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2022-01-01' + (i % 1800) + 1 + (i % 40) END,
            CASE WHEN i % 50 = 0 THEN 10 ELSE NULL END,
            CASE WHEN i % 50 = 0 THEN DATE '2022-01-01' + (i % 1800) + 5 ELSE NULL END,
            false, now(), now()
     FROM generate_series(1, ?::int) AS i`,
    [meta.tableName, count]
  );
  await knex.raw(`INSERT INTO ?? (??, ??) SELECT id, (?::int[])[1 + (id % ?)] FROM ??`, [link.name, link.joinColumn.name, link.inverseJoinColumn.name, orgIds, orgIds.length, meta.tableName]);
  // One case in fifty applications.
  const cases = app.db.metadata.get('plugin::disclosure.application-case');
  const caseLink = cases.attributes.application.joinTable;
  await knex.raw(
    `INSERT INTO ?? (kind, case_number, filed_on, result, decided_on, created_at, updated_at)
     SELECT (ARRAY['review','litigation_direct','litigation_after_review'])[1 + (i % 3)], 'C' || i, DATE '2022-02-01' + (i % 1700),
            (ARRAY['upheld','corrected','other','pending'])[1 + (i % 4)], CASE WHEN i % 4 = 3 THEN NULL ELSE DATE '2022-03-01' + (i % 1700) END, now(), now()
     FROM generate_series(1, ?::int) AS i`,
    [cases.tableName, Math.floor(count / 50)]
  );
  await knex.raw(`INSERT INTO ?? (??, ??) SELECT k.id, a.id FROM ?? k JOIN ?? a ON a.tracking_code = 'YSQ' || lpad((k.id * 50)::text, 8, '0')`, [
    caseLink.name,
    caseLink.joinColumn.name,
    caseLink.inverseJoinColumn.name,
    cases.tableName,
    meta.tableName,
  ]);
  for (const name of [meta.tableName, link.name, cases.tableName, caseLink.name]) await knex.raw('ANALYZE ??', [name]);
}

(async () => {
  ensureBuilt();
  const { database, drop } = await createDatabase();
  Object.assign(process.env, appEnv(database));
  const { createStrapi } = require('@strapi/strapi');
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const knex = app.db.connection;
  const figures = app.plugin('disclosure').service('annual-report-figures');
  try {
    const orgs = app.documents('api::organization.organization');
    const top = await orgs.create({ data: { name: '基准市人民政府', code: 'BENCHTOP01', kind: 'people_government' } });
    const children = [];
    for (let i = 0; i < CHILDREN; i += 1) {
      children.push(await orgs.create({ data: { name: `基准市第${i + 1}局`, code: `BENCH${String(i).padStart(5, '0')}`, kind: 'work_department', parent: top.documentId } }));
    }
    const other = await orgs.create({ data: { name: '另一市人民政府', code: 'BENCHOTHER', kind: 'people_government' } });
    const idOf = async (o) => (await knex('organizations').where({ document_id: o.documentId }).first('id')).id;
    const topId = await idOf(top);
    const orgIds = [topId, ...(await Promise.all(children.map(idOf))), await idOf(other)];

    const t0 = Date.now();
    const policies = Math.floor(ENTRIES * 0.4);
    // A quarter rules, a quarter normative documents; written over 2015–2026; some repealed or expired with dates.
    await seedEntries(
      knex,
      app,
      'api::policy.policy',
      policies,
      {
        document_kind: `(ARRAY['rule','normative_document','other_document','normative_document'])[1 + (i % 4)]`,
        written_date: `DATE '2015-01-01' + (i % 4300)`,
        validity: `CASE WHEN i % 7 = 0 THEN 'repealed' WHEN i % 11 = 0 THEN 'expired' ELSE 'valid' END`,
        repealed_on: `CASE WHEN i % 7 = 0 THEN DATE '2016-01-01' + (i % 4000) ELSE NULL END`,
        expiry_date: `CASE WHEN i % 11 = 0 THEN DATE '2016-01-01' + (i % 4000) WHEN i % 5 = 0 THEN DATE '2030-01-01' ELSE NULL END`,
      },
      orgIds
    );
    await seedEntries(
      knex,
      app,
      'api::dual-publicity-record.dual-publicity-record',
      ENTRIES - policies,
      {
        kind: `(ARRAY['administrative_license','administrative_penalty','administrative_coercion','other'])[1 + (i % 4)]`,
        decision_date: `DATE '2020-01-01' + (i % 2500)`,
        subject_name: `'某某企业'`,
      },
      orgIds
    );
    await seedApplications(knex, app, APPLICATIONS, orgIds);
    console.log(`seeded ${ENTRIES.toLocaleString('en')} entries (${(ENTRIES * 2).toLocaleString('en')} rows) and ${APPLICATIONS.toLocaleString('en')} applications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const baseline = () =>
      knex.raw(`SELECT (SELECT COUNT(*) FROM policies) + (SELECT COUNT(*) FROM dual_publicity_records) + (SELECT COUNT(*) FROM disclosure_applications) AS n`);
    const generate = () => figures.compute({ organizationId: topId, year: YEAR, scope: 'subtree', feesWanYuan: 0 });

    global.gc?.();
    const before = process.memoryUsage();
    const base = await time(baseline);
    const gen = await time(generate);
    global.gc?.();
    const after = process.memoryUsage();
    const { report, extras } = await generate();

    console.log(`baseline COUNT(*) over the three tables: median ${base.median.toFixed(0)} ms`);
    console.log(`compute() for the top organization and its ${CHILDREN} children, ${YEAR}: median ${gen.median.toFixed(0)} ms, max ${gen.max.toFixed(0)} ms (${gen.samples.map((s) => s.toFixed(0)).join(', ')}); ratio to baseline ${(gen.median / base.median).toFixed(2)}x`);
    console.log(`RSS before ${mb(before.rss)}, after ${mb(after.rss)} (heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)})`);
    console.log(
      `figures: regulations ${JSON.stringify(report.section2.regulations)}, normative ${JSON.stringify(report.section2.normativeDocuments)}, licensing ${report.section2.licensing.decisions}, penalties ${report.section2.penalties.decisions}, enforcement ${report.section2.enforcement.decisions}; new ${report.section3.rows.new[6]}, carried in ${report.section3.rows.carriedIn[6]}, total ${report.section3.rows.total[6]}, carried out ${report.section3.rows.carriedOut[6]} (${extras.carriedOutApplications.length} listed); violations ${report.violations.length}`
    );
    console.log(gen.max < TARGET_MS ? `OK: generation under ${TARGET_MS / 1000} s` : `SLOW: generation took up to ${gen.max.toFixed(0)} ms (target ${TARGET_MS} ms)`);
    if (gen.max >= TARGET_MS) process.exitCode = 1;
  } finally {
    await app.destroy();
    await drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
