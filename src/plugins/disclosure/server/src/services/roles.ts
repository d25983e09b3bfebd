import type { Core } from '@strapi/strapi';
import { governedUids } from '../utils/content-type-uid';
import { PLUGIN_ID, REFERENCE_CONTENT_TYPES, ROLE_CODES, SENSITIVE_TERM_UID, USER_ORGANIZATION_FIELD } from '../constants';
import { getService } from '../utils/get-service';

/** Admin actions of the workflow (plugin::disclosure.<uid>), shown in Strapi's role editor. */
export const WORKFLOW_ACTIONS = [
  { uid: 'submit', displayName: '提交审核与更正（编辑）' },
  { uid: 'review', displayName: '审核：通过或退回（审核员）' },
  { uid: 'release', displayName: '签发、发布与撤回（签发人）' },
  { uid: 'audit', displayName: '查看与校验审计日志' },
  { uid: 'consumer-sites', displayName: '管理接入网站、访问令牌与推送' },
  { uid: 'application-handle', displayName: '办理依申请公开：登记、补正、征求意见、收费、答复（本机构）' },
  { uid: 'application-extend', displayName: '批准延长答复期限（政府信息公开工作机构负责人）' },
  { uid: 'application-cases', displayName: '登记行政复议、行政诉讼案件' },
];

const CM = 'plugin::content-manager.explorer';

/** The RBAC condition that limits the media library to files uploaded by the user's organization. */
export const ORGANIZATION_FILES_CONDITION = `plugin::${PLUGIN_ID}.organization-files`;

/**
 * Upload permissions: reading, updating and deleting files (assets.update covers delete and replace), downloading
 * and copying links are limited to the organization's files; uploading and reading the media settings are not about
 * any one file.
 */
const UPLOAD_SCOPED = ['plugin::upload.read', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'];
const UPLOAD_READ_ONLY = ['plugin::upload.read', 'plugin::upload.assets.download'];
const UPLOAD_UNSCOPED = ['plugin::upload.assets.create', 'plugin::upload.settings.read'];
const uploadPermissions = (scoped: string[], unscoped: string[]) => [
  ...scoped.map((action) => ({ action, subject: null, properties: {}, conditions: [ORGANIZATION_FILES_CONDITION] })),
  ...unscoped.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
];

const UNUSED_ROLE_NOTE = 'Strapi 自带角色，政务公开工作不使用；请为工作人员选择“编辑”“审核员”或“签发人/发布管理员”。';

/**
 * Strapi's own roles, renamed while they still carry Strapi's English names: its "Editor" and "Author" must not be
 * mistaken for 编辑 / 审核员 / 签发人 in the role picker. A name an administrator gave them is kept.
 */
const BUILT_IN_ROLE_LABELS = [
  { code: 'strapi-super-admin', strapiName: 'Super Admin', name: '系统管理员', description: '管理全部功能和设置（Strapi 超级管理员）' },
  { code: 'strapi-editor', strapiName: 'Editor', name: 'Strapi 内置编辑（未使用）', description: UNUSED_ROLE_NOTE },
  { code: 'strapi-author', strapiName: 'Author', name: 'Strapi 内置作者（未使用）', description: UNUSED_ROLE_NOTE },
];

const ROLE_DEFINITIONS = [
  {
    code: ROLE_CODES.editor,
    name: '编辑',
    description: '撰写本机构的政务公开信息并提交审核',
    actions: ['submit'],
    governed: [`${CM}.create`, `${CM}.read`, `${CM}.update`, `${CM}.delete`],
    condition: 'own-organization',
    upload: uploadPermissions(UPLOAD_SCOPED, UPLOAD_UNSCOPED),
  },
  {
    code: ROLE_CODES.reviewer,
    name: '审核员',
    description: '审核本机构及下属机构的政务公开信息（部门初审、保密审查）',
    actions: ['review'],
    governed: [`${CM}.read`],
    condition: 'organization-subtree',
    upload: uploadPermissions(UPLOAD_READ_ONLY, ['plugin::upload.settings.read']),
  },
  {
    code: ROLE_CODES.publisher,
    name: '签发人/发布管理员',
    description: '签发、发布和撤回本机构及下属机构的政务公开信息',
    actions: ['release', 'audit'],
    governed: [`${CM}.read`],
    condition: 'organization-subtree',
    upload: uploadPermissions(UPLOAD_READ_ONLY, ['plugin::upload.settings.read']),
  },
  // 依申请公开: applications are handled through the plugin's own pages, scoped to the member's organization and below.
  {
    code: ROLE_CODES.applicationHandler,
    name: '依申请公开经办人',
    description: '办理本机构及下属机构收到的政府信息公开申请：登记、补正、征求意见、收费、答复',
    actions: ['application-handle'],
    governed: [] as string[],
    condition: 'organization-subtree',
    upload: [] as ReturnType<typeof uploadPermissions>,
  },
  {
    code: ROLE_CODES.applicationHead,
    name: '政府信息公开工作机构负责人',
    description: '办理政府信息公开申请，批准延长答复期限，登记行政复议、行政诉讼案件',
    actions: ['application-handle', 'application-extend', 'application-cases'],
    governed: [] as string[],
    condition: 'organization-subtree',
    upload: [] as ReturnType<typeof uploadPermissions>,
  },
];

/**
 * The seeded roles read every field of the governed types: a reviewer approves, and a publisher releases, the whole
 * content (its hash), so none may be hidden from them. A role seeded before a field existed lacks it in its read
 * permission, and the content manager then shows the field as 「无权查看此字段」: add the missing fields.
 */
async function readEveryField(strapi: Core.Strapi, all: any[], governed: string[]) {
  const fieldsOf = new Map<string, string[]>(
    all.filter((p: any) => p.action === `${CM}.read` && governed.includes(p.subject)).map((p: any) => [p.subject, p.properties?.fields ?? []])
  );
  const roleRows = await strapi.db.query('admin::role').findMany({ where: { code: { $in: ROLE_DEFINITIONS.map((d) => d.code) } }, select: ['id'] });
  const stored = await strapi.db.query('admin::permission').findMany({
    where: { action: `${CM}.read`, subject: { $in: governed }, role: { id: { $in: roleRows.map((r: any) => r.id) } } },
  });
  for (const permission of stored) {
    const fields: string[] | undefined = permission.properties?.fields;
    const missing = (fieldsOf.get(permission.subject) ?? []).filter((field) => Array.isArray(fields) && !fields.includes(field));
    if (!missing.length) continue;
    await strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: { properties: { ...permission.properties, fields: [...fields!, ...missing] } },
    });
  }
}

