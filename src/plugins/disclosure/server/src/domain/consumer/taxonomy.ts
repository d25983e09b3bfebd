/**
 * Taxonomy events: organizations, 公开目录分类 and 主题分类 created, changed or deleted, told to consumer sites in
 * the change feed (opt-in: `include=taxonomy`) and by webhook (opt-in per site), so their menus and filters follow
 * without re-reading the lists.
 */
import type { SiteScope } from './scope';

export const TAXONOMIES = ['organizations', 'categories', 'topics'] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

export const TAXONOMY_EVENTS = ['taxonomy.created', 'taxonomy.updated', 'taxonomy.deleted'] as const;
export type TaxonomyEventKind = (typeof TAXONOMY_EVENTS)[number];

export const isTaxonomyEvent = (event: unknown): event is TaxonomyEventKind => (TAXONOMY_EVENTS as readonly unknown[]).includes(event);

/** The public representation's fields that changed (documentId aside), in the representation's order. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
  return keys.filter((k) => k !== 'documentId' && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** What deciding a taxonomy event's visibility needs (columns of the feed row). */
export interface TaxonomyEventRow {
  event: TaxonomyEventKind;
  taxonomy: Taxonomy;
  /** The node's own id (null once deleted). */
  nodeId: number | null;
  /** Its parent before a move (null when it did not move or had none). */
  previousParentId: number | null;
}

export type TaxonomyVisibility = 'visible' | 'left_scope' | 'hidden';

/**
 * How a taxonomy event reads for a site, judged against its scope now (as the lists are): topics are every site's;
 * organizations are a site's when in its organization subtree, categories when the site reads every category or
 * the category is in its subtree. A node moved out of a site's scope (its previous parent is in scope, it is not)
 * reads as deleted for that site. A deletion goes to every site: it names only a documentId, and a menu must never
 * keep a node that no longer exists (its subtree membership can no longer be judged).
 */
export function taxonomyVisibility(scope: SiteScope, row: TaxonomyEventRow): TaxonomyVisibility {
  if (row.event === 'taxonomy.deleted' || row.taxonomy === 'topics') return 'visible';
  const ids = row.taxonomy === 'organizations' ? scope.organizationIds : scope.categoryIds;
  if (ids === null) return 'visible';
  if (row.nodeId !== null && ids.includes(row.nodeId)) return 'visible';
  if (row.event === 'taxonomy.updated' && row.previousParentId !== null && ids.includes(row.previousParentId)) return 'left_scope';
  return 'hidden';
}
