import { disclosureError } from '../utils/disclosure-error';

/**
 * `plugin::disclosure.any-permission`: the admin user holds at least one of the
 * listed permissions (Strapi's admin::hasPermissions needs all of them). Refuses
 * in the plugin's one error shape.
 */
const anyPermission = (policyContext: any, config: { actions: string[] }) => {
  const ability = policyContext.state?.userAbility;
  if (config.actions.some((action) => ability?.can(action))) return true;
  throw disclosureError(403, 'NOT_ALLOWED', '您没有政务公开工作权限，不能查看此内容', 'this needs one of the disclosure workflow permissions');
};

export default { 'any-permission': anyPermission };
