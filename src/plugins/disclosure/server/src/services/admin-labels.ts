import type { Core, UID } from '@strapi/strapi';
import { governedUids } from '../utils/content-type-uid';
import { CALENDAR_DAY_UID, CONSUMER_SITE_UID, REFERENCE_CONTENT_TYPES, SENSITIVE_TERM_UID } from '../constants';
import { catalogAttributes, COMPUTED_ATTRIBUTES } from '../content-types/catalog-attributes';

/** `former`: defaults this project shipped before; a label or help text still equal to one was never customised. */
type Label = { label: string; labelEn: string; description?: string; former?: { label?: string[]; description?: string[] } };

const labelOf = (attribute: any): Label | undefined => attribute?.pluginOptions?.disclosure;

/**
 * The content manager shows attribute names until someone sets labels by hand.
 * Every attribute of ours carries its Chinese label in pluginOptions.disclosure;
 * this copies them into the content-manager configuration, leaving alone any
 * label an administrator already changed (and updating our own former defaults).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const relabel = (schema: any, configuration: any) => {
    let changed = false;
    for (const [name, attribute] of Object.entries<any>(schema.attributes)) {
      const label = labelOf(attribute);
      const meta = configuration.metadatas?.[name];
      if (!label || !meta) continue;
      for (const view of ['edit', 'list'] as const) {
        if (meta[view] && (!meta[view].label || meta[view].label === name || label.former?.label?.includes(meta[view].label))) {
          meta[view].label = label.label;
          changed = true;
        }
      }
      if (meta.edit && label.description && (!meta.edit.description || label.former?.description?.includes(meta.edit.description))) {
        meta.edit.description = label.description;
        changed = true;
      }
    }
    return changed;
  };

  /** Catalogue fields first in the edit view, in their catalogue order (only on an untouched layout). */
  const catalogFirst = (configuration: any) => {
    const rows: { name: string; size: number }[][] = configuration.layouts?.edit ?? [];
    const first = rows[0]?.[0]?.name;
    if (!first || first === 'title') return false;
    const order = Object.keys(catalogAttributes);
    const fields = rows.flat();
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    const sorted = fields.map((field, i) => ({ field, i })).sort((a, b) => rank(a.field.name) - rank(b.field.name) || a.i - b.i);
    const relaid: { name: string; size: number }[][] = [];
    let row: { name: string; size: number }[] = [];
    let width = 0;
    for (const { field } of sorted) {
      if (width + field.size > 12) {
        relaid.push(row);
        row = [];
        width = 0;
      }
      row.push(field);
      width += field.size;
    }
    if (row.length) relaid.push(row);
    configuration.layouts.edit = relaid;
    return true;
  };

  return {
    async apply() {
      const contentTypes = strapi.plugin('content-manager').service('content-types');
      const components = strapi.plugin('content-manager').service('components');
      const governed = governedUids(strapi);

      const labelled: UID.ContentType[] = [...governed, ...REFERENCE_CONTENT_TYPES, SENSITIVE_TERM_UID, CALENDAR_DAY_UID, CONSUMER_SITE_UID];
      for (const uid of labelled) {
        const schema = strapi.contentType(uid);
        const configuration = await contentTypes.findConfiguration(schema);
        let changed = relabel(schema, configuration);
        const mainField = 'title' in schema.attributes ? 'title' : 'name';
        // Strapi defaults the main field to the first string attribute; ours is the title (or name).
        const strapiDefault = Object.entries<any>(schema.attributes).find(([, a]) => a.type === 'string')?.[0];
        const current = configuration.settings?.mainField;
        if (current !== mainField && [strapiDefault, 'id', 'documentId'].includes(current)) {
          configuration.settings.mainField = mainField;
          changed = true;
        }
        if (governed.includes(uid)) {
          changed = catalogFirst(configuration) || changed;
          // The system computes these (writes to them are dropped): the form shows them read-only.
          for (const name of COMPUTED_ATTRIBUTES) {
            const edit = configuration.metadatas[name]?.edit;
            if (edit && edit.editable !== false) {
              edit.editable = false;
              changed = true;
            }
          }
          // Editors find entries by 名称 and 索引号; Strapi's default list shows the first four fields.
          if (!configuration.layouts.list.includes('title')) {
            configuration.layouts.list = ['title', 'indexNumber', 'disclosureAttribute', 'formedOrChangedAt'];
            changed = true;
          }
        }
        if (changed) await contentTypes.updateConfiguration(schema, configuration);
      }
      for (const [uid, schema] of Object.entries(strapi.components)) {
        if (!uid.startsWith('disclosure.')) continue;
        const configuration = await components.findConfiguration(schema);
        if (relabel(schema, configuration)) await components.updateConfiguration(schema, configuration);
      }
    },
  };
};
