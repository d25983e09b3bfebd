/**
 * What a consumer site may read: entries of its organizations and everything below them, and — when it names
 * categories — only of those categories and their subcategories.
 */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

export interface SiteScope {
  organizationIds: number[];
  /** null: every category. */
  categoryIds: number[] | null;
}

/** The roots and every node below them (cycles in bad data are tolerated). */
export function subtreeIds(nodes: TreeNode[], roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parentId !== null) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
  }
  const seen = new Set<number>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * A site restricted to categories stays restricted when they are all deleted: it then sees no category at all
 * (fail closed), never every category. Only a site never restricted — or explicitly opened — reads all categories.
 */
export function scopeOf(organizations: TreeNode[], categories: TreeNode[], site: { organizationIds: number[]; categoryIds: number[]; categoryRestricted?: boolean }): SiteScope {
  const restricted = site.categoryRestricted === true || site.categoryIds.length > 0;
  return {
    organizationIds: subtreeIds(organizations, site.organizationIds),
    categoryIds: restricted ? subtreeIds(categories, site.categoryIds) : null,
  };
}

export function inScope(scope: SiteScope, organizationId: number | null | undefined, categoryId: number | null | undefined): boolean {
  if (organizationId === null || organizationId === undefined || !scope.organizationIds.includes(organizationId)) return false;
  if (scope.categoryIds === null) return true;
  return categoryId !== null && categoryId !== undefined && scope.categoryIds.includes(categoryId);
}

export type FeedVisibility = 'visible' | 'left_scope' | 'hidden';

/**
 * How a feed event looks to a site: visible as is; `left_scope` when the entry was in the site's scope before this
 * event and is not now (the site must delete it: it sees a withdrawal); hidden otherwise.
 */
export function feedVisibility(
  scope: SiteScope,
  event: { organizationId: number | null; categoryId: number | null; previousOrganizationId: number | null; previousCategoryId: number | null }
): FeedVisibility {
  if (inScope(scope, event.organizationId, event.categoryId)) return 'visible';
  if (inScope(scope, event.previousOrganizationId, event.previousCategoryId)) return 'left_scope';
  return 'hidden';
}
