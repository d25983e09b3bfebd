import type { Core } from '@strapi/strapi';

/** Chinese label of the attribute a validation path points at, following components. */
export function fieldLabel(strapi: Core.Strapi, uid: string | undefined, path: (string | number)[]): string {
  let schema: any = uid ? strapi.contentTypes[uid as any] : undefined;
  let label = String(path[path.length - 1] ?? '');
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) continue;
    const attribute = schema?.attributes?.[segment];
    if (!attribute) break;
    label = attribute.pluginOptions?.disclosure?.label ?? String(segment);
    schema = attribute.type === 'component' ? strapi.components[attribute.component] : undefined;
  }
  return label;
}
