export * from './fixtures';
export { fullAccessToken } from './strapi';
