import { Client } from 'pg';
import { runInThisContext } from 'vm';
import { serializeQueries } from '../../../src/database/serial-queries';
import { consumerGet, createSite } from '../../helpers/consumer';
import { databaseServer, startApp, TestApp } from '../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, ITEM, Team } from '../../helpers/workflow';

/**
 * pg 8 warns, and pg 9 will throw, when a query reaches a connection whose own queue is not empty. Strapi sends
 * populate queries in parallel inside transactions; config/database.ts serializes them per connection.
 *
 * Two witnesses: pg's DeprecationWarning, and a count of every query handed to a pg Client while its queue is not
 * empty (the very condition pg 8 checks). The count is needed because pg warns once per loaded module, so the warning
 * alone says nothing about what follows the first offence.
 */

// Jest gives test code a copy of `process`; pg's warning is emitted on Node's own process, so listen there.
const nodeProcess: NodeJS.Process = runInThisContext('process');
const PG_WARNING = /already executing a query/;
let warnings: string[] = [];
const onWarning = (warning: Error) => {
  if (PG_WARNING.test(warning.message)) warnings.push(warning.message);
};

let handedWhileBusy = 0;
const pgQuery = Client.prototype.query;

let app: TestApp;
let team: Team;

beforeAll(async () => {
  nodeProcess.on('warning', onWarning);
  // The pg the app loads is this one (one module registry per test file): count there, before any connection exists.
  Client.prototype.query = function (this: any, ...args: any[]) {
    if (this._queryQueue.length > 0) handedWhileBusy += 1;
    return pgQuery.apply(this, args);
  } as any;
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => {
  await app?.stop();
  Client.prototype.query = pgQuery;
  nodeProcess.off('warning', onWarning);
});

/** Lets a warning emitted during the last step reach the listener (Node emits it on the next tick). */
const warningsSoFar = () => new Promise<string[]>((resolve) => setImmediate(() => resolve(warnings)));

describe('PostgreSQL connections run one query at a time', () => {
  it('boots with no query sent to a busy connection', async () => {
    expect(handedWhileBusy).toBe(0);
    expect(await warningsSoFar()).toEqual([]);
  });

  it('takes an entry through the workflow to release, and reads it back, with no query sent to a busy connection', async () => {
    const before = handedWhileBusy;
    const documentId = await authorDraft(team);
    const steps: Array<[keyof Team['staff'] | 'author', string]> = [
      ['author', 'submit'],
      ['reviewer', 'approve'],
      ['sysadmin', 'approve'], // each stage needs another approver
      ['publisher', 'approve'],
      ['publisher', 'release'],
    ];
    for (const [who, action] of steps) {
      const actor = who === 'author' ? team.author : team.staff[who];
      const res = await actor.transition({ uid: ITEM, documentId, action, reason: '测试' });
      expect({ action, status: res.status, error: res.body.error?.details?.code }).toEqual({ action, status: 200, error: undefined });
    }

    // The content manager's read populates the entry's relations.
    const read = await team.author.get(`${CM_ITEM}/${documentId}?populate=*`);
    expect(read.status).toBe(200);
    expect(read.body.data.publishingOrganization).toMatchObject({ documentId: team.refs.org.documentId });
    const list = await team.author.get(`${CM_ITEM}?page=1&pageSize=10&sort=title:ASC`);
    expect(list.status).toBe(200);
    expect(list.body.results.map((e: any) => e.documentId)).toContain(documentId);

    const site = await createSite(app, { organizations: [team.refs.org.documentId] });
    const consumer = await consumerGet(app, site.token, `/disclosure-items/${documentId}`);
    expect(consumer.status).toBe(200);

    expect(handedWhileBusy - before).toBe(0);
    expect(await warningsSoFar()).toEqual([]);
  });
});

describe('PostgreSQL session settings', () => {
  it('runs every pooled connection with JIT off (compiling a short consumer read cost up to a second)', async () => {
    const knex = app.strapi.db.connection;
    const settings = await Promise.all(Array.from({ length: 4 }, () => knex.transaction(async (trx) => (await trx.raw('SHOW jit')).rows[0].jit)));
    expect(settings).toEqual(['off', 'off', 'off', 'off']);
  });

  it('runs prepared reads on generic plans without parallel workers (re-planning or launching workers cost more than a page)', async () => {
    const knex = app.strapi.db.connection;
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        knex.transaction(async (trx) => {
          const plan = (await trx.raw('SHOW plan_cache_mode')).rows[0].plan_cache_mode;
          const workers = (await trx.raw('SHOW max_parallel_workers_per_gather')).rows[0].max_parallel_workers_per_gather;
          return `${plan}/${workers}`;
        })
      )
    );
    expect(settings).toEqual(Array(4).fill('force_generic_plan/0'));
  });
});

describe('a pg Client wrapped by serializeQueries', () => {
  const connect = async () => {
    const client = new Client({ host: databaseServer.host, port: databaseServer.port, user: databaseServer.user, password: databaseServer.password, database: 'postgres' });
    await client.connect();
    return client;
  };

  it('answers parallel queries each with its own result or error, and keeps going after an error', async () => {
    const client = serializeQueries(await connect());
    const before = handedWhileBusy;
    const outcomes = await Promise.allSettled([
      client.query('SELECT 1 AS n'),
      client.query('SELECT $1::int AS n', [2]),
      client.query('SELECT * FROM no_such_table'),
      new Promise((resolve, reject) => client.query('SELECT 4 AS n', (err: Error, res: unknown) => (err ? reject(err) : resolve(res)))),
      client.query({ text: 'SELECT $1::int AS n', values: [5] }),
    ]);
    await client.end();
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? (o.value as any).rows[0].n : (o.reason as Error).message))).toEqual([
      1,
      2,
      'relation "no_such_table" does not exist',
      4,
      5,
    ]);
    expect(handedWhileBusy).toBe(before);
  });

  it('is what keeps pg quiet: the same queries on a bare client are sent to a busy connection, and pg warns', async () => {
    // A pg loaded afresh warns again (its once-only warning belongs to the module); the app's pg stays untouched.
    let FreshClient: typeof Client;
    jest.isolateModules(() => {
      FreshClient = require('pg').Client;
    });
    const client = new FreshClient!({ host: databaseServer.host, port: databaseServer.port, user: databaseServer.user, password: databaseServer.password, database: 'postgres' });
    await client.connect();
    // Node's own printer is set aside meanwhile, so that the suite's output carries no pg warning from this check.
    const printers = nodeProcess.listeners('warning').filter((listener) => listener !== onWarning);
    for (const printer of printers) nodeProcess.off('warning', printer);
    try {
      warnings = [];
      await Promise.all([client.query('SELECT 1'), client.query('SELECT 2'), client.query('SELECT 3')]);
      await client.end();
      expect(await warningsSoFar()).toEqual([expect.stringMatching(PG_WARNING)]);
    } finally {
      for (const printer of printers) nodeProcess.on('warning', printer as (warning: Error) => void);
    }
  });
});
