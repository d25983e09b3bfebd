import { createAdmin, Staff } from './staff';
import type { TestApp } from './strapi';

let roles = 0;

/**
 * A member of an organization holding the 依申请公开 permissions (application-handle, and the others asked for) in
 * a role of their own, named as a person for the pages that show who acted.
 */
export async function createHandler(app: TestApp, organizationId: number, name: string, actions = ['application-handle']): Promise<Staff> {
  const roleService = app.strapi.service('admin::role');
  const role = await roleService.create({ name: `依申请公开办理-${++roles}`, description: '依申请公开的承办人' });
  await roleService.assignPermissions(
    role.id,
    actions.map((action) => ({ action: `plugin::disclosure.${action}`, subject: null, conditions: [], properties: {} })),
  );
  const staff = await createAdmin(app, role.code, organizationId);
  await app.strapi.db.query('admin::user').update({ where: { id: staff.id }, data: { firstname: name, lastname: '' } });
  return staff;
}

/** A valid online application to the organization, as the portal's form sends it. */
export const onlineApplication = (organization: string, requestedTitle: string) => ({
  organization,
  applicantKind: 'natural_person',
  applicantName: '张三丰',
  idType: 'resident_id',
  idNumber: '110101199003074514',
  phone: '13800138000',
  email: 'zhang@example.com',
  postalAddress: '新疆五家渠市人民北路1号',
  postalCode: '831300',
  requestedTitle,
  requestedDescription: '2025年度的统计数据',
  preferredForm: 'electronic',
  deliveryMethod: 'email',
});
