import { payloads } from '../../../helpers/fixtures';
import { createAdmin, createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { CM_ITEM, createTeam, ITEM, organizationId, Team } from '../../../helpers/workflow';

/**
 * Staff get their organization through the admin API (Strapi's invite and edit routes, and /disclosure/staff, which
 * the 人员与机构 page uses): validated, refused without the user-administration permission, audited, and it then
 * decides what an editor may write.
 */
let app: TestApp;
let team: Team;
let admin: Staff;
let editor: Staff;
let otherOrgId: number;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  admin = team.staff.sysadmin;
  editor = team.staff.editor;
  otherOrgId = await organizationId(app, team.refs.otherOrg.documentId);
});
afterAll(async () => {
  await app?.stop();
});

const organizationOf = async (userId: number) =>
  (await app.strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['disclosureOrganization'] }))?.disclosureOrganization?.id ?? null;
const auditOf = async (userId: number) => {
  const user = await app.strapi.db.query('admin::user').findOne({ where: { id: userId } });
  const events = await app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { targetUid: 'admin::user', targetDocumentId: user.documentId }, orderBy: { seq: 'asc' } });
  // The audit table stores data as JSON text.
  return events.map((event: any) => ({ ...event, data: JSON.parse(event.data) }));
};
const editorRoleId = async () => (await app.strapi.db.query('admin::role').findOne({ where: { code: 'disclosure-editor' } })).id;
let n = 0;

describe('who may reassign', () => {
  it('a user who may read users but not edit them sees the directory with canUpdate false, and cannot set an organization', async () => {
    const role = await app.strapi.service('admin::role').create({ name: `人员查看-${++n}`, description: 'reads users only' });
    await app.strapi.service('admin::role').assignPermissions(role.id, [{ action: 'admin::users.read', subject: null, conditions: [], properties: {} }]);
    const viewer = await createAdmin(app, role.code, null);
    const directory = await viewer.get('/disclosure/staff');
    expect(directory.status).toBe(200);
    expect(directory.body.data.canUpdate).toBe(false);
    const member = await createStaff(app, 'reviewer', null);
    expect((await viewer.put(`/disclosure/staff/${member.id}/organization`, { organization: team.refs.otherOrg.documentId })).status).toBe(403);
    expect(await organizationOf(member.id)).toBeNull();
  });
});

