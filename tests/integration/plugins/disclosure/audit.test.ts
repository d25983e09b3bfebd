import { spawnSync } from 'child_process';
import path from 'path';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, createTeam, driveTo, Team } from '../../../helpers/workflow';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  for (let i = 0; i < 3; i += 1) await driveTo(app, await authorDraft(team), 'released');
});
afterAll(async () => app?.stop());

const AUDIT = 'plugin::disclosure.audit-event';
const verifyScript = () =>
  spawnSync(process.execPath, [path.join(__dirname, '..', '..', '..', '..', 'scripts', 'audit-verify.js')], { env: process.env, encoding: 'utf8', timeout: 60000 });

describe('the audit trail', () => {
  it('records every transition with actor, target, version hash, states and a chained hash', async () => {
    const events = await app.strapi.db.query(AUDIT).findMany({ orderBy: { seq: 'asc' } });
    expect(events.length).toBeGreaterThanOrEqual(15);
    expect(events[0]).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
    for (let i = 1; i < events.length; i += 1) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(events.at(-1)).toMatchObject({ action: 'release', fromState: 'approved', toState: 'released', actor: 'system', targetUid: 'api::disclosure-item.disclosure-item' });
    expect(events.at(-1).versionHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses updates and deletes for everyone', async () => {
    const [first] = await app.strapi.db.query(AUDIT).findMany({ orderBy: { seq: 'asc' }, limit: 1 });
    await expect(app.strapi.db.query(AUDIT).update({ where: { id: first.id }, data: { reason: '改写' } })).rejects.toMatchObject({ details: { code: 'AUDIT_APPEND_ONLY' } });
    await expect(app.strapi.db.query(AUDIT).delete({ where: { id: first.id } })).rejects.toMatchObject({ details: { code: 'AUDIT_APPEND_ONLY' } });
    await expect(app.strapi.db.query(AUDIT).deleteMany({})).rejects.toMatchObject({ details: { code: 'AUDIT_APPEND_ONLY' } });
  });

  it('verifies clean through the admin endpoint and npm run audit:verify', async () => {
    const res = await team.staff.publisher.get('/disclosure/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ok: true });
    expect((await team.staff.editor.get('/disclosure/audit/verify')).status).toBe(403);
    const run = verifyScript();
    expect(run.stdout).toContain('audit chain intact');
    expect(run.status).toBe(0);
  });

  it.each([
    ['actor', 'admin:999999'],
    ['action', 'withdraw'],
    ['target_uid', 'api::policy.policy'],
    ['target_document_id', 'forgeddocumentid00000000'],
    ['version_hash', 'f'.repeat(64)],
    ['from_state', 'draft'],
    ['to_state', 'withdrawn'],
    ['reason', '被篡改的理由'],
    ['data', JSON.stringify({ forged: true })],
    ['occurred_at', '2000-01-01T00:00:00.000Z'],
  ])('detects a raw-SQL change to the hashed field %s, and holds again once it is put back', async (column, forged) => {
    const { rows } = await app.strapi.db.connection.raw(`SELECT id, seq, ${column} AS original FROM disclosure_audit_events WHERE action = 'release' ORDER BY seq DESC LIMIT 1`);
    const [{ id, seq, original }] = rows;
    await app.strapi.db.connection.raw(`UPDATE disclosure_audit_events SET ${column} = ? WHERE id = ?`, [forged, id]);
    const res = await team.staff.sysadmin.get('/disclosure/audit/verify');
    expect(res.status).toBe(409);
    expect(res.body.data).toMatchObject({ ok: false, brokenAt: { seq: Number(seq), id } });
    await app.strapi.db.connection.raw(`UPDATE disclosure_audit_events SET ${column} = ? WHERE id = ?`, [original, id]);
    expect((await team.staff.sysadmin.get('/disclosure/audit/verify')).body.data).toMatchObject({ ok: true });
  });

  it('verifies a chain longer than one page (5,000 rows) to its end', async () => {
    const audit = app.strapi.plugin('disclosure').service('audit');
    await app.strapi.db.connection.transaction(async (trx: any) => {
      for (let i = 0; i < 5_100; i += 1) await audit.append(trx, { actor: 'system', action: 'digest', reason: `分页校验 ${i}` });
    });
    const [{ n }] = await app.strapi.db.connection('disclosure_audit_events').count('* as n');
    expect(Number(n)).toBeGreaterThan(5_000);
    expect(await audit.verify()).toMatchObject({ ok: true, count: Number(n) });
    // A change on the second page is found too.
    const { rows } = await app.strapi.db.connection.raw('SELECT id, seq, reason FROM disclosure_audit_events WHERE seq > 5000 ORDER BY seq DESC LIMIT 1');
    await app.strapi.db.connection.raw("UPDATE disclosure_audit_events SET reason = '第二页被篡改' WHERE id = ?", [rows[0].id]);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: { seq: Number(rows[0].seq), id: rows[0].id } });
    await app.strapi.db.connection.raw('UPDATE disclosure_audit_events SET reason = ? WHERE id = ?', [rows[0].reason, rows[0].id]);
    expect(await audit.verify()).toMatchObject({ ok: true, count: Number(n) });
  }, 120_000);

  it('fails on a row altered with raw SQL, naming the first broken link', async () => {
    const { rows } = await app.strapi.db.connection.raw('SELECT id, seq FROM disclosure_audit_events ORDER BY seq LIMIT 1 OFFSET 4');
    await app.strapi.db.connection.raw("UPDATE disclosure_audit_events SET reason = '被篡改的理由' WHERE id = ?", [rows[0].id]);
    const res = await team.staff.sysadmin.get('/disclosure/audit/verify');
    expect(res.status).toBe(409);
    expect(res.body.data).toMatchObject({ ok: false, brokenAt: { seq: rows[0].seq, id: rows[0].id } });
    const run = verifyScript();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`seq ${rows[0].seq}`);
  });
});
