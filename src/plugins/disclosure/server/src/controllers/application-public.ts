import type { Core } from '@strapi/strapi';
import { ORGANIZATION_UID, PLUGIN_ID } from '../constants';
import type { ApplicationSettings } from '../config';
import { APPLICANT_KIND_LABELS, DELIVERY_METHOD_LABELS, ID_DOCUMENT_TYPE_LABELS, PREFERRED_FORM_LABELS } from '../domain/application-vocabulary';
import { issue } from '../domain/field-issue';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { toValidationError } from '../utils/validation-error';
import { APPLICATION_FIELD_LIMITS, validateApplicationInput } from '../validation/application';

const options = (labels: Record<string, [string, string]>) => Object.entries(labels).map(([value, [label]]) => ({ value, label }));

/**
 * The portal's 依申请公开 form and status page (no token: anyone may apply). The gate middleware has already charged
 * the caller's budget and read the body within its limit.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin(PLUGIN_ID).config('applications') as ApplicationSettings;

  /** The configured captcha module's verdict; without one, no captcha is asked. */
  async function checkCaptcha(token: string | null, ctx: any) {
    const module = settings().captchaModule;
    if (!module) return;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const verifier = require(module) as { verify: (token: string | null, ctx: unknown) => Promise<boolean> | boolean };
    if ((await verifier.verify(token, ctx)) !== true) {
      throw toValidationError([issue(['captcha'], 'CAPTCHA_FAILED', '验证码不正确或已过期，请重新验证', 'the captcha was not solved')], 'CAPTCHA_FAILED');
    }
  }

  return {
    async form(ctx: any) {
      const organizations = await strapi.db.query(ORGANIZATION_UID).findMany({ select: ['documentId', 'name'], orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = {
        data: {
          organizations: organizations.map((o: { documentId: string; name: string }) => ({ documentId: o.documentId, name: o.name })),
          applicantKinds: options(APPLICANT_KIND_LABELS),
          idTypes: options(ID_DOCUMENT_TYPE_LABELS),
          preferredForms: options(PREFERRED_FORM_LABELS),
          deliveryMethods: options(DELIVERY_METHOD_LABELS),
          limits: APPLICATION_FIELD_LIMITS,
          captcha: Boolean(settings().captchaModule),
        },
      };
    },

    async submit(ctx: any) {
      const result = validateApplicationInput(ctx.request.body, { channel: 'public' });
      if (!result.ok) throw toValidationError((result as Extract<typeof result, { ok: false }>).issues, 'VALIDATION_FAILED');
      const { captcha, ...input } = result.value;
      await checkCaptcha(captcha, ctx);
      const created = await getService('application-intake', strapi).create(input, {
        channel: 'online',
        receivedOn: null,
        actor: { actor: 'applicant', actorName: '申请人（网上提交）' },
      });
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 201;
      ctx.body = { data: { trackingCode: created.trackingCode, secret: created.secret, state: created.state, stateLabel: created.stateLabel, submittedAt: created.submittedAt } };
    },

    async status(ctx: any) {
      const { code, secret, ...rest } = ctx.query ?? {};
      const unknown = Object.keys(rest)[0];
      if (unknown) throw disclosureError(400, 'UNKNOWN_PARAMETER', `不支持查询参数“${unknown}”`, `unknown query parameter "${unknown}"`, {}, [unknown]);
      if (typeof code !== 'string' || !code.trim()) throw disclosureError(400, 'REQUIRED', '请填写申请编号', 'code is required', {}, ['code']);
      if (typeof secret !== 'string' || !secret.trim()) throw disclosureError(400, 'REQUIRED', '请填写查询码', 'secret is required', {}, ['secret']);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await getService('application-intake', strapi).status(code, secret) };
    },
  };
};
