import type { Core, UID } from '@strapi/strapi';
import { SENSITIVE_TERM_UID } from '../constants';
import { SAMPLE_SENSITIVE_TERMS } from '../content-types/sensitive-term';
import { naturalPersonName } from '../domain/consumer/masking';
import { runReleaseChecks, TextField } from '../domain/release-checks';

const TEXT_TYPES = new Set(['string', 'text', 'richtext']);
/** System-owned or identifier fields: not prose an editor wrote. */
const SKIP = new Set(['indexNumber', 'slug']);

/** Flattens Strapi blocks content to plain text. */
const blocksText = (nodes: any[]): string =>
  (nodes ?? []).map((node) => (typeof node?.text === 'string' ? node.text : blocksText(node?.children ?? []))).join('\n');

/**
 * Collects the text an entry would publish (its own fields and components',
 * private fields excluded: those never leave the admin) and runs the checks.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const texts = (schema: any, value: any, path: (string | number)[] = []): TextField[] => {
    const out: TextField[] = [];
    for (const [name, attribute] of Object.entries<any>(schema.attributes)) {
      const field = value?.[name];
      if (field === null || field === undefined || attribute.private || SKIP.has(name)) continue;
      if (TEXT_TYPES.has(attribute.type) && typeof field === 'string') out.push({ path: [...path, name], text: field });
      else if (attribute.type === 'blocks' && Array.isArray(field)) out.push({ path: [...path, name], text: blocksText(field) });
      else if (attribute.type === 'component') {
        const component = strapi.components[attribute.component];
        const items = attribute.repeatable ? field : [field];
        items.forEach((item: any, i: number) => out.push(...texts(component, item, attribute.repeatable ? [...path, name, i] : [...path, name])));
      }
    }
    return out;
  };

  return {
    /** A fresh installation starts with sample sensitive terms; an administrator's list, even emptied later, is kept. */
    async seedSensitiveTerms() {
      if ((await strapi.db.query(SENSITIVE_TERM_UID).count()) === 0) {
        await strapi.db.query(SENSITIVE_TERM_UID).createMany({ data: SAMPLE_SENSITIVE_TERMS });
      }
    },

    async terms() {
      const rows = await strapi.db.query(SENSITIVE_TERM_UID).findMany({ select: ['term', 'suggestion'] });
      return rows.map((row: any) => ({ term: row.term, suggestion: row.suggestion ?? undefined }));
    },

    async check(uid: UID.ContentType, entry: any) {
      return runReleaseChecks({
        disclosureAttribute: entry.disclosureAttribute,
        texts: texts(strapi.contentType(uid), entry),
        terms: await this.terms(),
        personName: naturalPersonName(entry),
      });
    },
  };
};
