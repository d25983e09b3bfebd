export { PLUGIN_ID } from '../../shared/vocabulary';
