import { randomBytes } from 'crypto';
import type { TestApp } from './strapi';

export type StaffRole = 'editor' | 'reviewer' | 'publisher' | 'sysadmin' | 'applicationHandler' | 'applicationHead';

const ROLE_CODE: Record<StaffRole, string> = {
  editor: 'disclosure-editor',
  reviewer: 'disclosure-reviewer',
  publisher: 'disclosure-publisher',
  applicationHandler: 'disclosure-application-handler',
  applicationHead: 'disclosure-application-head',
  sysadmin: 'strapi-super-admin',
};

export interface Staff {
  id: number;
  role: StaffRole;
  /** Sign-in details, for a browser test that logs in through the admin's form. */
  email: string;
  password: string;
  token: string;
  get: (path: string) => any;
  post: (path: string, body?: unknown) => any;
  del: (path: string) => any;
  put: (path: string, body?: unknown) => any;
  transition: (body: Record<string, unknown>) => any;
}

/** An admin user with one of the seeded roles, working for an organization, logged in over HTTP. */
export async function createStaff(app: TestApp, role: StaffRole, organizationId: number | null): Promise<Staff> {
  return createAdmin(app, ROLE_CODE[role], organizationId, role);
}

/** An admin user with any admin role (by its code), working for an organization, logged in over HTTP. */
export async function createAdmin(app: TestApp, roleCode: string, organizationId: number | null, role = roleCode as StaffRole): Promise<Staff> {
  const { strapi } = app;
  const roleRow = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@test.gongkai.local`;
  const password = 'Test-Passw0rd-2026';
  const user = await strapi.service('admin::user').create({
    email,
    firstname: role,
    lastname: '测试',
    password,
    isActive: true,
    registrationToken: null,
    roles: [roleRow.id],
  });
  if (organizationId) await strapi.db.query('admin::user').update({ where: { id: user.id }, data: { disclosureOrganization: organizationId } });
  const login = await app.http().post('/admin/login').send({ email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.data.token ?? login.body.data.accessToken;
  const auth = (req: any) => req.set('Authorization', `Bearer ${token}`);
  return {
    id: user.id,
    role,
    email,
    password,
    token,
    get: (path) => auth(app.http().get(path)),
    post: (path, body) => auth(app.http().post(path)).send(body ?? {}),
    del: (path) => auth(app.http().delete(path)),
    put: (path, body) => auth(app.http().put(path)).send(body ?? {}),
    transition: (body) => auth(app.http().post('/disclosure/transitions')).send(body),
  };
}