/**
 * Seeds the 编辑 / 审核员 / 签发人 and the 依申请公开 admin roles (系统管理员 is Strapi's super admin)
 * and the RBAC conditions that scope the content manager to the user's
 * organization. Existing roles are left as administrators configured them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  registerActions() {
    return strapi.service('admin::permission').actionProvider.registerMany(
      WORKFLOW_ACTIONS.map(({ uid, displayName }) => ({ section: 'plugins', displayName, uid, pluginName: PLUGIN_ID }))
    );
  },

  async registerConditions() {
    const staff = getService('staff', strapi);
    const organizationOf = async (user: any) =>
      (await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: [USER_ORGANIZATION_FIELD] }))?.[USER_ORGANIZATION_FIELD]?.id ?? null;
    await strapi.service('admin::permission').conditionProvider.registerMany([
      {
        displayName: '本机构的信息',
        name: 'own-organization',
        plugin: PLUGIN_ID,
        async handler(user: any) {
          return { 'publishingOrganization.id': { $eq: (await organizationOf(user)) ?? -1 } };
        },
      },
      {
        displayName: '本机构及下属机构的信息',
        name: 'organization-subtree',
        plugin: PLUGIN_ID,
        async handler(user: any) {
          const ids = await staff.subtree(await organizationOf(user));
          return { 'publishingOrganization.id': { $in: ids.length ? ids : [-1] } };
        },
      },
      {
        // Files carry no organization: a file belongs to whoever uploaded it, so to their organization.
        displayName: '本机构人员上传的文件',
        name: 'organization-files',
        plugin: PLUGIN_ID,
        async handler(user: any) {
          return { 'createdBy.id': { $in: await staff.colleagueIds(user.id) } };
        },
      },
    ]);
  },

  async seedRoles() {
    const roles = strapi.service('admin::role');
    // Strapi creates its own roles (Super Admin first) only while none exist: let it go first.
    await roles.createRolesIfNoneExist();
    const governed = governedUids(strapi);
    const all = strapi.service('admin::content-type').getPermissionsWithNestedFields(
      strapi.service('admin::permission').actionProvider.values().filter((a: any) => a.section === 'contentTypes')
    );
    // Roles seeded before editors could attach files get the upload permissions once; later changes stay.
    const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
    const uploadsGranted = Boolean(await store.get({ key: 'upload-permissions-granted' }));
    for (const definition of ROLE_DEFINITIONS) {
      if (await roles.exists({ code: definition.code })) {
        if (uploadsGranted) continue;
        const role = await roles.findOne({ code: definition.code }, ['permissions']);
        const held = new Set((role?.permissions ?? []).map((p: { action: string }) => p.action));
        const missing = definition.upload.filter((p) => !held.has(p.action));
        if (role && missing.length > 0) await roles.addPermissions(role.id, missing);
        continue;
      }
      const role = await roles.create({ name: definition.name, code: definition.code, description: definition.description });
      const contentPermissions = all
        .filter((p: any) => governed.includes(p.subject) && definition.governed.includes(p.action))
        .map((p: any) => ({ ...p, conditions: [`plugin::${PLUGIN_ID}.${definition.condition}`] }));
      const referencePermissions = all.filter((p: any) => [...REFERENCE_CONTENT_TYPES, SENSITIVE_TERM_UID].includes(p.subject) && p.action === `${CM}.read`);
      const workflowPermissions = definition.actions.map((action) => ({ action: `plugin::${PLUGIN_ID}.${action}`, subject: null, properties: {}, conditions: [] }));
      await roles.assignPermissions(role.id, [...contentPermissions, ...referencePermissions, ...workflowPermissions, ...definition.upload]);
    }
    await store.set({ key: 'upload-permissions-granted', value: true });
    await readEveryField(strapi, all, governed);
    for (const { code, strapiName, name, description } of BUILT_IN_ROLE_LABELS) {
      await strapi.db.query('admin::role').update({ where: { code, name: strapiName }, data: { name, description } });
    }
  },

});
