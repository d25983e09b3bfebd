import { unstable_useDocument, useQueryParams } from '@strapi/strapi/admin';
import * as React from 'react';

/** The content manager's document query params (its `buildValidParams`), so refetch hits the edit view's own query. */
function documentParams(query: Record<string, unknown>): Record<string, unknown> {
  const { plugins, ...rest } = query;
  const pluginParams = Object.values((plugins ?? {}) as Record<string, unknown>).reduce<Record<string, unknown>>(
    (acc, value) => (typeof value === 'object' && value !== null ? Object.assign(acc, value) : acc),
    {},
  );
  return { ...rest, ...pluginParams };
}

/**
 * The edit view's own document query: refetching it refreshes the form, its status and its buttons in place (the
 * form takes the new values as its starting point), without reloading the admin.
 */
export function useEditViewDocument(collectionType: string, model: string, documentId: string) {
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  const params = React.useMemo(() => documentParams(query), [query]);
  return unstable_useDocument({ collectionType, model, documentId, params });
}
