import type { Core, Schema, Struct, UID } from '@strapi/strapi';

/** The Chinese label our attributes carry in pluginOptions.disclosure (content-types/catalog-attributes.ts). */
const labelOf = (attribute: Schema.Attribute.AnyAttribute): string | undefined => {
  const options = attribute.pluginOptions;
  const disclosure = options && 'disclosure' in options ? options.disclosure : undefined;
  return disclosure && typeof disclosure === 'object' && 'label' in disclosure && typeof disclosure.label === 'string' ? disclosure.label : undefined;
};

/** Chinese label of the attribute a validation path points at, following components. */
export function fieldLabel(strapi: Core.Strapi, uid: UID.ContentType | undefined, path: (string | number)[]): string {
  let schema: Struct.ContentTypeSchema | Struct.ComponentSchema | undefined = uid ? strapi.contentTypes[uid] : undefined;
  let label = String(path[path.length - 1] ?? '');
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) continue;
    const attribute: Schema.Attribute.AnyAttribute | undefined = schema?.attributes?.[segment];
    if (!attribute) break;
    label = labelOf(attribute) ?? String(segment);
    schema = attribute.type === 'component' ? strapi.components[attribute.component] : undefined;
  }
  return label;
}
