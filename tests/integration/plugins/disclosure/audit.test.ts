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
