import { createStaff, Staff, StaffRole } from './staff';
import type { TestApp } from './strapi';

/** A member of an organization in a seeded 依申请公开 role, named as a person for the pages that show who acted. */
export async function createHandler(app: TestApp, organizationId: number, name: string, role: StaffRole = 'applicationHandler'): Promise<Staff> {
  const staff = await createStaff(app, role, organizationId);
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
