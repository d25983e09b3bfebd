export default [
  // A request id (X-Request-Id) for every request and every log line written while serving it: first, so that the
  // access line and any error logged below carry it.
  'plugin::disclosure.request-id',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  // Request budgets per site token and client address (429 + Retry-After): logged, with the error shape and CORS
  // headers of every answer, and before any body is parsed.
  'plugin::disclosure.rate-limit',
  // The 依申请公开 form's own budgets and body limit (413 BODY_TOO_LARGE), before strapi::body reads anything.
  'plugin::disclosure.application-gate',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
