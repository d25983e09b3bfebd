export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  // Request budgets per site token and client address (429 + Retry-After): logged, with the error shape and CORS
  // headers of every answer, and before any body is parsed.
  'plugin::disclosure.rate-limit',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
