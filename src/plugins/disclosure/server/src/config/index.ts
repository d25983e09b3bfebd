import { DEFAULT_GOVERNED_CONTENT_TYPES, DEFAULT_INDEX_NUMBER_PATTERN } from '../constants';
import { parseIndexNumberPattern } from '../domain/index-number';

export interface DisclosurePluginConfig {
  /** Content types that carry the catalogue fields and follow the disclosure rules. */
  contentTypes: string[];
  indexNumber: { pattern: string };
}

export default {
  default: (): DisclosurePluginConfig => ({
    contentTypes: [...DEFAULT_GOVERNED_CONTENT_TYPES],
    indexNumber: { pattern: DEFAULT_INDEX_NUMBER_PATTERN },
  }),
  validator(config: DisclosurePluginConfig) {
    if (!Array.isArray(config.contentTypes) || config.contentTypes.some((uid) => typeof uid !== 'string' || !uid.startsWith('api::'))) {
      throw new Error('disclosure.contentTypes must be a list of api:: content-type uids');
    }
    parseIndexNumberPattern(config.indexNumber?.pattern);
  },
};
