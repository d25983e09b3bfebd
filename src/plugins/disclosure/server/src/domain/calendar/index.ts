export * from './working-days';
export { OFFICIAL_YEARS } from './official';
