import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Tests and API-only instances run without the built admin panel.
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  // Login, registration and password reset are throttled by Strapi; its refusal is shown as is on the login page.
  rateLimit: {
    handler() {
      throw new errors.RateLimitError('尝试次数过多，请稍后再试。', { code: 'RATE_LIMITED' });
    },
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