describe('setting an admin user’s organization', () => {
  it('an invitation (POST /admin/users) carries the organization, and the audit trail says who set it', async () => {
    n += 1;
    const res = await admin.post('/admin/users', { firstname: '新', lastname: '编辑', email: `invited-${n}@test.gongkai.local`, roles: [await editorRoleId()], disclosureOrganization: team.refs.org.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.disclosureOrganization).toEqual({ documentId: team.refs.org.documentId, name: '测试市数据局' });
    expect(await organizationOf(res.body.data.id)).toBe(team.orgId);
    const [event] = await auditOf(res.body.data.id);
    expect(event).toMatchObject({ action: 'staff_organization_changed', actor: `admin:${admin.id}`, data: { from: null, to: { documentId: team.refs.org.documentId, name: '测试市数据局' } } });
  });

  it('PUT /admin/users/:id sets, changes and clears it, each change audited from what to what', async () => {
    const member = await createStaff(app, 'editor', null);
    const set = await admin.put(`/admin/users/${member.id}`, { disclosureOrganization: team.refs.org.documentId, firstname: '改名' });
    expect(set.status).toBe(200);
    expect(set.body.data.firstname).toBe('改名');
    expect(await organizationOf(member.id)).toBe(team.orgId);

    expect((await admin.put(`/admin/users/${member.id}`, { disclosureOrganization: team.refs.otherOrg.documentId })).status).toBe(200);
    expect(await organizationOf(member.id)).toBe(otherOrgId);
    expect((await admin.put(`/admin/users/${member.id}`, { disclosureOrganization: null })).status).toBe(200);
    expect(await organizationOf(member.id)).toBeNull();
    // Setting the same organization again changes nothing and records nothing.
    expect((await admin.put(`/admin/users/${member.id}`, { disclosureOrganization: null })).status).toBe(200);

    const events = await auditOf(member.id);
    expect(events.map((e: any) => [e.actor, e.data.from?.name ?? null, e.data.to?.name ?? null])).toEqual([
      [`admin:${admin.id}`, null, '测试市数据局'],
      [`admin:${admin.id}`, '测试市数据局', '测试市财政局'],
      [`admin:${admin.id}`, '测试市财政局', null],
    ]);
  });

  it('an unknown organization answers 400 naming the field, in Chinese, and changes nothing', async () => {
    const member = await createStaff(app, 'editor', team.orgId);
    for (const value of ['no-such-organization', 42, '']) {
      const res = await admin.put(`/admin/users/${member.id}`, { disclosureOrganization: value, firstname: '不应保存' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('UNKNOWN_ORGANIZATION');
      expect(res.body.error.details.errors[0]).toMatchObject({ path: ['disclosureOrganization'], code: 'UNKNOWN_ORGANIZATION' });
      expect(res.body.error.message).toMatch(/所属机构/);
    }
    const invite = await admin.post('/admin/users', { firstname: '无', email: `unknown-org-${++n}@test.gongkai.local`, roles: [await editorRoleId()], disclosureOrganization: 'no-such-organization' });
    expect(invite.status).toBe(400);
    expect(await app.strapi.db.query('admin::user').count({ where: { email: `unknown-org-${n}@test.gongkai.local` } })).toBe(0);
    const stored = await app.strapi.db.query('admin::user').findOne({ where: { id: member.id } });
    expect(stored.firstname).toBe('editor');
    expect(await organizationOf(member.id)).toBe(team.orgId);
    expect(await auditOf(member.id)).toEqual([]);
  });

  it('staff without the user-administration permission get 403 on every route, and nothing changes', async () => {
    const member = await createStaff(app, 'editor', team.orgId);
    expect((await editor.put(`/admin/users/${member.id}`, { disclosureOrganization: team.refs.otherOrg.documentId })).status).toBe(403);
    expect((await editor.put(`/admin/users/${editor.id}`, { disclosureOrganization: team.refs.otherOrg.documentId })).status).toBe(403);
    expect((await editor.put(`/disclosure/staff/${member.id}/organization`, { organization: team.refs.otherOrg.documentId })).status).toBe(403);
    expect((await editor.post('/admin/users', { firstname: 'x', email: `sneaky-${++n}@test.gongkai.local`, roles: [await editorRoleId()], disclosureOrganization: team.refs.org.documentId })).status).toBe(403);
    expect((await editor.get('/disclosure/staff')).status).toBe(403);
    expect((await app.http().put(`/disclosure/staff/${member.id}/organization`).send({ organization: null })).status).toBe(401);
    expect(await organizationOf(member.id)).toBe(team.orgId);
    expect(await organizationOf(editor.id)).toBe(team.orgId);
    expect(await auditOf(member.id)).toEqual([]);
  });

  it('the 人员与机构 routes list staff with roles and organization and set it, validated and audited', async () => {
    const member = await createStaff(app, 'reviewer', null);
    const set = await admin.put(`/disclosure/staff/${member.id}/organization`, { organization: team.refs.otherOrg.documentId });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ changed: true, from: null, to: { documentId: team.refs.otherOrg.documentId, name: '测试市财政局' } });

    const directory = await admin.get('/disclosure/staff');
    expect(directory.status).toBe(200);
    expect(directory.body.data.canUpdate).toBe(true);
    const listed = directory.body.data.users.find((u: any) => u.id === member.id);
    expect(listed).toMatchObject({ organization: { documentId: team.refs.otherOrg.documentId, name: '测试市财政局' }, roles: [{ name: '审核员', code: 'disclosure-reviewer' }] });
    expect(directory.body.data.organizations.map((o: any) => o.documentId)).toEqual(expect.arrayContaining([team.refs.org.documentId, team.refs.otherOrg.documentId]));
    // No secrets in the listing.
    expect(JSON.stringify(directory.body)).not.toMatch(/password|registrationToken|resetPassword/);

    const unknown = await admin.put(`/disclosure/staff/${member.id}/organization`, { organization: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0]).toMatchObject({ path: ['organization'], code: 'UNKNOWN_ORGANIZATION' });
    const missing = await admin.put(`/disclosure/staff/${member.id}/organization`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0].path).toEqual(['organization']);
    expect((await admin.put('/disclosure/staff/999999/organization', { organization: null })).status).toBe(404);

    expect((await admin.put(`/disclosure/staff/${member.id}/organization`, { organization: null })).body.data).toMatchObject({ changed: true, to: null });
    expect((await auditOf(member.id)).map((e: any) => e.data.to?.documentId ?? null)).toEqual([team.refs.otherOrg.documentId, null]);
  });
});

describe('the organization set through the API governs what an editor writes', () => {
  it('an editor without one cannot write; once set they write for it; once moved they no longer touch its entries', async () => {
    const newcomer = await createStaff(app, 'editor', null);
    const draft = () => newcomer.post(CM_ITEM, payloads(team.refs)[ITEM](`入职测试 ${++n}`));
    const refused = await draft();
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('ORGANIZATION_OUT_OF_SCOPE');

    expect((await admin.put(`/admin/users/${newcomer.id}`, { disclosureOrganization: team.refs.org.documentId })).status).toBe(200);
    const created = await draft();
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect((await newcomer.get(`${CM_ITEM}?page=1&pageSize=100`)).body.results.map((r: any) => r.documentId)).toContain(documentId);

    expect((await admin.put(`/disclosure/staff/${newcomer.id}/organization`, { organization: team.refs.otherOrg.documentId })).status).toBe(200);
    expect((await newcomer.put(`${CM_ITEM}/${documentId}`, { title: '调岗后修改' })).status).toBe(403);
    expect((await newcomer.get(`${CM_ITEM}?page=1&pageSize=100`)).body.results.map((r: any) => r.documentId)).not.toContain(documentId);
  });
});
