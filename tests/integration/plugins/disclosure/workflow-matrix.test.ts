import { ACTIONS } from '../../../../src/plugins/disclosure/server/src/domain/workflow';
import { StaffRole } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, createTeam, driveTo, footprint, ITEM, Team } from '../../../helpers/workflow';
import { POSITIONS, ruleFor } from '../../../helpers/workflow-table';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const ROLES: StaffRole[] = ['editor', 'reviewer', 'publisher', 'sysadmin'];

describe.each(POSITIONS)('an entry in $state (stage $stage)', ({ state, stage }) => {
  it('refuses every action the roles may not take there, with the right status, and changes nothing', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, state, stage);
    const before = await footprint(app, documentId);
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const rule = ruleFor(state, stage, action);
        if (rule?.roles.includes(role)) continue;
        const res = await team.staff[role].transition({ uid: ITEM, documentId, action, reason: '测试理由' });
        const expected = rule ? { status: 403, code: 'NOT_ALLOWED' } : { status: 409, code: 'ILLEGAL_TRANSITION' };
        expect({ action, role, status: res.status, code: res.body.error?.details?.code }).toEqual({ action, role, ...expected });
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(await footprint(app, documentId)).toEqual(before);
  });

  const allowed = ACTIONS.flatMap((action) => (ruleFor(state, stage, action)?.roles ?? []).map((role) => [action, role] as const));
  if (allowed.length > 0) {
    it.each(allowed)('lets %s be taken by the %s, records it and moves on', async (action, role) => {
      const documentId = await authorDraft(team);
      await driveTo(app, documentId, state, stage);
      const auditBefore = (await footprint(app, documentId)).audit;
      const res = await team.staff[role].transition({ uid: ITEM, documentId, action, reason: '测试理由' });
      const rule = ruleFor(state, stage, action)!;
      expect(res.status).toBe(200);
      expect(res.body.data.state).toBe(rule.to);
      const after = await footprint(app, documentId);
      expect(after.state).toMatchObject({ state: rule.to, stageIndex: rule.stage });
      expect(after.audit).toBe(auditBefore + 1);
      const published = after.rows.some((r: any) => r.published_at);
      expect(published).toBe(rule.to === 'released' || (rule.to === 'draft' && action === 'correct' && state === 'released'));
    });
  }
});

describe('bad requests', () => {
  it('answers a missing reason with 400, an unknown entry with 404, an unknown action or type with 400', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    const noReason = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'return' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toMatchObject({ code: 'REASON_REQUIRED', errors: [expect.objectContaining({ path: ['reason'] })] });
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId: 'nope', action: 'approve' })).status).toBe(404);
    const unknown = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'publish' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.code).toBe('UNKNOWN_ACTION');
    const badType = await team.staff.reviewer.transition({ uid: 'api::organization.organization', documentId, action: 'approve' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.details.code).toBe('UNKNOWN_CONTENT_TYPE');
    const missing = await team.staff.reviewer.transition({ uid: ITEM, action: 'approve' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['documentId']);
  });

  it('needs an admin session', async () => {
    const res = await app.http().post('/disclosure/transitions').send({ uid: ITEM, documentId: 'x', action: 'submit' });
    expect(res.status).toBe(401);
  });
});
